import type { ReportDecision, ReportEvent } from "../domain/ledger.ts";
import type { LedgerReportQuery, LedgerReportRows } from "../ports/ledger.ts";
import type { SqlValue } from "./ledger-rows.ts";
import { reportBounds } from "./report-bounds.ts";

/** The read half of `D1Like` (declared here, not imported: d1-ledger.ts imports this module). */
interface ReadableDb {
  prepare(query: string): { bind(...values: SqlValue[]): { raw<T>(): Promise<T[]> } };
}

// The tickets of a report are chosen by subqueries, never by a bound list of ids: D1 caps a statement
// at 100 bound parameters, and a report can cover tens of thousands of tickets.

/** Tickets with a decision in the range (decisions_by_account_time). */
const TICKETS_DECIDED_IN_RANGE =
  "SELECT ticket_id FROM decisions WHERE platform = ? AND account = ? AND decided_at_ms >= ? AND decided_at_ms < ?";

/**
 * Tickets with an event in the range and no decision ever: what people did without the assistant.
 * Distinct first, so each ticket is looked up in the decisions once, not once per event.
 */
const TICKETS_WITHOUT_DECISIONS =
  "SELECT t.ticket_id FROM (SELECT DISTINCT ticket_id FROM lifecycle_events WHERE platform = ? AND account = ? " +
  "AND at_ms >= ? AND at_ms < ?) t WHERE NOT EXISTS (SELECT 1 FROM decisions d WHERE d.platform = ? " +
  "AND d.account = ? AND d.ticket_id = t.ticket_id)";

// Only the columns the metrics read, as arrays: a report reads ~100,000 rows, and the handoff, sources
// and the names of every column on every row would be most of what is decoded and sent.
/** The decision columns a report reads, in the order of `ReportDecisionValues`. */
export const REPORT_DECISION_COLUMNS =
  "ticket_id, event_id, decided_at, outcome, reasons, category, public_reply, model_cost_usd, " +
  "input_tokens, output_tokens, cache_read_tokens, cache_write_tokens";
export type ReportDecisionValues = [
  string,
  string,
  string,
  string,
  string,
  string | null,
  number,
  number,
  number,
  number,
  number,
  number,
];
const DECISIONS_SQL =
  `SELECT ${REPORT_DECISION_COLUMNS} FROM decisions ` +
  `WHERE platform = ? AND account = ? AND ticket_id IN (${TICKETS_DECIDED_IN_RANGE})`;

/** The lifecycle columns a report reads, in the order of `ReportEventValues`. */
export const REPORT_EVENT_COLUMNS = "ticket_id, event_id, kind, at, rating";
export type ReportEventValues = [string, string, string, string, string | null];
const EVENTS_SQL =
  `SELECT ${REPORT_EVENT_COLUMNS} FROM lifecycle_events WHERE platform = ? AND account = ? ` +
  `AND ticket_id IN (${TICKETS_DECIDED_IN_RANGE} UNION ${TICKETS_WITHOUT_DECISIONS})`;

/** One decision of a report from its `REPORT_DECISION_COLUMNS` values. */
export function reportDecisionFromValues(
  [
    ticketId,
    eventId,
    decidedAt,
    outcome,
    reasons,
    category,
    publicReply,
    cost,
    input,
    output,
    read,
    write,
  ]: ReportDecisionValues,
  platform: ReportDecision["platform"],
  account: string,
): ReportDecision {
  return {
    platform,
    account,
    ticketId: String(ticketId),
    eventId: String(eventId),
    decidedAt: String(decidedAt),
    outcome: outcome as ReportDecision["outcome"],
    reasons: JSON.parse(reasons) as string[],
    category,
    publicReply: Number(publicReply) === 1,
    modelCostUsd: Number(cost),
    tokens: { input: Number(input), output: Number(output), cacheRead: Number(read), cacheWrite: Number(write) },
  };
}

/** One lifecycle event of a report from its `REPORT_EVENT_COLUMNS` values. */
export function reportEventFromValues(
  [ticketId, eventId, kind, at, rating]: ReportEventValues,
  platform: ReportEvent["platform"],
  account: string,
): ReportEvent {
  return {
    platform,
    account,
    ticketId: String(ticketId),
    eventId: String(eventId),
    kind: kind as ReportEvent["kind"],
    at: String(at),
    rating: rating as ReportEvent["rating"],
  };
}

/** The rows of one metrics report in two statements (see `Ledger.reportRows`). */
export async function readReportRows(db: ReadableDb, query: LedgerReportQuery): Promise<LedgerReportRows> {
  const { platform, account, range } = reportBounds(query);
  const [decisions, events] = await Promise.all([
    db
      .prepare(DECISIONS_SQL)
      .bind(platform, account, ...range)
      .raw<ReportDecisionValues>(),
    db
      .prepare(EVENTS_SQL)
      .bind(platform, account, ...range, ...range, platform, account)
      .raw<ReportEventValues>(),
  ]);
  return {
    decisions: decisions.map((values) => reportDecisionFromValues(values, platform, account)),
    events: events.map((values) => reportEventFromValues(values, platform, account)),
  };
}
