import type { Ledger, LedgerReportQuery } from "../../ports/ledger.ts";
import { canaryCohorts } from "../../rollout/canary-cohorts.ts";
import { type CohortComparison, compareCohorts, type MetricComparison } from "../../rollout/compare-cohorts.ts";
import { experimentTickets } from "../../rollout/experiment-tickets.ts";

/**
 * One metric of the canary comparison: the canary's and the current tickets' counts, the difference
 * (canary − current).
 */
export type CanaryMetric = {
  metric: string;
  kind: MetricComparison["kind"];
  better: MetricComparison["better"];
  unit?: "minutes";
  canary: MetricComparison["treatment"];
  current: MetricComparison["baseline"];
  difference: number | null;
  interval: { low: number; high: number } | null;
  method: string;
  verdict: MetricComparison["verdict"];
};

/** One canary block (by fingerprint) against the current settings over the same span. */
export interface CanaryComparison {
  fingerprint: string;
  /** The first decisions of the canary's first and last ticket: the span both sides are taken from. */
  from: string;
  to: string;
  canary: { tickets: number };
  current: { tickets: number };
  metrics: CanaryMetric[];
  verdict: CohortComparison["verdict"];
}

/** The answer of GET /admin/experiment?compare=canary (and the console Experiment page's canary section). */
export interface CanaryExperimentReport {
  range: { from: string; to: string };
  compare: "canary";
  min_samples: number;
  /** Newest canary first; empty when no canary ticket was first decided in the range. */
  canaries: CanaryComparison[];
}

/**
 * Each canary fingerprint's tickets against the assistant-arm tickets decided with the current settings
 * in the same span, by the arms' own comparison (compareCohorts): one code path for the API and the console.
 */
export async function canaryExperimentReport(
  ledger: Ledger,
  query: LedgerReportQuery,
  minSamples: number,
): Promise<{ report: CanaryExperimentReport; trace: { tickets: number; canaries: number } }> {
  const rows = await ledger.experimentRows(query);
  const tickets = experimentTickets(rows.decisions, rows.events, {
    fromMs: Date.parse(query.from),
    toMs: Date.parse(query.to),
  });
  const canaries = canaryCohorts(tickets).map((cohort): CanaryComparison => {
    const comparison = compareCohorts(cohort.canary, cohort.current, { minSamples });
    return {
      fingerprint: cohort.fingerprint,
      from: cohort.from,
      to: cohort.to,
      canary: { tickets: cohort.canary.length },
      current: { tickets: cohort.current.length },
      metrics: comparison.metrics.map((m) => ({
        metric: m.metric,
        kind: m.kind,
        better: m.better,
        ...(m.kind === "median" ? { unit: m.unit } : {}),
        canary: m.treatment,
        current: m.baseline,
        difference: m.difference,
        interval: m.interval,
        method: m.method,
        verdict: m.verdict,
      })),
      verdict: comparison.verdict,
    };
  });
  const report: CanaryExperimentReport = {
    range: { from: query.from.slice(0, 10), to: new Date(Date.parse(query.to) - 1).toISOString().slice(0, 10) },
    compare: "canary",
    min_samples: minSamples,
    canaries,
  };
  return { report, trace: { tickets: tickets.length, canaries: canaries.length } };
}
