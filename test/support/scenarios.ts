import type { ModelOutput } from "../../src/ports/model-output.ts";
import { modelReplies, sampleModelOutput, type ModelReply } from "./anthropic-mock.ts";
import type { RecordedModelCall } from "./anthropic-mock.ts";
import { SANDBOX, type ZendeskSandbox } from "./zendesk-sandbox.ts";

/**
 * The scenario suite: one customer situation each, with the model output recorded for it, and the
 * outcome and reasons the engine must reach. Used by the integration tests and by `npm run demo`
 * (which replays these outputs when no ANTHROPIC_API_KEY is set).
 */
export interface Scenario {
  name: string;
  /** The conversation: customer (c), assistant (a) or human agent (h) turns; the last is the message handled. */
  turns: Array<{ by: "c" | "a" | "h"; text: string }>;
  subject: string;
  /** Recorded model answer for this conversation (decide and handoff calls alike). */
  model: ModelReply;
  expect: { outcome: "answer" | "ask" | "act" | "escalate" | "skip"; reasons: string[] };
}

/** Passage 1 of the sandbox "Refund policy" article (passage ids are `<article id>#<n>`). */
const REFUNDS = "zd-article:360001001#1";

function output(overrides: Partial<ModelOutput>): ModelReply {
  return modelReplies.output(sampleModelOutput(overrides));
}

const escalateOutput = (
  summary: string,
  category: ModelOutput["intent_category"],
  urgency: ModelOutput["handoff"]["urgency"] = "high",
) =>
  output({
    intent_category: category,
    outcome: "escalate",
    reply: null,
    cited_source_ids: [],
    handoff: {
      summary,
      customer_wants: "",
      known_facts: [],
      urgency,
      suggested_next_step: "Take over the conversation.",
    },
  });

export const SCENARIOS: Scenario[] = [
  {
    name: "answer from the help center",
    subject: "Returning an opened headset",
    turns: [{ by: "c", text: "How long do I have to return an opened headset for a refund, and is there a fee?" }],
    model: output({
      reply: "You can request a refund within 30 days of purchase. Opened hardware returns carry a $25 restocking fee.",
      cited_source_ids: [REFUNDS],
    }),
    expect: { outcome: "answer", reasons: [] },
  },
  {
    name: "ask one focused question",
    subject: "Where is my parcel",
    turns: [{ by: "c", text: "My parcel has not arrived yet, where is it?" }],
    model: output({
      intent_category: "order_shipping",
      outcome: "ask",
      reply: "Could you tell me the order number so I can look up its tracking?",
      cited_source_ids: [],
    }),
    expect: { outcome: "ask", reasons: [] },
  },
  {
    name: "proposed action goes to a human (actions come later)",
    subject: "Verification email",
    turns: [{ by: "c", text: "Please send me the account verification email again." }],
    model: output({
      intent_category: "account_access",
      outcome: "act",
      reply: "I have re-sent the verification email.",
      cited_source_ids: [],
      action: { name: "resend_verification_email", parameters: {} },
    }),
    expect: { outcome: "escalate", reasons: ["needs_human_judgment"] },
  },
  {
    name: "low confidence escalates",
    subject: "Plan question",
    turns: [{ by: "c", text: "Which plan includes priority routing for our team?" }],
    model: output({
      intent_category: "product_question",
      classification_confidence: 0.45,
      cited_source_ids: [REFUNDS],
    }),
    expect: { outcome: "escalate", reasons: ["low_confidence"] },
  },
  {
    name: "answer with an ungrounded price",
    subject: "Restocking fee",
    turns: [{ by: "c", text: "What does it cost to return a headset I already opened?" }],
    model: output({ reply: "Returning an opened headset costs a $40 restocking fee.", cited_source_ids: [REFUNDS] }),
    expect: { outcome: "escalate", reasons: ["no_grounding"] },
  },
  {
    name: "answer citing a source that was not retrieved",
    subject: "Refund timing",
    turns: [{ by: "c", text: "When will my refund show up on my statement?" }],
    model: output({ reply: "Refunds show up within a few business days.", cited_source_ids: ["zd-article:999999"] }),
    expect: { outcome: "escalate", reasons: ["no_grounding"] },
  },
  {
    name: "customer asks for a person",
    subject: "Need help",
    turns: [{ by: "c", text: "I want to talk to a real person, not a bot." }],
    model: escalateOutput("The customer asked for a person.", "contact_support", "normal"),
    expect: { outcome: "escalate", reasons: ["human_requested"] },
  },
  {
    name: "legal threat",
    subject: "Final warning",
    turns: [{ by: "c", text: "My attorney will file a lawsuit if the contract terms are not honoured this week." }],
    model: escalateOutput("The customer threatens legal action over contract terms.", "complaint"),
    expect: { outcome: "escalate", reasons: ["legal"] },
  },
  {
    name: "unauthorized charge",
    subject: "Strange payment",
    turns: [{ by: "c", text: "There is a payment on my card that I did not make. I never authorized it." }],
    model: escalateOutput("The customer reports a card payment they did not make.", "fraud_security"),
    expect: { outcome: "escalate", reasons: ["fraud"] },
  },
  {
    name: "hacked account",
    subject: "Account taken over",
    turns: [{ by: "c", text: "Someone hacked my account and changed the password, I can't get in anymore." }],
    model: escalateOutput("The customer's account appears to be compromised.", "fraud_security"),
    expect: { outcome: "escalate", reasons: ["security"] },
  },
  {
    name: "threat of violence",
    subject: "Angry customer",
    turns: [{ by: "c", text: "If this isn't sorted out I will come to your office and hurt someone." }],
    model: escalateOutput("The customer made a threat of violence.", "complaint", "urgent"),
    expect: { outcome: "escalate", reasons: ["safety"] },
  },
  {
    name: "negative streak",
    subject: "Sync keeps failing",
    turns: [
      { by: "c", text: "Your sync feature is useless garbage, it failed again and I lost an hour of work." },
      { by: "a", text: "I'm sorry about that. Could you tell me which device you are syncing from?" },
      { by: "c", text: "This is ridiculous and awful, I am furious that it still does not work." },
    ],
    model: output({
      intent_category: "technical_bug",
      outcome: "ask",
      reply: "Which app version are you on?",
      cited_source_ids: [],
    }),
    expect: { outcome: "escalate", reasons: ["negative_streak"] },
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
    model: output({ intent_category: "product_question", cited_source_ids: [REFUNDS] }),
    expect: { outcome: "escalate", reasons: ["loop"] },
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
    model: output({ intent_category: "product_question", cited_source_ids: [REFUNDS] }),
    expect: { outcome: "escalate", reasons: ["turn_cap"] },
  },
  {
    name: "model API error",
    subject: "Invoice copy",
    turns: [{ by: "c", text: "Can I get a copy of last month's invoice as a PDF?" }],
    model: modelReplies.httpError(500, { "x-should-retry": "false" }),
    expect: { outcome: "escalate", reasons: ["model_error"] },
  },
  {
    name: "malformed model output",
    subject: "Billing address",
    turns: [{ by: "c", text: "How do I update the billing address printed on my invoices?" }],
    model: modelReplies.malformedJson(),
    expect: { outcome: "escalate", reasons: ["model_error"] },
  },
  {
    name: "ticket a human agent already answered",
    subject: "Login trouble",
    turns: [
      { by: "c", text: "The login page keeps spinning forever." },
      { by: "h", text: "Thanks, we are looking into it and will update you here." },
      { by: "c", text: "Any news on the login page?" },
    ],
    model: output({}),
    expect: { outcome: "skip", reasons: ["human_owned"] },
  },
];

/** Put a scenario's customer and ticket into the sandbox; returns what the webhook needs. */
export function stageScenario(sandbox: ZendeskSandbox, scenario: Scenario, index: number) {
  const customer = sandbox.addCustomer(`Scenario Customer ${index + 1}`);
  const author = { c: customer.id, a: SANDBOX.assistantId, h: SANDBOX.agentId } as const;
  const ticket = sandbox.addTicket({
    subject: scenario.subject,
    requesterId: customer.id,
    comments: scenario.turns.map((t) => ({ authorId: author[t.by], body: t.text })),
  });
  return { ticketId: ticket.id, requesterId: customer.id };
}

/**
 * The recorded reply for a model call: the scenario whose last customer message is in the prompt.
 * Outputs were recorded against the Zendesk Help Center; both sandboxes hold the same articles under
 * the same ids, so in an Intercom prompt the cited ids are the Intercom article ids.
 */
export function recordedReply(call: RecordedModelCall): ModelReply {
  const prompt = JSON.stringify(call.body);
  const scenario = SCENARIOS.find((s) => prompt.includes(JSON.stringify(s.turns.at(-1)?.text ?? "").slice(1, -1)));
  const reply = scenario?.model ?? modelReplies.httpError(500, { "x-should-retry": "false" });
  if (reply.kind !== "output" || !prompt.includes("ic-article:")) return reply;
  const cited = reply.output.cited_source_ids.map((id) => id.replace(/^zd-article:/, "ic-article:"));
  return { ...reply, output: { ...reply.output, cited_source_ids: cited } };
}
