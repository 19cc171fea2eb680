import type { DriftRun } from "../domain/drift.ts";
import { wilsonInterval } from "../metrics/wilson-interval.ts";

/** One drift run as the trend shows it: the pass^k rate with its counts and 95% Wilson interval. */
export interface DriftTrendPoint {
  runId: string;
  startedAt: string;
  model: string;
  k: number;
  cases: number;
  passed: number;
  skipped: number;
  /** passed / cases; null when no case ran. */
  passRate: number | null;
  /** 95% Wilson score interval of the pass^k rate; null when no case ran. */
  interval: { low: number; high: number; method: "wilson"; level: 0.95 } | null;
  costUsd: number;
}

/** The runs (any order) as trend points, oldest first. Pure. */
export function driftTrend(runs: readonly DriftRun[]): DriftTrendPoint[] {
  return [...runs]
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.runId.localeCompare(b.runId))
    .map((run) => {
      const interval = wilsonInterval(run.passed, run.cases);
      return {
        runId: run.runId,
        startedAt: run.startedAt,
        model: run.model,
        k: run.k,
        cases: run.cases,
        passed: run.passed,
        skipped: run.skipped,
        passRate: run.cases ? run.passed / run.cases : null,
        interval: interval ? { ...interval, method: "wilson" as const, level: 0.95 as const } : null,
        costUsd: run.costUsd,
      };
    });
}
