import type { Settings } from "../config/settings-schema.ts";
import type { ReportEvent } from "../domain/ledger.ts";
import {
  fallbacksFromStates,
  type GuardCohortKind,
  type GuardDecision,
  type GuardEvent,
  type GuardMeasure,
  rolledBackCanaries,
  UNKNOWN_CATEGORY,
} from "../domain/stage-guard.ts";
import type { Logger } from "../lib/logger.ts";
import type { Ledger, LedgerAccount } from "../ports/ledger.ts";
import { guardCohortCounts } from "../rollout/guard-cohort-counts.ts";
import { stageGuardActions } from "../rollout/stage-guard-actions.ts";
import { writeCanaryRollbacks } from "../state/canary-rollbacks.ts";
import { writeGuardedCategories } from "../state/guarded-categories.ts";
import type { StateStore } from "../state/state-store.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
/** A cohort's history read to find its last re-enable (far more than a guard ever writes for one account). */
const HISTORY_LIMIT = 1000;

export interface StageGuardAccountDeps {
  settings: () => Promise<Settings>;
  store: StateStore;
}

export interface StageGuardDeps {
  ledger: Ledger;
  logger: Logger;
  forAccount(account: LedgerAccount): StageGuardAccountDeps;
  /** Milliseconds, for the timings in the logs. */
  clock?: () => number;
}

export interface StageGuardSummary {
  accounts: number;
  accountsFailed: number;
  /** Categories judged, over all accounts. */
  cohorts: number;
  tripped: number;
  reEnabled: number;
  durationMs: number;
}

/**
 * The stage guard's Cron Trigger, per account in the ledger: judge each category's autosent tickets
 * over the rolling window (`guard_window_days`, restarted by a re-enable), record a trip for each
 * category over a threshold (and, only with `guard_auto_reenable`, a re-enable for each that
 * recovered), then write the current fallbacks from the ledger into the account's state store, where
 * the pipeline reads them on the next message. The canary's tickets are judged the same way, per canary
 * fingerprint; a trip rolls the canary back (`rollout:canary_rollbacks`). With `guard_enabled` off
 * nothing new is recorded, but the store is still brought in line with the ledger. One account failing
 * is logged; the others run.
 */
export async function runStageGuard(deps: StageGuardDeps, options: { now: Date }): Promise<StageGuardSummary> {
  const clock = deps.clock ?? Date.now;
  const started = clock();
  const log = deps.logger.child({ job: "stage_guard" });
  const accounts = await deps.ledger.accounts();
  const summary: StageGuardSummary = {
    accounts: accounts.length,
    accountsFailed: 0,
    cohorts: 0,
    tripped: 0,
    reEnabled: 0,
    durationMs: 0,
  };
  for (const account of accounts) {
    const accountStarted = clock();
    const accountLog = log.child({ platform: account.platform, account: account.account });
    try {
      const { settings, store } = deps.forAccount(account);
      const done = await guardAccount(deps.ledger, account, await settings(), options.now, accountLog);
      const states = await deps.ledger.guardStates(account);
      await writeGuardedCategories(store, fallbacksFromStates(states));
      await writeCanaryRollbacks(store, rolledBackCanaries(states));
      summary.cohorts += done.cohorts;
      summary.tripped += done.tripped.length;
      summary.reEnabled += done.reEnabled.length;
      accountLog.info("stage guard account done", {
        enabled: done.enabled,
        cohorts: done.cohorts,
        tripped: done.tripped.join(",") || "none",
        re_enabled: done.reEnabled.join(",") || "none",
        decisions_read: done.decisionsRead,
        duration_ms: clock() - accountStarted,
      });
    } catch (error) {
      summary.accountsFailed++;
      accountLog.error("stage guard account failed; the others continue", {
        error,
        duration_ms: clock() - accountStarted,
      });
    }
  }
  summary.durationMs = clock() - started;
  log.info("stage guard run finished", {
    accounts: summary.accounts,
    accounts_failed: summary.accountsFailed,
    cohorts: summary.cohorts,
    tripped: summary.tripped,
    re_enabled: summary.reEnabled,
    duration_ms: summary.durationMs,
  });
  return summary;
}

async function guardAccount(ledger: Ledger, account: LedgerAccount, settings: Settings, now: Date, log: Logger) {
  const windowStartMs = now.getTime() - settings.guardWindowDays * DAY_MS;
  // Newest first: each cohort's first row is its state; its first re-enable restarts its window.
  const history = await ledger.guardEvents(account, { limit: HISTORY_LIMIT });
  const rows = await ledger.guardRows({
    platform: account.platform,
    account: account.account,
    from: new Date(windowStartMs).toISOString(),
    to: now.toISOString(),
  });
  // Canary tickets are judged as their canary, not in their category: a bad canary is rolled back,
  // it does not drag the categories it answered into draft.
  const canary = (d: GuardDecision) => d.variant === "canary";
  const judge = { ledger, account, settings, now, log, history, events: rows.events };
  const categories = await judgeCohorts(judge, "category", {
    decisions: rows.decisions.filter((d) => !canary(d)),
    cohortOf: (d) => d.category ?? UNKNOWN_CATEGORY,
  });
  const canaries = await judgeCohorts(judge, "canary", {
    decisions: rows.decisions.filter(canary),
    cohortOf: (d) => d.fingerprint,
  });
  return {
    enabled: settings.guardEnabled,
    cohorts: categories.cohorts + canaries.cohorts,
    tripped: [...categories.tripped, ...canaries.tripped.map((f) => `canary:${f}`)],
    reEnabled: [...categories.reEnabled, ...canaries.reEnabled.map((f) => `canary:${f}`)],
    decisionsRead: rows.decisions.length,
  };
}

interface Judge {
  ledger: Ledger;
  account: LedgerAccount;
  settings: Settings;
  now: Date;
  log: Logger;
  history: readonly GuardEvent[];
  events: readonly ReportEvent[];
}

/**
 * One kind of cohort (categories, or canary fingerprints) through the same gate and thresholds: trip
 * each cohort over a threshold, re-enable (only with `guard_auto_reenable`) each that recovered, and
 * record every action in the ledger.
 */
async function judgeCohorts(
  judge: Judge,
  kind: GuardCohortKind,
  cohorts: { decisions: readonly GuardDecision[]; cohortOf: (d: GuardDecision) => string },
) {
  const { settings, now, account } = judge;
  const enabled = settings.guardEnabled;
  const windowDays = settings.guardWindowDays;
  const windowStartMs = now.getTime() - windowDays * DAY_MS;
  const active = new Map<string, GuardMeasure>();
  const restartedMs = new Map<string, number>();
  const seen = new Set<string>();
  for (const e of judge.history) {
    if (e.cohortKind !== kind) continue;
    if (!seen.has(e.cohort)) {
      seen.add(e.cohort);
      if (e.action === "tripped" && e.reason !== "admin" && e.reason !== "recovered") active.set(e.cohort, e.reason);
    }
    if (e.action === "re_enabled" && !restartedMs.has(e.cohort)) restartedMs.set(e.cohort, Date.parse(e.at));
  }
  const counts = guardCohortCounts(cohorts.decisions, judge.events, {
    now,
    startMs: (cohort) => Math.max(windowStartMs, restartedMs.get(cohort) ?? windowStartMs),
    resolutionWaitHours: settings.resolutionWaitHours,
    cohortOf: cohorts.cohortOf,
  });
  const plan = stageGuardActions({
    counts,
    active,
    thresholds: {
      maxFalseResolutionRate: settings.guardMaxFalseResolutionRate,
      maxBadCsatRate: settings.guardMaxBadCsatRate,
      minSamples: settings.guardMinSamples,
    },
    autoReenable: enabled && settings.guardAutoReenable,
  });
  const tripped: string[] = [];
  const reEnabled: string[] = [];
  for (const action of enabled ? plan.actions : []) {
    const { reading } = action;
    const event: GuardEvent = {
      platform: account.platform,
      account: account.account,
      cohortKind: kind,
      cohort: action.cohort,
      action: action.action === "trip" ? "tripped" : "re_enabled",
      reason: action.action === "trip" ? reading.measure : "recovered",
      rate: reading.rate,
      samples: reading.samples,
      threshold: reading.threshold,
      windowDays,
      at: now.toISOString(),
      actor: "guard",
    };
    await judge.ledger.recordGuardEvent(event);
    const fields = {
      [kind === "canary" ? "fingerprint" : "category"]: action.cohort,
      measure: reading.measure,
      rate: reading.rate,
      events: reading.events,
      samples: reading.samples,
      threshold: reading.threshold,
      window_days: windowDays,
    };
    if (action.action === "trip") {
      tripped.push(action.cohort);
      judge.log.warn(
        kind === "canary"
          ? "stage guard: the canary was rolled back"
          : "stage guard: autosend of a category fell back to draft",
        fields,
      );
    } else {
      reEnabled.push(action.cohort);
      judge.log.info(`stage guard: ${kind} recovered and re-enabled itself`, fields);
    }
  }
  return { cohorts: plan.verdicts.length, tripped, reEnabled };
}
