import { DEFAULT_STAYED_RESOLVED_DAYS } from "../../metrics/classify-tickets.ts";
import { computeMetrics, type Metrics, summaryMetrics } from "../../metrics/compute-metrics.ts";
import { type ReviewMetrics, reviewMetrics } from "../../metrics/review-metrics.ts";
import type { Ledger, LedgerReportQuery } from "../../ports/ledger.ts";

/** The answer of GET /admin/metrics: the metrics plus what they were computed over, so a reader can audit them. */
export type MetricsReport = {
  range: { from: string; to: string };
  as_of: string;
  definitions: { resolution_wait_hours: number; stayed_resolved_days: number };
} & Metrics &
  ReviewMetrics;

/** What a report read, and how long reading and counting took (for the caller's log line). */
export interface MetricsReportTrace {
  counts: Record<string, number>;
  read_ms: number;
  compute_ms: number;
}

/**
 * One account's metrics report over whole UTC days, as of `asOf`: the one code path behind
 * GET /admin/metrics and the console's Overview, so both always show the same numbers. The ledger
 * usually reduces the report to per-ticket facts and message groups (`Ledger.reportSummary`), which
 * the pure `summaryMetrics` counts; when the account holds rows dated after `asOf`, the rows
 * themselves are read, filtered and counted by `computeMetrics` (the two are proven equal on the
 * definitions table). Ledger errors propagate: the caller answers them.
 */
export async function metricsReport(
  ledger: Ledger,
  query: LedgerReportQuery,
  asOf: Date,
  resolutionWaitHours: number,
): Promise<{ report: MetricsReport; trace: MetricsReportTrace }> {
  const { platform, account, from, to } = query;
  const started = performance.now();
  // The days as the request named them: `from` is the first day's midnight, `to` the midnight after the last.
  const range = { from: from.slice(0, 10), to: new Date(Date.parse(to) - 1).toISOString().slice(0, 10) };
  const options = {
    ...range,
    now: asOf,
    resolutionWaitHours,
    stayedResolvedDays: DEFAULT_STAYED_RESOLVED_DAYS,
  };
  let metrics: Metrics;
  let read: number;
  let counts: Record<string, number>;
  if (await ledger.hasRowsAfter({ platform, account }, asOf.toISOString())) {
    // Nothing after as_of was known then: a reopen dated later must not undo a resolution yet.
    const rows = await ledger.reportRows({ platform, account, from, to });
    read = performance.now();
    const asOfMs = asOf.getTime();
    const decisions = rows.decisions.filter((d) => Date.parse(d.decidedAt) <= asOfMs);
    const events = rows.events.filter((e) => Date.parse(e.at) <= asOfMs);
    metrics = computeMetrics(decisions, events, options);
    counts = { decisions_read: rows.decisions.length, events_read: rows.events.length };
  } else {
    const summary = await ledger.reportSummary({ platform, account, from, to });
    read = performance.now();
    metrics = summaryMetrics(summary, options);
    counts = { tickets_read: summary.tickets.length, message_groups_read: summary.messages.length };
  }
  // Ratings and verdicts are few (people give them): one small grouped read, the same for both paths.
  const reviews = reviewMetrics(await ledger.reviewCounts({ platform, account, from, to, asOf: asOf.toISOString() }));
  const report: MetricsReport = {
    range,
    as_of: asOf.toISOString(),
    definitions: { resolution_wait_hours: resolutionWaitHours, stayed_resolved_days: DEFAULT_STAYED_RESOLVED_DAYS },
    ...metrics,
    ...reviews,
  };
  return {
    report,
    trace: { counts, read_ms: Math.round(read - started), compute_ms: Math.round(performance.now() - read) },
  };
}
