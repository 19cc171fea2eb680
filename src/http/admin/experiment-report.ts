import type { Ledger, LedgerReportQuery } from "../../ports/ledger.ts";
import { type CohortComparison, compareCohorts, type MetricComparison } from "../../rollout/compare-cohorts.ts";
import { experimentTickets } from "../../rollout/experiment-tickets.ts";

type Side<M extends MetricComparison> = M["treatment"];

/**
 * One metric of GET /admin/experiment: each arm's counts, the difference (assistant − control), its
 * interval, the verdict.
 */
export type ExperimentMetric = {
  metric: string;
  kind: MetricComparison["kind"];
  better: MetricComparison["better"];
  unit?: "minutes";
  assistant: Side<MetricComparison>;
  control: Side<MetricComparison>;
  difference: number | null;
  interval: { low: number; high: number } | null;
  method: string;
  verdict: MetricComparison["verdict"];
};

/** The answer of GET /admin/experiment (and the console's Experiment page). */
export interface ExperimentReport {
  /** Tickets whose first decision falls in these whole UTC days, both included. */
  range: { from: string; to: string };
  arms: { assistant: { tickets: number }; control: { tickets: number } };
  /** `experiment_min_samples`: measured tickets each arm needs before a metric gets a verdict. */
  min_samples: number;
  metrics: ExperimentMetric[];
  verdict: CohortComparison["verdict"];
}

/**
 * The assistant arm against the control arm over the tickets first decided in the range: one code
 * path for the API and the console, so both always show the same numbers. Ledger errors propagate.
 */
export async function experimentReport(
  ledger: Ledger,
  query: LedgerReportQuery,
  minSamples: number,
): Promise<{ report: ExperimentReport; trace: { tickets: number; read_ms: number; compute_ms: number } }> {
  const started = performance.now();
  const rows = await ledger.experimentRows(query);
  const read = performance.now();
  const tickets = experimentTickets(rows.decisions, rows.events, {
    fromMs: Date.parse(query.from),
    toMs: Date.parse(query.to),
  });
  const assistant = tickets.filter((t) => t.arm === "assistant");
  const control = tickets.filter((t) => t.arm === "control");
  const comparison = compareCohorts(assistant, control, { minSamples });
  const report: ExperimentReport = {
    range: { from: query.from.slice(0, 10), to: new Date(Date.parse(query.to) - 1).toISOString().slice(0, 10) },
    arms: { assistant: { tickets: assistant.length }, control: { tickets: control.length } },
    min_samples: minSamples,
    metrics: comparison.metrics.map((m) => ({
      metric: m.metric,
      kind: m.kind,
      better: m.better,
      ...(m.kind === "median" ? { unit: m.unit } : {}),
      assistant: m.treatment,
      control: m.baseline,
      difference: m.difference,
      interval: m.interval,
      method: m.method,
      verdict: m.verdict,
    })),
    verdict: comparison.verdict,
  };
  return {
    report,
    trace: {
      tickets: tickets.length,
      read_ms: Math.round(read - started),
      compute_ms: Math.round(performance.now() - read),
    },
  };
}
