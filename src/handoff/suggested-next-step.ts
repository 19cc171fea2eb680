import { isReasonCode, type ReasonCode } from "../domain/reasons.ts";

/** What a human should do first, per reason, for when the model gave no (usable) suggestion. */
const NEXT_STEP: Partial<Record<ReasonCode, string>> = {
  safety:
    "Reply now and follow the safety procedure; if anyone is " +
    "in immediate danger, point to local emergency services.",
  legal: "Pass this to the legal/compliance owner; reply only with approved wording and do not admit fault.",
  fraud: "Verify the charges with the customer and open a dispute; do not ask for full card numbers.",
  security:
    "Secure the account first (end sessions, reset credentials, review " +
    "recent logins), then confirm identity through a verified channel.",
  human_requested: "Reply personally; the customer asked for a person, so do not send them back to the assistant.",
  billing_dispute_over: "Check the disputed charge against the invoice and decide on a refund or credit.",
  negative_streak: "Acknowledge the frustration and take ownership of the issue in your reply.",
  loop: "The assistant's replies did not help; read the conversation and answer the underlying question directly.",
  turn_cap: "Read the conversation and resolve the issue; the assistant has replied as often as it may.",
  repeat_contact: "Check the recent tickets listed above for an unresolved root cause before replying.",
  vip: "Handle as a VIP customer under your VIP process.",
  low_confidence: "Read the customer's message and reply; the assistant was unsure what they need.",
  no_grounding: "Answer from your product knowledge; no help-center article covered this (consider writing one).",
  needs_human_judgment: "Review the request and decide; any action the assistant proposed is listed under Actions.",
  out_of_scope: "Handle this request; its category is not enabled for the assistant.",
  action_denied: "Decide whether to carry out the action listed under Actions.",
  tool_error: "Check the failed action under Actions and complete it by hand.",
  model_error: "Read the customer's message and reply; the assistant could not reach a decision.",
  policy_violation: "Write the reply yourself; the assistant's drafts broke a reply rule.",
  processing_failed: "Read the customer's message and reply; Deskmate could not process it.",
  stale_ticket: "Read the whole conversation and resolve it; the assistant's replies have not settled it.",
};

/** Reasons whose handling is policy, not judgment: their step wins over the model's suggestion. */
const FIXED: ReadonlySet<string> = new Set<ReasonCode>(["safety", "legal", "fraud", "security"]);

const GENERIC = "Read the customer's message above and reply; the customer has not been answered yet.";

/**
 * The suggested next step for a handoff: the fixed step of a safety-critical reason first, else the
 * model's suggestion, else the table's step for the first reason that has one.
 */
export function suggestedNextStep(reasons: readonly string[], modelStep?: string | null): string {
  const fixed = reasons.find((reason) => FIXED.has(reason));
  if (fixed && isReasonCode(fixed)) return NEXT_STEP[fixed] ?? GENERIC;
  const suggestion = modelStep?.trim();
  if (suggestion) return suggestion;
  for (const reason of reasons) {
    const step = isReasonCode(reason) ? NEXT_STEP[reason] : undefined;
    if (step) return step;
  }
  return GENERIC;
}
