import type { Variant } from "./canary.ts";
import type { Handoff } from "./handoff.ts";
import type { Outcome } from "./plan.ts";
import type { Platform } from "./support-event.ts";

/**
 * The outcome ledger: one row per decision (every customer message handled or skipped) and the
 * lifecycle events that show what happened next. Rows hold ids, codes, numbers and masked excerpts
 * only, never message bodies or contact details.
 */
export interface DecisionRecord {
  platform: Platform;
  /** Zendesk subdomain / Intercom workspace id. */
  account: string;
  ticketId: string;
  /** The customer comment decided on; null for skips that had none. */
  commentId: string | null;
  /** The event that caused the decision; unique per row (a retried job writes the same row once). */
  eventId: string;
  requesterId: string | null;
  /** ISO-8601. */
  decidedAt: string;
  mode: "off" | "shadow" | "draft" | "autosend";
  outcome: Outcome | "skip";
  /** Reason codes, including the skip reason of a skip. */
  reasons: string[];
  category: string | null;
  confidence: number | null;
  /** Rollout arm (e.g. `assistant`, `control`); null before arms exist. */
  arm: string | null;
  /** A public reply reached the customer (autosend inside the rollout). */
  publicReply: boolean;
  models: string[];
  tokens: { input: number; output: number; cacheRead: number; cacheWrite: number };
  modelCostUsd: number;
  helpdeskReads: number;
  helpdeskWrites: number;
  /** From the webhook's acknowledgement to the first helpdesk write; null when nothing was written. */
  latencyMs: number | null;
  sources: Array<{ id: string; ageDays: number | null }>;
  action: { name: string; result: string } | null;
  handoff: Handoff | null;
  /** Hash of the settings, policy, prompt version and model ids that decided. */
  fingerprint: string;
  /**
   * Which configuration decided: `canary` (the canary block merged into the settings; `fingerprint` is
   * the canary's) or `current`. Absent on skips and on rows decided before canaries existed: current.
   */
  variant?: Variant;
  /**
   * The customer's message decided on, masked and cut (src/ledger/message-excerpt.ts); null when no
   * message was read (most skips) and on rows decided before excerpts were kept.
   */
  messageExcerpt: string | null;
  /**
   * Shadow and draft decisions only: the customer-facing text the assistant proposed (masked, links cut
   * to host and path, at most 2,000 characters; src/ledger/proposed-reply-text.ts) and the group it
   * would have routed to. Absent on other rows, and when there was no text or no group.
   */
  proposedReply?: string;
  proposedGroup?: string;
  /**
   * Draft and autosend escalations: the group the ticket was handed to (after routing and the emergency
   * path), for the wait estimate of later handoffs. Absent when the escalation kept the ticket's group.
   */
  escalationGroup?: string;
}

/**
 * A decision counts as a knowledge gap when the recorder flagged that retrieval found nothing
 * (`knowledge_gap`) or policy refused a reply its sources did not back (`no_grounding`). Escalations
 * for other reasons (a customer asking for a person) say nothing about the help center. One list for
 * the metrics' count (src/metrics/compute-metrics.ts) and the ledger's example questions.
 */
export const KNOWLEDGE_GAP_REASONS: readonly string[] = ["knowledge_gap", "no_grounding"];

export type LifecycleKind =
  | "solved"
  | "reopened"
  | "customer_message"
  /** The customer said the assistant's reply worked (thanks, sorted) and nothing else. */
  | "customer_confirmed"
  | "human_public_reply"
  | "group_changed"
  | "assignee_changed"
  | "csat"
  | "new_ticket_same_requester"
  /** A human added or removed tags (detail: JSON `{"added":[...],"removed":[...]}`); never the assistant's own tags. */
  | "tags_changed";

/** Something that happened to a ticket after a decision, joined to its decisions by ticket id. */
export interface LifecycleEvent {
  platform: Platform;
  account: string;
  ticketId: string;
  kind: LifecycleKind;
  /** ISO-8601, when it happened at the helpdesk. */
  at: string;
  /** Unique per event (webhook event id, or a reconciliation key); a redelivery is stored once. */
  eventId: string;
  requesterId: string | null;
  /** For `csat`: the customer's rating. */
  rating: "good" | "bad" | null;
  /** For `new_ticket_same_requester`: the new ticket's id; for group/assignee changes: the new value. */
  detail: string | null;
  /**
   * For `human_public_reply` on a ticket with a shadow or draft decision: the reply's text, masked like
   * `DecisionRecord.proposedReply`, so the two can be compared. Absent everywhere else.
   */
  replyText?: string;
}

/** The fields of a decision the metrics read: a report reads these columns only (`Ledger.reportRows`). */
export type ReportDecision = Pick<
  DecisionRecord,
  | "platform"
  | "account"
  | "ticketId"
  | "eventId"
  | "decidedAt"
  | "outcome"
  | "reasons"
  | "category"
  | "publicReply"
  | "modelCostUsd"
  | "tokens"
>;

/** The fields of a lifecycle event the metrics read. */
export type ReportEvent = Pick<
  LifecycleEvent,
  "platform" | "account" | "ticketId" | "eventId" | "kind" | "at" | "rating"
>;

/**
 * What the resolution definitions need to know about one ticket, in epoch milliseconds. Rows are taken
 * in (time, event id) order, so rows with the same time always order the same way. Built from rows by
 * `src/metrics/ticket-facts.ts`, or by SQL from the ledger (`src/ledger/read-report-summary.ts`);
 * either way one pure function (`src/metrics/classify-tickets.ts`) decides from them.
 */
export interface ReportTicketFacts {
  platform: DecisionRecord["platform"];
  account: string;
  ticketId: string;
  /** The ticket's first decision (skips included), or its first event when it has none. */
  firstSeenMs: number;
  /** The last decision that was not a skip; null when the assistant never wrote on the ticket. */
  last: {
    ms: number;
    outcome: Exclude<DecisionRecord["outcome"], "skip">;
    publicReply: boolean;
    category: string | null;
  } | null;
  /** When `last` escalates: where the trailing run of escalations began; otherwise null. */
  handoffMs: number | null;
  /** The first human public reply at or after `handoffMs`. */
  humanReplyAfterHandoffMs: number | null;
  /** The first event of each kind strictly after `last` (null: none, or no `last`). */
  after: {
    customerMessageMs: number | null;
    solvedMs: number | null;
    humanReplyMs: number | null;
    reopenedMs: number | null;
    recontactMs: number | null;
    /** A `customer_confirmed` event after `last`. */
    confirmed: boolean;
  };
  /** The ticket's latest rating and when it was given. */
  latestRating: { rating: "good" | "bad"; ms: number } | null;
}

/** The decisions of a report's range that share outcome, category and reasons, counted and summed. */
export interface ReportMessageGroup {
  outcome: DecisionRecord["outcome"];
  category: string | null;
  reasons: string[];
  count: number;
  modelCostUsd: number;
  tokens: DecisionRecord["tokens"];
}

/**
 * One metrics report reduced to what the metrics count: the facts of every ticket the report may
 * cover (the metrics keep those first seen in the range) and the range's decisions in groups.
 */
export interface ReportSummary {
  tickets: ReportTicketFacts[];
  messages: ReportMessageGroup[];
}
