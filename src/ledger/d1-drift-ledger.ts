import type { DriftCaseResult, GoldenExpectation, GoldenTurn } from "../domain/drift.ts";
import type { Outcome } from "../domain/plan.ts";
import type { Platform } from "../domain/support-event.ts";
import type { DriftLedger, NewGoldenCase } from "../ports/drift-ledger.ts";
import type { LedgerAccount } from "../ports/ledger.ts";
import type { D1Like } from "./d1-ledger-types.ts";
import { LedgerInputError } from "./ledger-input-error.ts";
import { ledgerTime } from "./ledger-time.ts";
import {
  caseFromRow,
  type DriftResultRow,
  type DriftRunRow,
  type GoldenCaseRow,
  runFromRow,
} from "./drift-ledger-rows.ts";

const OUTCOMES: readonly Outcome[] = ["answer", "ask", "act", "escalate"];
const MAX_REASONS = 10;
const MAX_RUNS = 365;
/** The ticket's subject is not kept by the ledger; the replay shows the model this neutral one. */
const CASE_SUBJECT = "Support request";

function checkAccount(account: LedgerAccount): void {
  if (account.account.trim() === "") {
    throw new LedgerInputError("account: empty; send the Zendesk subdomain or the Intercom workspace id");
  }
}

function checkExpectation(expect: GoldenExpectation): void {
  if (!expect.outcomes.length || !expect.outcomes.every((o) => OUTCOMES.includes(o))) {
    throw new LedgerInputError(`expected_outcome: send one of ${OUTCOMES.join(", ")}`);
  }
  if (expect.reasons.length > MAX_REASONS || expect.reasons.some((r) => !/^[a-z_]{1,64}$/.test(r))) {
    throw new LedgerInputError(`expected_reasons: at most ${MAX_REASONS} reason codes such as legal or fraud`);
  }
}

/**
 * The drift check's tables over D1 (migrations/0009_drift_check.sql). A golden case is built from its
 * decision row in the same database: the masked excerpt the row kept becomes the customer's message,
 * so a case never holds more of a customer's words than the review queue showed.
 */
export function d1DriftLedger(db: D1Like): DriftLedger {
  const caseColumns =
    "platform, account, case_id, decision_event_id, name, subject, turns, expected_outcomes, expected_reasons, " +
    "added_by, added_at";
  return {
    async addGoldenCase(input: NewGoldenCase) {
      checkAccount(input);
      checkExpectation(input.expect);
      if (input.decisionEventId.trim() === "") {
        throw new LedgerInputError("event_id: empty; take it from the review queue (GET /admin/review-queue)");
      }
      if (input.addedBy.trim() === "") throw new LedgerInputError("addedBy: empty; name who adds the case");
      const addedAtMs = ledgerTime("addedAt", input.addedAt);
      const { results } = await db
        .prepare(
          "SELECT ticket_id, outcome, message_excerpt FROM decisions " +
            "WHERE platform = ? AND account = ? AND event_id = ?",
        )
        .bind(input.platform, input.account, input.decisionEventId)
        .all<{ ticket_id: string; outcome: string; message_excerpt: string | null }>();
      const decision = results[0];
      if (!decision) return "unknown_decision";
      if (!decision.message_excerpt) return "no_excerpt";
      const caseId = `review:${input.decisionEventId}`;
      const expected = input.expect.outcomes.join(" or ");
      const name = `Ticket ${decision.ticket_id}: ${expected} expected (was ${decision.outcome})`;
      const turns: GoldenTurn[] = [{ by: "c", text: decision.message_excerpt }];
      await db
        .prepare(
          `INSERT INTO golden_cases (${caseColumns}, added_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ` +
            "ON CONFLICT (platform, account, case_id) DO UPDATE SET name = excluded.name, " +
            "expected_outcomes = excluded.expected_outcomes, expected_reasons = excluded.expected_reasons, " +
            "added_by = excluded.added_by, added_at = excluded.added_at, added_at_ms = excluded.added_at_ms",
        )
        .bind(
          input.platform,
          input.account,
          caseId,
          input.decisionEventId,
          name,
          CASE_SUBJECT,
          JSON.stringify(turns),
          JSON.stringify(input.expect.outcomes),
          JSON.stringify(input.expect.reasons),
          input.addedBy,
          input.addedAt,
          addedAtMs,
        )
        .run();
      return {
        id: caseId,
        source: "review",
        name,
        subject: CASE_SUBJECT,
        turns,
        expect: { outcomes: [...input.expect.outcomes], reasons: [...input.expect.reasons] },
        platform: input.platform,
        account: input.account,
        decisionEventId: input.decisionEventId,
        addedBy: input.addedBy,
        addedAt: input.addedAt,
      };
    },

    async goldenCases(account) {
      checkAccount(account);
      const { results } = await db
        .prepare(
          `SELECT ${caseColumns} FROM golden_cases WHERE platform = ? AND account = ? ORDER BY added_at_ms, case_id`,
        )
        .bind(account.platform, account.account)
        .all<GoldenCaseRow>();
      return results.map(caseFromRow);
    },

    async goldenCaseAccounts() {
      const { results } = await db
        .prepare("SELECT DISTINCT platform, account FROM golden_cases ORDER BY platform, account")
        .all<{ platform: string; account: string }>();
      return results.map((r) => ({ platform: r.platform as Platform, account: r.account }));
    },

    async recordDriftRun(run, results) {
      checkAccount(run);
      const startedAtMs = ledgerTime("startedAt", run.startedAt);
      const insertRun = db
        .prepare(
          "INSERT INTO drift_runs (platform, account, run_id, trigger, started_at, started_at_ms, finished_at, " +
            "model, k, cases, passed, skipped, input_tokens, output_tokens, cost_usd) " +
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(
          run.platform,
          run.account,
          run.runId,
          run.trigger,
          run.startedAt,
          startedAtMs,
          run.finishedAt,
          run.model,
          run.k,
          run.cases,
          run.passed,
          run.skipped,
          run.inputTokens,
          run.outputTokens,
          run.costUsd,
        );
      const insertResults = results.map((r: DriftCaseResult) =>
        db
          .prepare(
            "INSERT INTO drift_results (platform, account, run_id, case_id, case_name, k, passes, passed, " +
              "outcomes_seen, input_tokens, output_tokens, cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          )
          .bind(
            run.platform,
            run.account,
            run.runId,
            r.caseId,
            r.caseName,
            r.k,
            r.passes,
            r.passed ? 1 : 0,
            JSON.stringify(r.outcomesSeen),
            r.inputTokens,
            r.outputTokens,
            r.costUsd,
          ),
      );
      await db.batch([insertRun, ...insertResults]);
    },

    async driftRuns(account, limit) {
      checkAccount(account);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RUNS) {
        throw new LedgerInputError(`runs: ${limit} is out of range; send a whole number from 1 to ${MAX_RUNS}`);
      }
      const { results } = await db
        .prepare(
          "SELECT platform, account, run_id, trigger, started_at, finished_at, model, k, cases, passed, skipped, " +
            "input_tokens, output_tokens, cost_usd FROM drift_runs WHERE platform = ? AND account = ? " +
            "ORDER BY started_at_ms DESC, run_id DESC LIMIT ?",
        )
        .bind(account.platform, account.account, limit)
        .all<DriftRunRow>();
      return results.map(runFromRow);
    },

    async deleteRunsOlderThan(account, cutoff) {
      checkAccount(account);
      const cutoffMs = ledgerTime("cutoff", cutoff);
      const [, runs] = await db.batch([
        db
          .prepare(
            "DELETE FROM drift_results WHERE platform = ? AND account = ? AND run_id IN " +
              "(SELECT run_id FROM drift_runs WHERE platform = ? AND account = ? AND started_at_ms < ?)",
          )
          .bind(account.platform, account.account, account.platform, account.account, cutoffMs),
        db
          .prepare("DELETE FROM drift_runs WHERE platform = ? AND account = ? AND started_at_ms < ?")
          .bind(account.platform, account.account, cutoffMs),
      ]);
      return runs?.meta.changes ?? 0;
    },

    async driftResults(account, runId) {
      checkAccount(account);
      const { results } = await db
        .prepare(
          "SELECT case_id, case_name, k, passes, passed, outcomes_seen, input_tokens, output_tokens, cost_usd " +
            "FROM drift_results WHERE platform = ? AND account = ? AND run_id = ? ORDER BY passed, case_id",
        )
        .bind(account.platform, account.account, runId)
        .all<DriftResultRow>();
      return results.map((r) => ({
        caseId: r.case_id,
        caseName: r.case_name,
        k: r.k,
        passes: r.passes,
        passed: r.passed === 1,
        outcomesSeen: JSON.parse(r.outcomes_seen) as Record<string, number>,
        inputTokens: r.input_tokens,
        outputTokens: r.output_tokens,
        costUsd: r.cost_usd,
      }));
    },
  };
}
