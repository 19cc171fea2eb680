import type { GuardEvent } from "../domain/stage-guard.ts";
import type { GuardAccount, GuardLedger } from "../ports/guard-ledger.ts";
import type { D1Like } from "./d1-ledger-types.ts";
import { LedgerInputError } from "./ledger-input-error.ts";
import type { SqlValue } from "./ledger-rows.ts";
import { ledgerTime } from "./ledger-time.ts";
import {
  REPORT_DECISION_COLUMNS,
  REPORT_EVENT_COLUMNS,
  type ReportDecisionValues,
  type ReportEventValues,
  reportDecisionFromValues,
  reportEventFromValues,
} from "./read-report-rows.ts";
import { reportBounds } from "./report-bounds.ts";

const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 100;

const COLUMNS =
  "platform, account, cohort_kind, cohort, action, reason, rate, samples, threshold, window_days, at, at_ms, actor";
const SELECT = `SELECT ${COLUMNS.replace(", at_ms", "")} FROM guard_events`;

interface GuardRow {
  platform: string;
  account: string;
  cohort_kind: string;
  cohort: string;
  action: string;
  reason: string;
  rate: number | null;
  samples: number | null;
  threshold: number | null;
  window_days: number;
  at: string;
  actor: string;
}

/** Tickets with an autosent reply in the range: a public reply outside the `control` arm. */
const AUTOSENT_TICKETS =
  "SELECT ticket_id FROM decisions WHERE platform = ? AND account = ? AND decided_at_ms >= ? AND decided_at_ms < ? " +
  "AND public_reply = 1 AND (arm IS NULL OR arm <> 'control')";

/** The report's decision columns, then what the guard adds: the arm, the fingerprint and the variant. */
type DecisionValues = [...ReportDecisionValues, string | null, string, string | null];
const DECISIONS_SQL =
  `SELECT ${REPORT_DECISION_COLUMNS}, arm, fingerprint, variant FROM decisions ` +
  `WHERE platform = ? AND account = ? AND ticket_id IN (${AUTOSENT_TICKETS})`;
const EVENTS_SQL =
  `SELECT ${REPORT_EVENT_COLUMNS} FROM lifecycle_events WHERE platform = ? AND account = ? ` +
  `AND ticket_id IN (${AUTOSENT_TICKETS})`;

function checkAccount(account: GuardAccount): void {
  if (account.account.trim() === "") {
    throw new LedgerInputError("account: empty; send the Zendesk subdomain or the Intercom workspace id");
  }
}

function fromRow(row: GuardRow): GuardEvent {
  return {
    platform: row.platform as GuardEvent["platform"],
    account: String(row.account),
    cohortKind: row.cohort_kind as GuardEvent["cohortKind"],
    cohort: String(row.cohort),
    action: row.action as GuardEvent["action"],
    reason: row.reason as GuardEvent["reason"],
    rate: row.rate === null ? null : Number(row.rate),
    samples: row.samples === null ? null : Number(row.samples),
    threshold: row.threshold === null ? null : Number(row.threshold),
    windowDays: Number(row.window_days),
    at: String(row.at),
    actor: String(row.actor),
  };
}

/**
 * The stage guard's rows over D1: its actions (migrations/0008_guard_events.sql) and the autosent
 * tickets it judges, read in two statements whatever their number (tickets chosen by subquery, never
 * by a bound list: D1 caps a statement at 100 parameters).
 */
export function d1GuardEvents(db: D1Like): GuardLedger {
  return {
    async recordGuardEvent(event) {
      checkAccount(event);
      if (event.cohort.trim() === "")
        throw new LedgerInputError("cohort: empty; send the category or canary fingerprint");
      const values: SqlValue[] = [
        event.platform,
        event.account,
        event.cohortKind,
        event.cohort,
        event.action,
        event.reason,
        event.rate,
        event.samples,
        event.threshold,
        event.windowDays,
        event.at,
        ledgerTime("at", event.at),
        event.actor,
      ];
      await db
        .prepare(`INSERT INTO guard_events (${COLUMNS}) VALUES (${values.map(() => "?").join(", ")})`)
        .bind(...values)
        .run();
    },
    async guardEvents(account, options = {}) {
      checkAccount(account);
      const limit = options.limit ?? DEFAULT_LIMIT;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        throw new LedgerInputError(`limit: ${limit} is out of range; send a whole number from 1 to ${MAX_LIMIT}`);
      }
      const { results } = await db
        .prepare(`${SELECT} WHERE platform = ? AND account = ? ORDER BY id DESC LIMIT ?`)
        .bind(account.platform, account.account, limit)
        .all<GuardRow>();
      return results.map(fromRow);
    },
    async guardStates(account) {
      checkAccount(account);
      const { results } = await db
        .prepare(
          `${SELECT} g WHERE platform = ? AND account = ? AND id = (SELECT MAX(id) FROM guard_events h ` +
            "WHERE h.platform = g.platform AND h.account = g.account AND h.cohort_kind = g.cohort_kind " +
            "AND h.cohort = g.cohort) ORDER BY cohort_kind, cohort",
        )
        .bind(account.platform, account.account)
        .all<GuardRow>();
      return results.map(fromRow);
    },
    async guardRows(query) {
      const { platform, account, range } = reportBounds(query);
      const [decisions, events] = await Promise.all([
        db
          .prepare(DECISIONS_SQL)
          .bind(platform, account, ...range)
          .raw<DecisionValues>(),
        db
          .prepare(EVENTS_SQL)
          .bind(platform, account, ...range)
          .raw<ReportEventValues>(),
      ]);
      return {
        decisions: decisions.map((values) => ({
          ...reportDecisionFromValues(values.slice(0, 12) as ReportDecisionValues, platform, account),
          arm: values[12],
          fingerprint: String(values[13]),
          variant: values[14],
        })),
        events: events.map((values) => reportEventFromValues(values, platform, account)),
      };
    },
  };
}
