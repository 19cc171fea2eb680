import type { TriageReason } from "./triage.ts";

/**
 * Every reason a decision can carry: why a plan escalates (or, for `sensitive_topic_refused`, why a
 * set message was sent). Each is written as a `<prefix>reason_<code>` tag and explained in the handoff
 * note and the inbox app, so each has a plain-words text below.
 */

/** From pure policy on the model's proposal (src/policy/apply-policy.ts). */
export type PolicyReason =
  | "low_confidence"
  | "no_grounding"
  | "needs_human_judgment"
  | "out_of_scope"
  | "policy_violation";

/** From the decision engine itself: the model, the guardrail policy, knowledge freshness and support actions. */
export type EngineReason =
  | "model_error"
  | "stale_knowledge"
  | "sensitive_topic"
  | "sensitive_topic_refused"
  | "approval_required"
  | "action_denied"
  | "tool_error";

/** From the event flow: a message that failed every retry is escalated from the dead-letter queue. */
export type PipelineReason = "processing_failed";

export type ReasonCode = TriageReason | PolicyReason | EngineReason | PipelineReason;

/**
 * Why an event was not decided at all. Separate from ReasonCode on purpose: a skip writes nothing to
 * the ticket (no reason tag, no handoff), so it needs no text; it is recorded in ticket state and
 * counted (`reason:<code>`) for operators.
 */
export type SkipReason =
  | "closed"
  | "opted_out"
  | "paused"
  | "human_owned"
  | "already_handled"
  | "no_customer_message"
  | "own_comment"
  | "internal_note"
  | "assignment_changed"
  | "rating_added"
  | "tags_changed"
  | "status_changed"
  | "reopened"
  | "ticket_not_found"
  | "mode_off"
  | "awaiting_human"
  | "dead_letter_ignored"
  /** The customer only confirmed that the assistant's reply worked: nothing to answer. */
  | "customer_confirmed";

/** Plain words for each reason code, for handoff notes and the inbox app (the code itself goes into tags). */
export const REASON_TEXT = {
  human_requested: "The customer asked for a person.",
  legal: "Legal or regulatory matter.",
  fraud: "Possible fraud or unauthorized charge.",
  security: "Possible account compromise.",
  safety: "Possible threat of harm.",
  negative_streak: "The customer is increasingly frustrated.",
  loop: "The customer has asked the same thing repeatedly.",
  turn_cap: "The assistant reached its reply limit on this ticket.",
  repeat_contact: "The customer has contacted us several times recently.",
  vip: "VIP customer.",
  billing_dispute_over: "Billing dispute above the threshold.",
  low_confidence: "The assistant was not confident enough to answer.",
  no_grounding: "No trusted source supports an answer.",
  stale_knowledge:
    "The answer rests only on help articles about a changing topic (prices, policies, refunds) that have not been " +
    "updated recently; please check them before replying.",
  needs_human_judgment: "This needs a person's judgment.",
  out_of_scope: "Outside what the assistant handles.",
  approval_required: "A support action above the assistant's limit is prepared and needs your approval.",
  action_denied: "The requested action is not allowed for the assistant.",
  tool_error: "A support action failed.",
  model_error: "The assistant's model could not produce a decision.",
  policy_violation:
    "The assistant's draft reply broke a reply rule twice (prohibited wording, personal data or a promise), " +
    "so it was not sent.",
  sensitive_topic: "The message touches a sensitive topic that the guardrail policy sends to a person.",
  sensitive_topic_refused: "The message asked for something the guardrail policy refuses (a set message was sent).",
  processing_failed: "Deskmate could not process this message after several attempts.",
  stale_ticket: "The assistant has handled this ticket for too long without resolving it.",
} as const satisfies Record<ReasonCode, string>;

/** Codes read back from stored state are plain strings: this tells a known one apart. */
export function isReasonCode(code: string): code is ReasonCode {
  return Object.hasOwn(REASON_TEXT, code);
}
