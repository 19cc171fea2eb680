import { dailyTrends, type DailyTrends, trendDays } from "../../metrics/daily-trends.ts";
import type { Ledger, LedgerReportQuery } from "../../ports/ledger.ts";
import { metricsReport } from "../admin/metrics-report.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The daily trends of a report's range: one `metricsReport` per UTC day (the same code path as
 * GET /admin/metrics for that single day), reduced by the pure `dailyTrends`. Null when the range is
 * longer than MAX_TREND_DAYS. Ledger errors propagate.
 */
export async function trendReports(
  ledger: Ledger,
  query: LedgerReportQuery,
  asOf: Date,
  resolutionWaitHours: number,
): Promise<DailyTrends | null> {
  const from = query.from.slice(0, 10);
  const to = new Date(Date.parse(query.to) - 1).toISOString().slice(0, 10);
  const days = trendDays(from, to);
  if (days === null) return null;
  const perDay = await Promise.all(
    days.map(async (day) => {
      const start = Date.parse(`${day}T00:00:00Z`);
      const dayQuery = {
        platform: query.platform,
        account: query.account,
        from: new Date(start).toISOString(),
        to: new Date(start + DAY_MS).toISOString(),
      };
      const { report } = await metricsReport(ledger, dayQuery, asOf, resolutionWaitHours);
      return { day, metrics: report };
    }),
  );
  return dailyTrends(perDay);
}
