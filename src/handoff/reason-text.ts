/** Plain words for each reason code, for handoff notes (the code itself goes into tags). */
const REASON_TEXT: Record<string, string> = {
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
  human_owned: "A human agent already owns this ticket.",
  low_confidence: "The assistant was not confident enough to answer.",
  no_grounding: "No trusted source supports an answer.",
  stale_knowledge: "The answer rests only on help articles about a changing topic (prices, policies, refunds) that " +
      "have not been updated recently; please check them before replying.",
  needs_human_judgment: "This needs a person's judgment.",
  out_of_scope: "Outside what the assistant handles.",
  approval_required: "A support action above the assistant's limit is prepared and needs your approval.",
  action_denied: "The requested action is not allowed for the assistant.",
  tool_error: "A support action failed.",
  model_error: "The assistant's model could not produce a decision.",
  policy_violation: "The assistant's draft reply broke a reply rule twice " +
      "(prohibited wording, personal data or a promise), so it was not sent.",
  sensitive_topic: "The message touches a sensitive topic that the guardrail policy sends to a person.",
  sensitive_topic_refused: "The message asked for something the guardrail policy refuses (a set message was sent).",
  processing_failed: "Deskmate could not process this message after several attempts.",
};

export function reasonText(code: string): string {
  return REASON_TEXT[code] ?? code.replace(/_/g, " ");
}
