/**
 * Deterministic triage: signals computed from the customer's text, the conversation, the ticket state
 * and settings, before (and independent of) any model call.
 */

/** Reasons that escalate without asking the model what to do. */
export type HardReason = "human_requested" | "legal" | "fraud" | "security" | "safety";

/** Reasons from conversation history, limits and customer attributes; they also escalate. */
export type SoftReason =
  | "negative_streak"
  | "loop"
  | "turn_cap"
  | "repeat_contact"
  | "vip"
  | "billing_dispute_over"
  /** The assistant has handled the ticket longer than `max_open_hours` without a resolution. */
  | "stale_ticket";

export type TriageReason = HardReason | SoftReason;

/** Intent categories shared by triage, the model's output and the group mapping. */
export const INTENT_CATEGORIES = [
  "billing",
  "refund",
  "order_shipping",
  "account_access",
  "account_management",
  "cancellation",
  "complaint",
  "feedback",
  "contact_support",
  "fraud_security",
  "technical_bug",
  "transaction_status",
  "product_question",
  "other",
] as const;

export type IntentCategory = (typeof INTENT_CATEGORIES)[number];

/** Message-level detectors, named as in the eval files (../shared/eval). */
export interface MessageTriggers {
  human_agent: boolean;
  legal_regulatory: boolean;
  fraud_unauthorized: boolean;
  account_security: boolean;
  negative_sentiment: boolean;
  safety: boolean;
}

export interface TriageResult {
  /** Every reason that fired, hard ones first, no duplicates. */
  reasons: TriageReason[];
  /** True when any hard reason fired. */
  hard: boolean;
  triggers: MessageTriggers;
  /** Best rule-based guess of the category, null when the rules abstain. */
  intentCategory: IntentCategory | null;
  /** Sentiment score per customer message, oldest first (negative < 0). */
  sentimentTrend: number[];
  /** Plain words for the handoff, e.g. "negative in the last 2 messages". */
  sentimentSummary: string;
  /** Largest disputed amount mentioned, when billing_dispute_over fired. */
  disputedAmount?: number;
}
