import type { DriftCaseResult, DriftRun } from "../../domain/drift.ts";
import type { DriftLedger } from "../../ports/drift-ledger.ts";
import type { LedgerAccount } from "../../ports/ledger.ts";
import { bundledGoldenSet } from "../../rollout/bundled-golden-set.ts";
import { type DriftTrendPoint, driftTrend } from "../../rollout/drift-trend.ts";

export const DRIFT_RUNS_DEFAULT = 30;

/** What `GET /admin/drift` answers and the console's Drift page shows. */
export interface DriftReport {
  platform: LedgerAccount["platform"];
  account: string;
  /** The cases a run replays: bundled with Deskmate, and added from this account's review queue. */
  goldenSet: { bundled: number; added: number };
  /** The newest runs, oldest first: pass^k rate per run with its counts and 95% Wilson interval. */
  runs: DriftTrendPoint[];
  /** The newest run with every case's result, failing cases first; null before the first run. */
  lastRun: (DriftRun & { results: DriftCaseResult[] }) | null;
}

/** Reads an account's drift trend and its last run's results (three queries). */
export async function driftReport(ledger: DriftLedger, account: LedgerAccount, runs: number): Promise<DriftReport> {
  const [stored, added] = await Promise.all([ledger.driftRuns(account, runs), ledger.goldenCases(account)]);
  const newest = stored[0];
  const results = newest ? await ledger.driftResults(account, newest.runId) : [];
  return {
    platform: account.platform,
    account: account.account,
    goldenSet: { bundled: bundledGoldenSet().length, added: added.length },
    runs: driftTrend(stored),
    lastRun: newest ? { ...newest, results } : null,
  };
}
