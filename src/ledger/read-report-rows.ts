import type { LedgerReportQuery, LedgerReportRows } from "../ports/ledger.ts";
import { LedgerInputError } from "./ledger-input-error.ts";
import {
  DECISION_COLUMNS,
  type DecisionRow,
  decisionFromRow,
  LIFECYCLE_COLUMNS,
  type LifecycleRow,
  lifecycleFromRow,
  type SqlValue,
} from "./ledger-rows.ts";
import { ledgerTime } from "./ledger-time.ts";

/** The read half of `D1Like` (declared here, not imported: d1-ledger.ts imports this module). */
interface ReadableDb {
  prepare(query: string): { bind(...values: SqlValue[]): { all<T>(): Promise<{ results: T[] }> } };
}

// The tickets of a report are chosen by subqueries, never by a bound list of ids: D1 caps a statement
// at 100 bound parameters, and a report can cover tens of thousands of tickets.

/** Tickets with a decision in the range (decisions_by_account_time). */
const TICKETS_DECIDED_IN_RANGE =
  "SELECT ticket_id FROM decisions WHERE platform = ? AND account = ? AND decided_at_ms >= ? AND decided_at_ms < ?";

/** Tickets with an event in the range and no decision ever: what people did without the assistant. */
const TICKETS_WITHOUT_DECISIONS =
  "SELECT e.ticket_id FROM lifecycle_events e WHERE e.platform = ? AND e.account = ? AND e.at_ms >= ? AND e.at_ms < ? " +
  "AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.platform = e.platform AND d.account = e.account " +
  "AND d.ticket_id = e.ticket_id)";

const DECISIONS_SQL =
  `SELECT ${DECISION_COLUMNS.join(", ")} FROM decisions WHERE platform = ? AND account = ? ` +
  `AND ticket_id IN (${TICKETS_DECIDED_IN_RANGE})`;

const EVENTS_SQL =
  `SELECT ${LIFECYCLE_COLUMNS.join(", ")} FROM lifecycle_events WHERE platform = ? AND account = ? ` +
  `AND ticket_id IN (${TICKETS_DECIDED_IN_RANGE} UNION ${TICKETS_WITHOUT_DECISIONS})`;

/** The rows of one metrics report in two statements (see `Ledger.reportRows`). */
export async function readReportRows(db: ReadableDb, query: LedgerReportQuery): Promise<LedgerReportRows> {
  if (query.account.trim() === "") {
    throw new LedgerInputError("account: empty; send the Zendesk subdomain or the Intercom workspace id");
  }
  const from = ledgerTime("from", query.from);
  const to = ledgerTime("to", query.to);
  if (from > to) throw new LedgerInputError(`from: ${query.from} is after to (${query.to}); swap them`);
  const scope: SqlValue[] = [query.platform, query.account];
  const range: SqlValue[] = [...scope, from, to];
  const [decisions, events] = await Promise.all([
    db
      .prepare(DECISIONS_SQL)
      .bind(...scope, ...range)
      .all<DecisionRow>(),
    db
      .prepare(EVENTS_SQL)
      .bind(...scope, ...range, ...range)
      .all<LifecycleRow>(),
  ]);
  return { decisions: decisions.results.map(decisionFromRow), events: events.results.map(lifecycleFromRow) };
}
