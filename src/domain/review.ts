import type { Platform } from "./support-event.ts";

/**
 * The parts of a handoff an agent can say were missing. Names as the agent reads them in the note, not
 * the JSON keys, so a rating stays readable in exports.
 */
export const HANDOFF_SECTIONS = [
  "reasons",
  "customer_wants",
  "customer",
  "facts",
  "sources",
  "actions",
  "sentiment",
  "next_step",
] as const;
export type HandoffSection = (typeof HANDOFF_SECTIONS)[number];

export const WRONG_ESCALATION_KINDS = ["should_have_answered", "should_have_asked"] as const;
export type WrongEscalationKind = (typeof WRONG_ESCALATION_KINDS)[number];

/** An agent's word on one escalation's handoff. */
export type HandoffRatingValue =
  | "useful"
  | `missing_section:${HandoffSection}`
  | `wrong_escalation:${WrongEscalationKind}`;

/** Every rating value, for validation and for listing them with zeros. */
export const HANDOFF_RATING_VALUES: readonly HandoffRatingValue[] = [
  "useful",
  ...HANDOFF_SECTIONS.map((s) => `missing_section:${s}` as const),
  ...WRONG_ESCALATION_KINDS.map((k) => `wrong_escalation:${k}` as const),
];

export function isHandoffRatingValue(value: unknown): value is HandoffRatingValue {
  return typeof value === "string" && (HANDOFF_RATING_VALUES as readonly string[]).includes(value);
}

/**
 * One rater's rating of one decision's handoff. A rater rates a decision once: a new rating by the same
 * rater replaces the old one.
 */
export interface HandoffRating {
  platform: Platform;
  account: string;
  /** The event id of the escalation decision rated (its ledger key). */
  decisionEventId: string;
  rating: HandoffRatingValue;
  /** The helpdesk user id of the agent, or "admin" for a rating given with the admin token. */
  rater: string;
  /** ISO-8601. */
  ratedAt: string;
}

export const REVIEW_VERDICTS = [
  "right_call",
  "should_have_answered",
  "should_have_asked",
  "handoff_incomplete",
] as const;
export type ReviewVerdictValue = (typeof REVIEW_VERDICTS)[number];

export function isReviewVerdictValue(value: unknown): value is ReviewVerdictValue {
  return typeof value === "string" && (REVIEW_VERDICTS as readonly string[]).includes(value);
}

/** The longest review comment kept, in characters (longer ones are refused, not cut). */
export const REVIEW_COMMENT_MAX_CHARS = 1000;

/** A reviewer's verdict on one decision. One per decision: the latest replaces the earlier one. */
export interface ReviewVerdict {
  platform: Platform;
  account: string;
  decisionEventId: string;
  verdict: ReviewVerdictValue;
  /** Stored with personal data masked; null when none was given. */
  comment: string | null;
  reviewer: string;
  /** ISO-8601. */
  reviewedAt: string;
}

/** One change of one workspace setting, for the audit trail. Values are stored masked and truncated. */
export interface SettingChange {
  platform: Platform;
  account: string;
  /** Who changed it: "admin" or a helpdesk user id. */
  changedBy: string;
  /** ISO-8601. */
  changedAt: string;
  setting: string;
  /** The value before, as JSON text; null when the setting was not stored before. */
  oldValue: string | null;
  /** The value after, as JSON text; null when the stored value was removed. */
  newValue: string | null;
}

/** What a rating or verdict write did. */
export type ReviewWriteResult = "recorded" | "unknown_decision" | "not_an_escalation";

/** Ratings and verdicts of a report's decisions, counted per value (values with none may be absent). */
export interface ReviewCounts {
  ratings: Array<{ rating: HandoffRatingValue; count: number }>;
  verdicts: Array<{ verdict: ReviewVerdictValue; count: number }>;
}
