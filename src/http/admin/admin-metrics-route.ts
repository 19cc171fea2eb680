import type { Context } from "hono";
import type { Platform } from "../../domain/support-event.ts";
import { toDeskmateError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import { DEFAULT_STAYED_RESOLVED_DAYS } from "../../metrics/classify-tickets.ts";
import { computeMetrics, type Metrics, summaryMetrics } from "../../metrics/compute-metrics.ts";
import { type ReviewMetrics, reviewMetrics } from "../../metrics/review-metrics.ts";
import type { Ledger } from "../../ports/ledger.ts";
import { invalidRequest, refuseAdminRequest } from "./admin-gate.ts";
import { NO_LEDGER } from "./admin-decisions-route.ts";
import { asOfParam } from "./as-of-param.ts";
import { parseLedgerParams } from "./ledger-query-params.ts";

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

/** The answer: the metrics plus what they were computed over, so a reader can audit them. */
export type MetricsReport = {
  range: { from: string; to: string };
  as_of: string;
  definitions: { resolution_wait_hours: number; stayed_resolved_days: number };
} & Metrics &
  ReviewMetrics;

type Handler = (c: Context) => Promise<Response>;

/**
 * `GET /admin/metrics`: the audited resolution metrics of one account over whole UTC days (README,
 * "How Deskmate counts"). Gates as the other ledger routes: admin token (503/401), every bad parameter
 * named (400), ledger bound (503). Computed as of `as_of` (default now): rows dated after it are left
 * out, so a past instant reproduces the report of that time and a future one previews it if nothing
 * else happens. The ledger usually reduces the report to per-ticket facts and message groups
 * (`Ledger.reportSummary`), which the pure `summaryMetrics` counts with the account's own
 * `resolution_wait_hours`; when the account holds rows dated after `as_of`, the rows themselves are
 * read, filtered and counted by `computeMetrics` (the two are proven equal on the definitions table).
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

    const started = performance.now();
    // The days as the request named them: parseLedgerParams accepted them as YYYY-MM-DD.
    const range = { from: from.slice(0, 10), to: new Date(Date.parse(to) - 1).toISOString().slice(0, 10) };
    const options = {
      ...range,
      now: asOf,
      resolutionWaitHours: waitHours,
      stayedResolvedDays: DEFAULT_STAYED_RESOLVED_DAYS,
    };
    let metrics: Metrics;
    let reviews: ReviewMetrics;
    let read: number;
    let counts: Record<string, number>;
    try {
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
      reviews = reviewMetrics(await ledger.reviewCounts({ platform, account, from, to, asOf: asOf.toISOString() }));
    } catch (cause) {
      const error = toDeskmateError(cause);
      log.error("ledger read failed", { ...ids, error_code: error.code, error });
      return c.json({ error: "ledger_unavailable", message: "the ledger could not be read; retry later" }, 503);
    }
    log.info("metrics report", {
      ...ids,
      ...range,
      as_of: asOf.toISOString(),
      ...counts,
      read_ms: Math.round(read - started),
      compute_ms: Math.round(performance.now() - read),
    });
    const report: MetricsReport = {
      range,
      as_of: asOf.toISOString(),
      definitions: { resolution_wait_hours: waitHours, stayed_resolved_days: DEFAULT_STAYED_RESOLVED_DAYS },
      ...metrics,
      ...reviews,
    };
    return c.json(report, 200);
  };
}
