import type { Context } from "hono";
import type { Platform } from "../../domain/support-event.ts";
import { toDeskmateError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import type { Ledger } from "../../ports/ledger.ts";
import { invalidRequest, refuseAdminRequest } from "./admin-gate.ts";
import { NO_LEDGER } from "./admin-decisions-route.ts";
import { asOfParam } from "./as-of-param.ts";
import { parseLedgerParams } from "./ledger-query-params.ts";
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
  const log = deps.logger.child({ route: ADMIN_METRICS_PATH });
  const now = deps.now ?? (() => new Date());

  return async (c) => {
    const refused = await refuseAdminRequest(c, deps.adminToken(), log);
    if (refused) return refused;
    const params = parseLedgerParams((name) => c.req.query(name), { paged: false });
    const asOfRead = asOfParam(c.req.query("as_of"), now());
    if (!params.ok || "problem" in asOfRead) {
      const problems = params.ok ? [] : params.problems;
      return invalidRequest(c, "problem" in asOfRead ? [...problems, asOfRead.problem] : problems);
    }
    const { asOf } = asOfRead;
    const ledger = deps.ledger();
    if (!ledger) {
      log.error(NO_LEDGER);
      return c.json({ error: "ledger_missing", message: NO_LEDGER }, 503);
    }
    const { platform, account, from, to } = params.query;
    const ids = { platform, account };

    let waitHours: number;
    try {
      waitHours = await deps.resolutionWaitHours(platform, account);
    } catch (cause) {
      const error = toDeskmateError(cause);
      log.error("settings read failed", { ...ids, error_code: error.code, error });
      return c.json(
        { error: "settings_unavailable", message: "the account's settings could not be read; retry later" },
        503,
      );
    }

    let result: Awaited<ReturnType<typeof metricsReport>>;
    try {
      result = await metricsReport(ledger, { platform, account, from, to }, asOf, waitHours);
    } catch (cause) {
      const error = toDeskmateError(cause);
      log.error("ledger read failed", { ...ids, error_code: error.code, error });
      return c.json({ error: "ledger_unavailable", message: "the ledger could not be read; retry later" }, 503);
    }
    const { report, trace } = result;
    log.info("metrics report", {
      ...ids,
      ...report.range,
      as_of: report.as_of,
      ...trace.counts,
      read_ms: trace.read_ms,
      compute_ms: trace.compute_ms,
    });
    return c.json(report, 200);
  };
}
