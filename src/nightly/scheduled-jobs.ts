import type { Logger } from "../lib/logger.ts";
import type { PipelineDeps } from "../pipeline/pipeline-deps.ts";
import type { Ledger, LedgerAccount } from "../ports/ledger.ts";
import { type DriftCheckJobDeps, driftCheckJob } from "./drift-check-job.ts";
import type { DriftCheckSummary } from "./run-drift-check.ts";
import { type FollowUpSummary, runFollowUps } from "./run-follow-ups.ts";
import { type NightlySummary, runNightly } from "./run-nightly.ts";
import { runStageGuard, type StageGuardSummary } from "./run-stage-guard.ts";
import { readyCategoriesStore } from "./ready-categories-store.ts";
import { reconcileCursor } from "./reconcile-cursor.ts";

/** What a scheduled run reports: its job's summary. */
export type ScheduledSummary = NightlySummary | DriftCheckSummary | StageGuardSummary | FollowUpSummary;

/**
 * The Cron Triggers' jobs by cron expression. Every entry is a `[triggers] crons` entry of wrangler.toml
 * and the reverse (test/unit/scheduled-jobs.test.ts): a cron without a job would wake the worker for
 * nothing, a job without its cron would never run.
 */
export const SCHEDULED_JOBS: Readonly<Record<string, "nightly" | "drift_check" | "stage_guard" | "follow_up">> = {
  // Ledger retention, the helpdesk's rating list and the reconciliation of lifecycle events.
  "17 3 * * *": "nightly",
  // The golden set replayed against the live model (src/nightly/run-drift-check.ts).
  "41 4 * * *": "drift_check",
  // Hourly: autosend of a category whose rates went bad falls back to draft (src/nightly/run-stage-guard.ts).
  "41 * * * *": "stage_guard",
  // Every 15 minutes: late escalations get one follow-up, stale tickets go to a person (src/nightly/run-follow-ups.ts).
  "7,22,37,52 * * * *": "follow_up",
};

export interface ScheduledJobsDeps {
  env: DriftCheckJobDeps["env"];
  /** Null when no D1 is bound: every job but the drift check (which says so itself) is then skipped. */
  ledger: Ledger | null;
  logger: Logger;
  /** The account's helpdesk, settings and state store, as its pipeline has them. */
  forAccount: (account: LedgerAccount) => Pick<PipelineDeps, "helpdesk" | "settings" | "store">;
  knowledgeFor: DriftCheckJobDeps["knowledgeFor"];
  guardrailsFor: DriftCheckJobDeps["guardrailsFor"];
}

/**
 * A Cron Trigger: the job of `cron` run for `scheduledTime`, each account's deps taken from its
 * pipeline; null when the cron has no job or no ledger is bound (both logged).
 */
export async function runScheduledJob(
  deps: ScheduledJobsDeps,
  cron: string,
  scheduledTime: number,
): Promise<ScheduledSummary | null> {
  const { env, ledger, logger } = deps;
  const job = SCHEDULED_JOBS[cron];
  if (job === undefined) {
    logger.error("scheduled run skipped: no job for this cron", { cron, jobs: Object.keys(SCHEDULED_JOBS) });
    return null;
  }
  const now = new Date(scheduledTime);
  if (job === "drift_check") {
    const { knowledgeFor, guardrailsFor } = deps;
    const settingsFor = (account: LedgerAccount) => deps.forAccount(account).settings;
    return driftCheckJob({ env, ledger, logger, settingsFor, knowledgeFor, guardrailsFor }, now);
  }
  if (!ledger) {
    logger.warn(`${job} run skipped: LEDGER (D1) not bound`);
    return null;
  }
  if (job === "follow_up") {
    const forAccount = (account: LedgerAccount) => {
      const { helpdesk, settings, store } = deps.forAccount(account);
      return { helpdesk, settings, store };
    };
    return runFollowUps({ ledger, logger, forAccount }, { now });
  }
  if (job === "stage_guard") {
    const forAccount = (account: LedgerAccount) => {
      const { settings, store } = deps.forAccount(account);
      return { settings, store };
    };
    return runStageGuard({ ledger, logger, forAccount }, { now });
  }
  const forAccount = (account: LedgerAccount) => {
    const { helpdesk, settings, store } = deps.forAccount(account);
    return { helpdesk, settings, cursor: reconcileCursor(store), readyCategories: readyCategoriesStore(store) };
  };
  return runNightly({ ledger, logger, forAccount }, { now });
}
