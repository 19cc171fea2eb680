import { modelCost } from "../config/model-cost.ts";
import type { Settings } from "../config/settings-schema.ts";
import type { DriftAttempt, DriftCaseResult, DriftRun, GoldenCase } from "../domain/drift.ts";
import type { Logger } from "../lib/logger.ts";
import type { Decider } from "../pipeline/decider.ts";
import { goldenCaseInput } from "../pipeline/golden-case-input.ts";
import type { DriftLedger } from "../ports/drift-ledger.ts";
import type { LedgerAccount } from "../ports/ledger.ts";
import { bundledGoldenSet } from "../rollout/bundled-golden-set.ts";
import { scoreGoldenCase } from "../rollout/score-golden-case.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Decisions (case runs) per Cron Trigger invocation, over all accounts. An invocation may make 1,000
 * subrequests and run 15 minutes; a decision makes one or two model calls (a regeneration) of a few
 * seconds each, plus help center reads for cases from the review queue. 200 leaves room for both and
 * runs the bundled set at k = 3 (42 decisions) on four accounts; what does not fit counts as skipped.
 */
export const DECISIONS_PER_INVOCATION = 200;

export interface DriftAccountDeps {
  settings: () => Promise<Settings>;
  /** The engine for bundled cases: the live model over the golden articles; no support actions. */
  decideBundled: Decider;
  /** The engine for cases from the review queue: the live model over the account's own knowledge. */
  decideAccount: Decider;
}

export interface DriftCheckDeps {
  driftLedger: DriftLedger;
  /** The accounts to check (those with ledger rows or golden cases). */
  accounts: () => Promise<LedgerAccount[]>;
  forAccount(account: LedgerAccount): DriftAccountDeps;
  logger: Logger;
  /** Milliseconds, for the timings in the logs. */
  clock?: () => number;
  newRunId?: () => string;
}

export interface DriftCheckOptions {
  now: Date;
  trigger: DriftRun["trigger"];
  /** Decisions this invocation may make over all accounts (default DECISIONS_PER_INVOCATION). */
  maxDecisions?: number;
}

export interface DriftCheckSummary {
  accounts: number;
  /** Accounts whose run was stored, with their results. */
  runs: Array<{ run: DriftRun; results: DriftCaseResult[] }>;
  accountsSkipped: number;
  accountsFailed: number;
  durationMs: number;
}

/**
 * The drift check: for each account, the golden set (bundled cases, then those added from the review
 * queue) replayed against the live model through the decision engine, each case `drift_check_runs`
 * (k) times; a case passes only when all k runs reach its expectation (pass^k). A run stops starting
 * cases at `drift_check_max_cases` or once its cost reaches `drift_check_max_cost_usd` (the rest count
 * as skipped), and is stored with its results in one transaction. Nothing is written to a helpdesk.
 * One account failing is logged and the others still run.
 */
export async function runDriftCheck(deps: DriftCheckDeps, options: DriftCheckOptions): Promise<DriftCheckSummary> {
  const clock = deps.clock ?? Date.now;
  const started = clock();
  const log = deps.logger.child({ job: "drift_check" });
  const accounts = await deps.accounts();
  const summary: DriftCheckSummary = {
    accounts: accounts.length,
    runs: [],
    accountsSkipped: 0,
    accountsFailed: 0,
    durationMs: 0,
  };
  let decisionsLeft = options.maxDecisions ?? DECISIONS_PER_INVOCATION;
  log.info("drift check started", { accounts: accounts.length, scheduled_at: options.now.toISOString() });
  for (const account of accounts) {
    const accountLog = log.child({ platform: account.platform, account: account.account });
    const accountStarted = clock();
    try {
      const accountDeps = deps.forAccount(account);
      const settings = await accountDeps.settings();
      if (!settings.driftCheckEnabled) {
        summary.accountsSkipped++;
        accountLog.info("drift check skipped: drift_check_enabled is off");
        continue;
      }
      // The account's retention applies to its drift runs too; the golden cases stay until removed.
      const cutoff = new Date(options.now.getTime() - settings.retentionDays * DAY_MS).toISOString();
      const runsDeleted = await deps.driftLedger.deleteRunsOlderThan(account, cutoff);
      if (runsDeleted) accountLog.info("drift runs past retention deleted", { runs_deleted: runsDeleted });
      const added = await deps.driftLedger.goldenCases(account);
      const result = await replayGoldenSet(accountDeps, settings, account, [...bundledGoldenSet(), ...added], {
        ...options,
        maxDecisions: decisionsLeft,
        runId: deps.newRunId?.() ?? crypto.randomUUID(),
        finishedAt: () => new Date(options.now.getTime() + clock() - accountStarted).toISOString(),
        logger: accountLog,
      });
      decisionsLeft -= result.results.reduce((sum, r) => sum + r.k, 0);
      await deps.driftLedger.recordDriftRun(result.run, result.results);
      summary.runs.push(result);
      accountLog.info("drift check account done", {
        run_id: result.run.runId,
        model: result.run.model,
        k: result.run.k,
        cases: result.run.cases,
        passed: result.run.passed,
        skipped: result.run.skipped,
        cost_usd: result.run.costUsd,
        failing: result.results.filter((r) => !r.passed).map((r) => r.caseId),
        duration_ms: clock() - accountStarted,
      });
    } catch (error) {
      summary.accountsFailed++;
      accountLog.error("drift check account failed; the others continue", {
        error,
        duration_ms: clock() - accountStarted,
      });
    }
  }
  summary.durationMs = clock() - started;
  log.info("drift check finished", {
    accounts: summary.accounts,
    runs: summary.runs.length,
    accounts_skipped: summary.accountsSkipped,
    accounts_failed: summary.accountsFailed,
    duration_ms: summary.durationMs,
  });
  return summary;
}

/**
 * One account's replay of `cases` (what the Cron Trigger runs per account, and `npm run eval:live` by
 * hand): the run and its case results, not stored.
 */
export async function replayGoldenSet(
  deps: Pick<DriftAccountDeps, "decideBundled" | "decideAccount">,
  settings: Settings,
  account: LedgerAccount,
  cases: GoldenCase[],
  options: DriftCheckOptions & { runId: string; finishedAt: () => string; logger: Logger },
): Promise<{ run: DriftRun; results: DriftCaseResult[] }> {
  const k = settings.driftCheckRuns;
  const results: DriftCaseResult[] = [];
  let costUsd = 0;
  let decisions = 0;
  const maxDecisions = options.maxDecisions ?? Number.POSITIVE_INFINITY;
  const unpriced = new Set<string>();
  for (const golden of cases) {
    if (results.length >= settings.driftCheckMaxCases || costUsd >= settings.driftCheckMaxCostUsd) break;
    if (decisions + k > maxDecisions) break;
    decisions += k;
    const decide = golden.source === "bundled" ? deps.decideBundled : deps.decideAccount;
    const attempts: DriftAttempt[] = [];
    let inputTokens = 0;
    let outputTokens = 0;
    let caseCost = 0;
    // One after the other: k parallel calls would look like a burst to the API's rate limits.
    for (let i = 0; i < k; i++) {
      const input = goldenCaseInput(golden, { ...account, settings, now: options.now });
      const plan = await decide(input);
      attempts.push({ outcome: plan.outcome, reasons: plan.reasons });
      const usage = plan.facts?.usage ?? [];
      inputTokens += usage.reduce((sum, u) => sum + u.input + u.cacheRead + u.cacheWrite, 0);
      outputTokens += usage.reduce((sum, u) => sum + u.output, 0);
      const cost = modelCost(usage, settings.modelPrices);
      caseCost += cost.usd;
      for (const model of cost.unpriced) unpriced.add(model);
    }
    const score = scoreGoldenCase(attempts, golden.expect);
    costUsd += caseCost;
    results.push({
      caseId: golden.id,
      caseName: golden.name,
      k: score.k,
      passes: score.passes,
      passed: score.passed,
      outcomesSeen: score.outcomesSeen,
      inputTokens,
      outputTokens,
      costUsd: Math.round(caseCost * 1e9) / 1e9,
    });
  }
  // As for decisions: a model without a price counts as 0, and the run says which and how to fix it.
  for (const model of unpriced) {
    options.logger.warn("model has no price: its cost counts as 0", {
      model,
      setting: "model_prices",
      fix: "add the model's prices (USD per million tokens) to the model_prices setting",
    });
  }
  const run: DriftRun = {
    runId: options.runId,
    platform: account.platform,
    account: account.account,
    trigger: options.trigger,
    startedAt: options.now.toISOString(),
    finishedAt: options.finishedAt(),
    model: settings.decisionModel,
    k,
    cases: results.length,
    passed: results.filter((r) => r.passed).length,
    skipped: cases.length - results.length,
    inputTokens: results.reduce((sum, r) => sum + r.inputTokens, 0),
    outputTokens: results.reduce((sum, r) => sum + r.outputTokens, 0),
    costUsd: Math.round(costUsd * 1e9) / 1e9,
  };
  return { run, results };
}
