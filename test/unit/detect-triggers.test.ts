import { describe, expect, it } from "vitest";
import { detectTriggers } from "../../src/triage/detect-triggers.ts";
import type { MessageTriggers } from "../../src/domain/triage.ts";

type Trigger = keyof MessageTriggers;

/** One row per pattern family; `fires` lists the triggers expected, every other one must stay off. */
const rows: Array<{ family: string; text: string; fires: Trigger[] }> = [
  // human_agent
  { family: "verb + person", text: "Could you connect me with a live representative?", fires: ["human_agent"] },
  { family: "typo tolerance", text: "i need to speek with somone", fires: ["human_agent"] },
  { family: "wish for a person", text: "I just want a human, please", fires: ["human_agent"] },
  { family: "standalone request", text: "Agent!!", fires: ["human_agent"] },
  { family: "rejecting the bot", text: "I'm sick of talking to a bot", fires: ["human_agent"] },
  { family: "how-to is still a request", text: "What do I need to do to reach an operator?", fires: ["human_agent"] },
  { family: "Spanish", text: "Necesito hablar con una persona real", fires: ["human_agent"] },
  { family: "French", text: "Je souhaite être mis en relation avec un conseiller", fires: ["human_agent"] },
  { family: "German", text: "Ich möchte mit einem echten Menschen reden", fires: ["human_agent"] },
  { family: "Portuguese", text: "Quero falar com um atendente humano", fires: ["human_agent"] },
  { family: "hard negative: necessity question", text: "Do I need to speak to someone to change my PIN?", fires: [] },
  { family: "hard negative: negated wish", text: "No need for an agent, I found the answer", fires: [] },
  { family: "hard negative: money to a person", text: "How do I transfer money to someone in Spain?", fires: [] },
  { family: "hard negative: estate agent", text: "The deposit has to reach the estate agent by Friday", fires: [] },
  // legal_regulatory
  { family: "lawyer", text: "I've already spoken to my attorney about this.", fires: ["legal_regulatory"] },
  { family: "sue with a party", text: "I am going to sue your company", fires: ["legal_regulatory"] },
  { family: "regulator complaint", text: "I'll escalate this to the financial ombudsman", fires: ["legal_regulatory"] },
  { family: "GDPR erasure", text: "Please erase all personal data you hold about me", fires: ["legal_regulatory"] },
  { family: "right to be forgotten", text: "I am exercising my right to be forgotten", fires: ["legal_regulatory"] },
  { family: "subject access request", text: "This is a data subject access request", fires: ["legal_regulatory"] },
  { family: "German lawsuit", text: "Ich werde Sie verklagen", fires: ["legal_regulatory"] },
  { family: "hard negative: suing typed for using", text: "I am suing the app on my new phone", fires: [] },
  { family: "hard negative: power of attorney", text: "How do I add a power of attorney to my account?", fires: [] },
  // fraud_unauthorized
  {
    family: "payment not made",
    text: "There's a payment on my statement that I didn't make",
    fires: ["fraud_unauthorized"],
  },
  { family: "not recognised", text: "I don't recognise this direct debit", fires: ["fraud_unauthorized"] },
  {
    family: "odd transaction",
    text: "Why is there an unfamiliar withdrawal on my account?",
    fires: ["fraud_unauthorized"],
  },
  { family: "not mine", text: "That card payment is not mine", fires: ["fraud_unauthorized"] },
  {
    family: "app says but I didn't",
    text: "The app says I took out cash but I didn't!",
    fires: ["fraud_unauthorized"],
  },
  { family: "chargeback", text: "I want to open a chargeback", fires: ["fraud_unauthorized"] },
  { family: "not my account", text: "This is not my account, I never opened it", fires: ["fraud_unauthorized"] },
  { family: "Spanish charge", text: "Hay un cargo que no reconozco", fires: ["fraud_unauthorized"] },
  { family: "hard negative: inability", text: "Why can't I make a transfer?", fires: [] },
  { family: "hard negative: charged twice", text: "I was charged twice for one purchase", fires: [] },
  { family: "hard negative: pending", text: "I don't know what a pending payment is", fires: [] },
  // account_security
  { family: "hacked", text: "My account has been hacked", fires: ["account_security"] },
  { family: "someone logged in", text: "Someone else logged into my account last night", fires: ["account_security"] },
  { family: "lost phone", text: "I can't find my phone and the banking app is on it", fires: ["account_security"] },
  { family: "stolen card", text: "My wallet was stolen this morning", fires: ["account_security"] },
  { family: "details leaked", text: "I think my card details were leaked", fires: ["account_security"] },
  { family: "French lost phone", text: "J'ai perdu mon téléphone", fires: ["account_security"] },
  {
    family: "stranger using the card",
    text: "Someone is using my card",
    fires: ["account_security", "fraud_unauthorized"],
  },
  { family: "hard negative: ATM kept the card", text: "The ATM took my card and didn't give it back", fires: [] },
  { family: "hard negative: lost in the post", text: "Is my new card lost in the mail? It hasn't arrived", fires: [] },
  { family: "hard negative: forgotten password", text: "I forgot my password", fires: [] },
  {
    family: "hard negative: card found again",
    text: "I lost my card but found it today, can I reactivate it?",
    fires: [],
  },
  // negative_sentiment
  { family: "profanity", text: "where is my damn refund", fires: ["negative_sentiment"] },
  { family: "strongly negative", text: "This is ridiculous, the worst service ever", fires: ["negative_sentiment"] },
  { family: "Spanish profanity", text: "joder, otra vez no funciona", fires: ["negative_sentiment"] },
  { family: "hard negative: problem report", text: "My card is not working, there is an error", fires: [] },
  { family: "hard negative: stolen report", text: "My phone was stolen", fires: ["account_security"] },
  { family: "hard negative: German article", text: "Die Zahlung ist noch offen", fires: [] },
  // safety
  { family: "self-harm", text: "I can't take this anymore, I want to end my life", fires: ["safety"] },
  { family: "threat of violence", text: "I'm going to hurt your staff", fires: ["safety"] },
  {
    family: "idiom is frustration, not a threat",
    text: "This delay is killing me, when does my card arrive?",
    fires: ["negative_sentiment"],
  },
];

describe("detectTriggers", () => {
  it.each(rows)("$family: $text", ({ text, fires }) => {
    const triggers = detectTriggers(text);
    const fired = (Object.keys(triggers) as Trigger[]).filter((key) => triggers[key]).sort();
    expect(fired).toEqual([...fires].sort());
  });
});
