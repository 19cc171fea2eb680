import type { Handoff } from "../domain/handoff.ts";
import type { DecisionRecord, LifecycleEvent } from "../domain/ledger.ts";
import { ledgerTime } from "./ledger-time.ts";

/** What D1 binds: no `undefined`, no booleans (stored as 0/1 so SQLite and D1 agree). */
export type SqlValue = string | number | null;

/**
 * The decisions columns in insert order (migrations/0001_ledger.sql, 0005 added `message_excerpt`,
 * 0006 `proposed_reply` and `proposed_group`, 0010 `variant`, 0012 `escalation_group`).
 */
export const DECISION_COLUMNS = [
  "platform",
  "account",
  "event_id",
  "ticket_id",
  "comment_id",
  "requester_id",
  "decided_at",
  "decided_at_ms",
  "mode",
  "outcome",
  "reasons",
  "category",
  "confidence",
  "arm",
  "public_reply",
  "models",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "model_cost_usd",
  "helpdesk_reads",
  "helpdesk_writes",
  "latency_ms",
  "sources",
  "action",
  "handoff",
  "fingerprint",
  "message_excerpt",
  "proposed_reply",
  "proposed_group",
  "variant",
  "escalation_group",
] as const;

export const LIFECYCLE_COLUMNS = [
  "platform",
  "account",
  "event_id",
  "ticket_id",
  "kind",
  "at",
  "at_ms",
  "requester_id",
  "rating",
  "detail",
  "reply_text",
] as const;

type Row<C extends readonly string[]> = { [K in C[number]]: SqlValue };
export type DecisionRow = Row<typeof DECISION_COLUMNS>;
export type LifecycleRow = Row<typeof LIFECYCLE_COLUMNS>;

const json = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));
const text = (value: SqlValue): string | null => (value === null ? null : String(value));
const num = (value: SqlValue): number | null => (value === null ? null : Number(value));

export function decisionToRow(record: DecisionRecord): DecisionRow {
  return {
    platform: record.platform,
    account: record.account,
    event_id: record.eventId,
    ticket_id: record.ticketId,
    comment_id: record.commentId,
    requester_id: record.requesterId,
    decided_at: record.decidedAt,
    decided_at_ms: ledgerTime("decidedAt", record.decidedAt),
    mode: record.mode,
    outcome: record.outcome,
    reasons: JSON.stringify(record.reasons),
    category: record.category,
    confidence: record.confidence,
    arm: record.arm,
    public_reply: record.publicReply ? 1 : 0,
    models: JSON.stringify(record.models),
    input_tokens: record.tokens.input,
    output_tokens: record.tokens.output,
    cache_read_tokens: record.tokens.cacheRead,
    cache_write_tokens: record.tokens.cacheWrite,
    model_cost_usd: record.modelCostUsd,
    helpdesk_reads: record.helpdeskReads,
    helpdesk_writes: record.helpdeskWrites,
    latency_ms: record.latencyMs,
    sources: JSON.stringify(record.sources),
    action: json(record.action),
    handoff: json(record.handoff),
    fingerprint: record.fingerprint,
    // A job drafted before excerpts existed carries none: stored as not recorded.
    message_excerpt: record.messageExcerpt ?? null,
    proposed_reply: record.proposedReply ?? null,
    proposed_group: record.proposedGroup ?? null,
    variant: record.variant ?? null,
    escalation_group: record.escalationGroup ?? null,
  };
}

// Rows come from our own migration and writes, so the casts below only restore the domain's unions.
export function decisionFromRow(row: DecisionRow): DecisionRecord {
  return {
    platform: String(row.platform) as DecisionRecord["platform"],
    account: String(row.account),
    ticketId: String(row.ticket_id),
    commentId: text(row.comment_id),
    eventId: String(row.event_id),
    requesterId: text(row.requester_id),
    decidedAt: String(row.decided_at),
    mode: String(row.mode) as DecisionRecord["mode"],
    outcome: String(row.outcome) as DecisionRecord["outcome"],
    reasons: JSON.parse(String(row.reasons)) as string[],
    category: text(row.category),
    confidence: num(row.confidence),
    arm: text(row.arm),
    publicReply: Number(row.public_reply) === 1,
    models: JSON.parse(String(row.models)) as string[],
    tokens: {
      input: Number(row.input_tokens),
      output: Number(row.output_tokens),
      cacheRead: Number(row.cache_read_tokens),
      cacheWrite: Number(row.cache_write_tokens),
    },
    modelCostUsd: Number(row.model_cost_usd),
    helpdeskReads: Number(row.helpdesk_reads),
    helpdeskWrites: Number(row.helpdesk_writes),
    latencyMs: num(row.latency_ms),
    sources: JSON.parse(String(row.sources)) as DecisionRecord["sources"],
    action: row.action === null ? null : (JSON.parse(String(row.action)) as DecisionRecord["action"]),
    handoff: row.handoff === null ? null : (JSON.parse(String(row.handoff)) as Handoff),
    fingerprint: String(row.fingerprint),
    messageExcerpt: text(row.message_excerpt ?? null),
    ...optionalText("proposedReply", row.proposed_reply),
    ...optionalText("proposedGroup", row.proposed_group),
    ...optionalText("escalationGroup", row.escalation_group ?? null),
    ...(row.variant === "canary" || row.variant === "current" ? { variant: row.variant } : {}),
  };
}

export function lifecycleToRow(event: LifecycleEvent): LifecycleRow {
  return {
    platform: event.platform,
    account: event.account,
    event_id: event.eventId,
    ticket_id: event.ticketId,
    kind: event.kind,
    at: event.at,
    at_ms: ledgerTime("at", event.at),
    requester_id: event.requesterId,
    rating: event.rating,
    detail: event.detail,
    reply_text: event.replyText ?? null,
  };
}

export function lifecycleFromRow(row: LifecycleRow): LifecycleEvent {
  return {
    platform: String(row.platform) as LifecycleEvent["platform"],
    account: String(row.account),
    ticketId: String(row.ticket_id),
    kind: String(row.kind) as LifecycleEvent["kind"],
    at: String(row.at),
    eventId: String(row.event_id),
    requesterId: text(row.requester_id),
    rating: text(row.rating) as LifecycleEvent["rating"],
    detail: text(row.detail),
    ...optionalText("replyText", row.reply_text),
  };
}

/** An optional text field is left out when its column is NULL (or absent from an older select). */
function optionalText<K extends string>(key: K, value: SqlValue | undefined): { [P in K]?: string } {
  return value === null || value === undefined ? {} : ({ [key]: String(value) } as { [P in K]?: string });
}
