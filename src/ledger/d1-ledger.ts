export type { D1Like, D1Statement } from "./d1-ledger-types.ts";
import type { DecisionRecord, LifecycleEvent } from "../domain/ledger.ts";
import type {
  DecidedTicket,
  Ledger,
  LedgerAccount,
  LedgerPage,
  LedgerQuery,
  RetentionDeleted,
} from "../ports/ledger.ts";
import type { Platform } from "../domain/support-event.ts";
import { decodeLedgerCursor, encodeLedgerCursor } from "./ledger-cursor.ts";
import { LedgerInputError } from "./ledger-input-error.ts";
import {
  DECISION_COLUMNS,
  type DecisionRow,
  decisionFromRow,
  decisionToRow,
  LIFECYCLE_COLUMNS,
  type LifecycleRow,
  lifecycleFromRow,
  lifecycleToRow,
  type SqlValue,
} from "./ledger-rows.ts";
import type { D1Like } from "./d1-ledger-types.ts";
import { d1GuardEvents } from "./d1-guard-events.ts";
import { d1OpenTickets } from "./d1-open-tickets.ts";
import { d1KnowledgeGapExamples } from "./d1-knowledge-gap-examples.ts";
import { d1KnowledgeSources } from "./d1-knowledge-sources.ts";
import { d1Reviews } from "./d1-reviews.ts";
import { ledgerTime } from "./ledger-time.ts";
import { readReportRows } from "./read-report-rows.ts";
import { d1ExperimentRows } from "./read-experiment-rows.ts";
import { readReportSummary } from "./read-report-summary.ts";
import { readShadowRows } from "./read-shadow-rows.ts";
import { d1HandoffWaits } from "./read-handoff-waits.ts";
import { recordJudgement } from "./record-judgement.ts";

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

interface Table<Row> {
  name: string;
  timeColumn: string;
  columns: readonly (keyof Row & string)[];
}

const DECISIONS: Table<DecisionRow> = { name: "decisions", timeColumn: "decided_at_ms", columns: DECISION_COLUMNS };
const LIFECYCLE: Table<LifecycleRow> = { name: "lifecycle_events", timeColumn: "at_ms", columns: LIFECYCLE_COLUMNS };

/**
 * `INSERT ... ON CONFLICT DO NOTHING`: a second write of the same event id changes nothing. Except
 * that a human reply's text fills in an event stored earlier without it (the nightly reconciliation
 * stores ids only, and may see the reply before its webhook does); a stored text is never replaced.
 */
function insertSql<Row>(table: Table<Row>): string {
  const columns = table.columns.join(", ");
  const marks = table.columns.map(() => "?").join(", ");
  const onConflict =
    table.name === "lifecycle_events"
      ? "DO UPDATE SET reply_text = excluded.reply_text " +
        "WHERE lifecycle_events.reply_text IS NULL AND excluded.reply_text IS NOT NULL"
      : "DO NOTHING";
  const conflict = `ON CONFLICT (platform, account, event_id) ${onConflict}`;
  return `INSERT INTO ${table.name} (${columns}) VALUES (${marks}) ${conflict}`;
}

function requireEventId(field: string, eventId: string): void {
  if (eventId.trim() === "") {
    throw new LedgerInputError(`${field}: empty; every row needs the id of the event that caused it`);
  }
}

function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new LedgerInputError(`limit: ${limit} is out of range; send a whole number from 1 to ${MAX_LIMIT}`);
  }
  return limit;
}

export function d1Ledger(db: D1Like): Ledger {
  async function insert<Row extends Record<string, SqlValue>>(table: Table<Row>, row: Row): Promise<boolean> {
    const result = await db
      .prepare(insertSql(table))
      .bind(...table.columns.map((column) => row[column] ?? null))
      .run();
    return result.meta.changes > 0;
  }

  async function page<Row extends { event_id: SqlValue }, T>(
    table: Table<Row>,
    query: LedgerQuery,
    fromRow: (row: Row) => T,
    rowTime: (row: Row) => number,
  ): Promise<LedgerPage<T>> {
    if (query.account.trim() === "") {
      throw new LedgerInputError("account: empty; send the Zendesk subdomain or the Intercom workspace id");
    }
    const from = ledgerTime("from", query.from);
    const to = ledgerTime("to", query.to);
    if (from > to) throw new LedgerInputError(`from: ${query.from} is after to (${query.to}); swap them`);
    const limit = checkLimit(query.limit);
    const time = table.timeColumn;
    const where = [`platform = ?`, `account = ?`, `${time} >= ?`, `${time} < ?`];
    const values: SqlValue[] = [query.platform, query.account, from, to];
    // One JSON parameter instead of one per id: D1 caps bound parameters at 100 per statement.
    if (query.ticketIds !== undefined) {
      where.push(`ticket_id IN (SELECT value FROM json_each(?))`);
      values.push(JSON.stringify(query.ticketIds));
    }
    if (query.requesterIds !== undefined) {
      where.push(`requester_id IN (SELECT value FROM json_each(?))`);
      values.push(JSON.stringify(query.requesterIds));
    }
    if (query.cursor !== undefined) {
      const after = decodeLedgerCursor(query.cursor);
      where.push(`(${time} < ? OR (${time} = ? AND event_id < ?))`);
      values.push(after.ms, after.ms, after.eventId);
    }
    // One row more than the page tells whether another page follows without a COUNT.
    const sql =
      `SELECT ${table.columns.join(", ")} FROM ${table.name} WHERE ${where.join(" AND ")} ` +
      `ORDER BY ${time} DESC, event_id DESC LIMIT ?`;
    const { results } = await db
      .prepare(sql)
      .bind(...values, limit + 1)
      .all<Row>();
    const rows = results.slice(0, limit);
    const last = rows.at(-1);
    const nextCursor =
      results.length > limit && last !== undefined
        ? encodeLedgerCursor({ ms: rowTime(last), eventId: String(last.event_id) })
        : null;
    return { rows: rows.map(fromRow), nextCursor };
  }

  /**
   * Retention in one batch, one transaction: decisions never outlive their lifecycle or back, and a
   * rating or verdict goes with its decision (it carries the decision's time), so none points at nothing.
   */
  async function deleteBefore(before: number, account: LedgerAccount | null): Promise<RetentionDeleted> {
    const scope = account === null ? "" : "platform = ? AND account = ? AND ";
    const ids = account === null ? [] : [account.platform, account.account];
    const remove = (table: string, time: string) =>
      db.prepare(`DELETE FROM ${table} WHERE ${scope}${time} < ?`).bind(...ids, before);
    const [decisions, lifecycle, ratings, verdicts, settings] = await db.batch([
      remove(DECISIONS.name, DECISIONS.timeColumn),
      remove(LIFECYCLE.name, LIFECYCLE.timeColumn),
      remove("handoff_ratings", "decided_at_ms"),
      remove("review_verdicts", "decided_at_ms"),
      remove("settings_audit", "changed_at_ms"),
      remove("agreement_judgements", "decided_at_ms"),
    ]);
    return {
      decisions: decisions?.meta.changes ?? 0,
      lifecycle: lifecycle?.meta.changes ?? 0,
      handoffRatings: ratings?.meta.changes ?? 0,
      reviewVerdicts: verdicts?.meta.changes ?? 0,
      settingChanges: settings?.meta.changes ?? 0,
    };
  }

  return {
    // async throughout: a bad row or query rejects like a database error instead of throwing.
    async recordDecision(record: DecisionRecord) {
      requireEventId("eventId", record.eventId);
      return insert(DECISIONS, decisionToRow(record));
    },
    async recordLifecycle(event: LifecycleEvent) {
      requireEventId("eventId", event.eventId);
      return insert(LIFECYCLE, lifecycleToRow(event));
    },
    async decisions(query) {
      return page(DECISIONS, query, decisionFromRow, (row) => Number(row.decided_at_ms));
    },
    async lifecycle(query) {
      return page(LIFECYCLE, query, lifecycleFromRow, (row) => Number(row.at_ms));
    },
    async reportRows(query) {
      return readReportRows(db, query);
    },
    async reportSummary(query) {
      return readReportSummary(db, query);
    },
    async shadowRows(query) {
      return readShadowRows(db, query);
    },
    async recordJudgement(judgement) {
      return recordJudgement(db, judgement);
    },
    async deleteOlderThan(cutoff: string) {
      return deleteBefore(ledgerTime("cutoff", cutoff), null);
    },
    async accounts() {
      const { results } = await db
        .prepare(
          `SELECT platform, account FROM ${DECISIONS.name} UNION SELECT platform, account FROM ${LIFECYCLE.name} ` +
            `ORDER BY platform, account`,
        )
        .all<{ platform: string; account: string }>();
      return results.map((r): LedgerAccount => ({ platform: r.platform as Platform, account: r.account }));
    },
    async decidedTickets(query) {
      const from = ledgerTime("from", query.from);
      const to = ledgerTime("to", query.to);
      const limit = checkLimit(query.limit);
      const afterMs = query.after === null ? -1 : ledgerTime("after.lastDecidedAt", query.after.lastDecidedAt);
      const afterTicket = query.after?.ticketId ?? "";
      // Grouped per ticket and ordered by the last decision, so a run resumes after the last ticket it checked.
      const { results } = await db
        .prepare(
          `SELECT ticket_id, MAX(requester_id) AS requester_id, MIN(decided_at_ms) AS first_ms, ` +
            `MAX(decided_at_ms) AS last_ms FROM ${DECISIONS.name} ` +
            `WHERE platform = ? AND account = ? AND decided_at_ms >= ? AND decided_at_ms < ? GROUP BY ticket_id ` +
            `HAVING last_ms > ? OR (last_ms = ? AND ticket_id > ?) ORDER BY last_ms, ticket_id LIMIT ?`,
        )
        .bind(query.platform, query.account, from, to, afterMs, afterMs, afterTicket, limit)
        .all<{ ticket_id: string; requester_id: string | null; first_ms: number; last_ms: number }>();
      return results.map(
        (r): DecidedTicket => ({
          ticketId: String(r.ticket_id),
          requesterId: r.requester_id === null ? null : String(r.requester_id),
          firstDecidedAt: new Date(Number(r.first_ms)).toISOString(),
          lastDecidedAt: new Date(Number(r.last_ms)).toISOString(),
        }),
      );
    },
    async hasRowsAfter(account, instant) {
      const after = ledgerTime("instant", instant);
      // Two index seeks (by account and time, newest first): cheap whatever the ledger's size.
      const row = await db
        .prepare(
          `SELECT EXISTS (SELECT 1 FROM ${DECISIONS.name} ` +
            `WHERE platform = ? AND account = ? AND ${DECISIONS.timeColumn} > ?) ` +
            `OR EXISTS (SELECT 1 FROM ${LIFECYCLE.name} ` +
            `WHERE platform = ? AND account = ? AND ${LIFECYCLE.timeColumn} > ?) AS later`,
        )
        .bind(account.platform, account.account, after, account.platform, account.account, after)
        .all<{ later: number }>();
      return Number(row.results[0]?.later ?? 0) === 1;
    },
    async deleteAccountOlderThan(account, cutoff) {
      return deleteBefore(ledgerTime("cutoff", cutoff), account);
    },
    ...d1Reviews(db),
    ...d1KnowledgeSources(db),
    ...d1KnowledgeGapExamples(db),
    ...d1ExperimentRows(db),
    ...d1GuardEvents(db),
    ...d1HandoffWaits(db),
    ...d1OpenTickets(db),
  };
}
