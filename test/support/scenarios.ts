import type { ModelOutput } from "../../src/ports/model-output.ts";
import { SCENARIO_CASES } from "../../src/rollout/scenario-cases.ts";
import { modelReplies, sampleModelOutput, type ModelReply } from "./anthropic-mock.ts";
import type { RecordedModelCall } from "./anthropic-mock.ts";
import { SANDBOX, type ZendeskSandbox } from "./zendesk-sandbox.ts";

/**
 * The scenario suite: the cases of src/rollout/scenario-cases.ts (one customer situation each, with the
 * outcome and reasons the engine must reach), each with the model output recorded for it. Used by the
 * integration tests and by `npm run demo` (which replays these outputs when no ANTHROPIC_API_KEY is set).
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

/** The recorded model answer of each scenario case (decide and handoff calls alike), by case name. */
const RECORDED: Record<string, ModelReply> = {
  "answer from the help center": output({
    reply: "You can request a refund within 30 days of purchase. Opened hardware returns carry a $25 restocking fee.",
    cited_source_ids: [REFUNDS],
  }),
  "ask one focused question": output({
    intent_category: "order_shipping",
    outcome: "ask",
    reply: "Could you tell me the order number so I can look up its tracking?",
    cited_source_ids: [],
  }),
  "proposed action goes to a human (actions come later)": output({
    intent_category: "account_access",
    outcome: "act",
    reply: "I have re-sent the verification email.",
    cited_source_ids: [],
    action: { name: "resend_verification_email", parameters: {} },
  }),
  "low confidence escalates": output({
    intent_category: "product_question",
    classification_confidence: 0.45,
    cited_source_ids: [REFUNDS],
  }),
  "answer with an ungrounded price": output({
    reply: "Returning an opened headset costs a $40 restocking fee.",
    cited_source_ids: [REFUNDS],
  }),
  "answer citing a source that was not retrieved": output({
    reply: "Refunds show up within a few business days.",
    cited_source_ids: ["zd-article:999999"],
  }),
  "customer asks for a person": escalateOutput("The customer asked for a person.", "contact_support", "normal"),
  "legal threat": escalateOutput("The customer threatens legal action over contract terms.", "complaint"),
  "unauthorized charge": escalateOutput("The customer reports a card payment they did not make.", "fraud_security"),
  "hacked account": escalateOutput("The customer's account appears to be compromised.", "fraud_security"),
  "threat of violence": escalateOutput("The customer made a threat of violence.", "complaint", "urgent"),
  "negative streak": output({
    intent_category: "technical_bug",
    outcome: "ask",
    reply: "Which app version are you on?",
    cited_source_ids: [],
  }),
  "the same question three times": output({ intent_category: "product_question", cited_source_ids: [REFUNDS] }),
  "turn cap reached": output({ intent_category: "product_question", cited_source_ids: [REFUNDS] }),
  "model API error": modelReplies.httpError(500, { "x-should-retry": "false" }),
  "malformed model output": modelReplies.malformedJson(),
  "ticket a human agent already answered": output({}),
};

export const SCENARIOS: Scenario[] = SCENARIO_CASES.map((c) => {
  const model = RECORDED[c.name];
  if (!model) throw new Error(`scenario "${c.name}" has no recorded model output`);
  return { name: c.name, subject: c.subject, turns: c.turns, model, expect: c.expect };
});

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
  if (reply.kind !== "output") return reply;
  // An Intercom prompt cites the Intercom article ids; a drift check's replay, the golden refund passage.
  const rename = prompt.includes("ic-article:")
    ? (id: string) => id.replace(/^zd-article:/, "ic-article:")
    : prompt.includes("golden-article:")
      ? (id: string) => (id === REFUNDS ? "golden-article:refund-policy#1" : id)
      : null;
  if (!rename) return reply;
  return { ...reply, output: { ...reply.output, cited_source_ids: reply.output.cited_source_ids.map(rename) } };
}
