import type { Context } from "hono";
import type { Platform } from "../../domain/support-event.ts";
import type { Logger } from "../../lib/logger.ts";
import type { Ledger } from "../../ports/ledger.ts";
import { asOfParam } from "./as-of-param.ts";
import { ledgerReportHandler } from "./ledger-report-handler.ts";
import { metricsReport } from "./metrics-report.ts";

export interface AdminMetricsDeps {
  adminToken: () => string | undefined;
  /** The outcome ledger; null when no D1 database is bound as LEDGER. */
  ledger: () => Ledger | null;
  /** The account's `resolution_wait_hours` setting, resolved as the pipeline resolves it. */
  resolutionWaitHours: (platform: Platform, account: string) => Promise<number>;
  logger: Logger;
  now?: () => Date;
}

export const ADMIN_METRICS_PATH = "/admin/metrics";

export type { MetricsReport } from "./metrics-report.ts";

type Handler = (c: Context) => Promise<Response>;

/**
 * `GET /admin/metrics`: the audited resolution metrics of one account over whole UTC days (README,
 * "How Deskmate counts"). Gates as the other ledger routes: admin token (503/401), every bad parameter
 * named (400), ledger bound (503). Computed as of `as_of` (default now): rows dated after it are left
 * out, so a past instant reproduces the report of that time and a future one previews it if nothing
 * else happens. The report itself comes from `metricsReport`, which the console's Overview shares.
 */
export function adminMetricsHandler(deps: AdminMetricsDeps): Handler {
  const now = deps.now ?? (() => new Date());
  const asOf = (c: Context) => asOfParam(c.req.query("as_of"), now());
  return ledgerReportHandler({
    route: ADMIN_METRICS_PATH,
    adminToken: deps.adminToken,
    ledger: deps.ledger,
    settings: deps.resolutionWaitHours,
    extraProblems: (c) => {
      const read = asOf(c);
      return "problem" in read ? [read.problem] : [];
    },
    report: async (c, ledger, query, waitHours) => {
      const read = asOf(c);
      const at = "asOf" in read ? read.asOf : now();
      const { report, trace } = await metricsReport(ledger, query, at, waitHours);
      return {
        body: report,
        message: "metrics report",
        fields: {
          ...report.range,
          as_of: report.as_of,
          ...trace.counts,
          read_ms: trace.read_ms,
          compute_ms: trace.compute_ms,
        },
      };
    },
    logger: deps.logger,
  });
}
