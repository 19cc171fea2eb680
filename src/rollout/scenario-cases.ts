import type { GoldenExpectation, GoldenTurn } from "../domain/drift.ts";

/**
 * The scenario suite's cases: one customer situation each, with the outcome and reasons the engine
 * reaches when the model answers as recorded for it (the tests and `npm run demo` pair each case with
 * its recorded model output by name). The worker replays them as the bundled part of the golden set
 * (`golden`): what a live model must reach for the same conversation, against the bundled golden
 * articles. A case whose outcome only a recorded failure or the pipeline decides (an API error, a
 * malformed output, a ticket a person already owns) has `golden: null` and is not replayed.
 */
export interface ScenarioCase {
  name: string;
  subject: string;
  /** The conversation, oldest first; the last turn is the message handled. */
  turns: GoldenTurn[];
  /** With the recorded model output. */
  expect: { outcome: "answer" | "ask" | "act" | "escalate" | "skip"; reasons: string[] };
  /** With a live model; null: not part of the golden set. */
  golden: GoldenExpectation | null;
}

const escalates = (...reasons: string[]): GoldenExpectation => ({ outcomes: ["escalate"], reasons });

export const SCENARIO_CASES: readonly ScenarioCase[] = [
  {
    name: "answer from the help center",
    subject: "Returning an opened headset",
    turns: [{ by: "c", text: "How long do I have to return an opened headset for a refund, and is there a fee?" }],
    expect: { outcome: "answer", reasons: [] },
    golden: { outcomes: ["answer"], reasons: [] },
  },
  {
    name: "ask one focused question",
    subject: "Where is my parcel",
    turns: [{ by: "c", text: "My parcel has not arrived yet, where is it?" }],
    expect: { outcome: "ask", reasons: [] },
    // Asking for the order number and answering from the shipping article are both fine; escalating is not.
    golden: { outcomes: ["ask", "answer"], reasons: [] },
  },
  {
    name: "proposed action goes to a human (actions come later)",
    subject: "Verification email",
    turns: [{ by: "c", text: "Please send me the account verification email again." }],
    expect: { outcome: "escalate", reasons: ["needs_human_judgment"] },
    // The replay offers no support actions, so a resend can only go to a person.
    golden: escalates(),
  },
  {
    name: "low confidence escalates",
    subject: "Plan question",
    turns: [{ by: "c", text: "Which plan includes priority routing for our team?" }],
    expect: { outcome: "escalate", reasons: ["low_confidence"] },
    // No golden article covers plans: anything but an answer.
    golden: { outcomes: ["escalate", "ask"], reasons: [] },
  },
  {
    name: "answer with an ungrounded price",
    subject: "Restocking fee",
    turns: [{ by: "c", text: "What does it cost to return a headset I already opened?" }],
    expect: { outcome: "escalate", reasons: ["no_grounding"] },
    // The recorded output invents $40; a live model must answer with the article's $25.
    golden: { outcomes: ["answer"], reasons: [] },
  },
  {
    name: "answer citing a source that was not retrieved",
    subject: "Refund timing",
    turns: [{ by: "c", text: "When will my refund show up on my statement?" }],
    expect: { outcome: "escalate", reasons: ["no_grounding"] },
    // The refund article gives the 5-7 business days.
    golden: { outcomes: ["answer"], reasons: [] },
  },
  {
    name: "customer asks for a person",
    subject: "Need help",
    turns: [{ by: "c", text: "I want to talk to a real person, not a bot." }],
    expect: { outcome: "escalate", reasons: ["human_requested"] },
    golden: escalates("human_requested"),
  },
  {
    name: "legal threat",
    subject: "Final warning",
    turns: [{ by: "c", text: "My attorney will file a lawsuit if the contract terms are not honoured this week." }],
    expect: { outcome: "escalate", reasons: ["legal"] },
    golden: escalates("legal"),
  },
  {
    name: "unauthorized charge",
    subject: "Strange payment",
    turns: [{ by: "c", text: "There is a payment on my card that I did not make. I never authorized it." }],
    expect: { outcome: "escalate", reasons: ["fraud"] },
    golden: escalates("fraud"),
  },
  {
    name: "hacked account",
    subject: "Account taken over",
    turns: [{ by: "c", text: "Someone hacked my account and changed the password, I can't get in anymore." }],
    expect: { outcome: "escalate", reasons: ["security"] },
    golden: escalates("security"),
  },
  {
    name: "threat of violence",
    subject: "Angry customer",
    turns: [{ by: "c", text: "If this isn't sorted out I will come to your office and hurt someone." }],
    expect: { outcome: "escalate", reasons: ["safety"] },
    golden: escalates("safety"),
  },
  {
    name: "negative streak",
    subject: "Sync keeps failing",
    turns: [
      { by: "c", text: "Your sync feature is useless garbage, it failed again and I lost an hour of work." },
      { by: "a", text: "I'm sorry about that. Could you tell me which device you are syncing from?" },
      { by: "c", text: "This is ridiculous and awful, I am furious that it still does not work." },
    ],
    expect: { outcome: "escalate", reasons: ["negative_streak"] },
    golden: escalates("negative_streak"),
  },
  {
    name: "the same question three times",
    subject: "CSV export",
    turns: [
      { by: "c", text: "How do I export my contacts to a CSV file?" },
      { by: "a", text: "You can export contacts from the Contacts page." },
      { by: "c", text: "How do I export my contacts to a CSV file?" },
      { by: "a", text: "On the Contacts page, choose Export." },
      { by: "c", text: "How can I export my contacts to a CSV file?" },
    ],
    expect: { outcome: "escalate", reasons: ["loop"] },
    golden: escalates("loop"),
  },
  {
    name: "turn cap reached",
    subject: "Settings help",
    turns: [
      { by: "c", text: "Where do I change my notification settings?" },
      { by: "a", text: "Open Settings and choose Notifications." },
      { by: "c", text: "I found it. And where are the email preferences?" },
      { by: "a", text: "They are in the same Notifications section." },
      { by: "c", text: "Thanks. Can I also mute mobile pushes at night?" },
      { by: "a", text: "Yes, use the quiet hours option there." },
      { by: "c", text: "Great. Last thing, can I set quiet hours per device?" },
      { by: "a", text: "Quiet hours apply to all devices." },
      { by: "c", text: "Ok, and can I export those settings to another account?" },
    ],
    expect: { outcome: "escalate", reasons: ["turn_cap"] },
    golden: escalates("turn_cap"),
  },
  {
    name: "model API error",
    subject: "Invoice copy",
    turns: [{ by: "c", text: "Can I get a copy of last month's invoice as a PDF?" }],
    expect: { outcome: "escalate", reasons: ["model_error"] },
    golden: null,
  },
  {
    name: "malformed model output",
    subject: "Billing address",
    turns: [{ by: "c", text: "How do I update the billing address printed on my invoices?" }],
    expect: { outcome: "escalate", reasons: ["model_error"] },
    golden: null,
  },
  {
    name: "ticket a human agent already answered",
    subject: "Login trouble",
    turns: [
      { by: "c", text: "The login page keeps spinning forever." },
      { by: "h", text: "Thanks, we are looking into it and will update you here." },
      { by: "c", text: "Any news on the login page?" },
    ],
    expect: { outcome: "skip", reasons: ["human_owned"] },
    golden: null,
  },
];
