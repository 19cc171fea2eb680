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
}

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
  | "new_ticket_same_requester";

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
