import type { Settings } from "../../config/settings-schema.ts";
import type { Ledger, LedgerReportQuery } from "../../ports/ledger.ts";
import { type Readiness, shadowReadiness } from "../../rollout/shadow-readiness.ts";

/** The answer of GET /admin/readiness: readiness per category and what it was computed over. */
export type ReadinessReport = { range: { from: string; to: string } } & Readiness;

/**
 * One account's readiness over whole UTC days: its shadow rows read once (`Ledger.shadowRows`) and
 * scored by the pure `shadowReadiness` at the account's `readiness_threshold` and
 * `readiness_min_samples`. The one code path behind GET /admin/readiness and the console's Readiness
 * page. Ledger errors propagate: the caller answers them.
 */
export async function readinessReport(
  ledger: Ledger,
  query: LedgerReportQuery,
  settings: Pick<Settings, "readinessThreshold" | "readinessMinSamples">,
): Promise<{ report: ReadinessReport; trace: { decisions_read: number; events_read: number; read_ms: number } }> {
  const started = performance.now();
  const rows = await ledger.shadowRows(query);
  const read_ms = Math.round(performance.now() - started);
  const readiness = shadowReadiness(rows, {
    from: query.from,
    to: query.to,
    threshold: settings.readinessThreshold,
    minSamples: settings.readinessMinSamples,
  });
  const range = { from: query.from.slice(0, 10), to: new Date(Date.parse(query.to) - 1).toISOString().slice(0, 10) };
  return {
    report: { range, ...readiness },
    trace: { decisions_read: rows.decisions.length, events_read: rows.events.length, read_ms },
  };
}
