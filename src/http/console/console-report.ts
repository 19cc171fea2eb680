import type { Context } from "hono";
import { toDeskmateError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import type { Ledger, LedgerAccount, LedgerReportQuery } from "../../ports/ledger.ts";
import { NO_LEDGER } from "../admin/admin-decisions-route.ts";
import { type MetricsReport, metricsReport } from "../admin/metrics-report.ts";
import type { FieldProblem } from "../admin/validate-setting-values.ts";
import type { ConsoleDeps } from "./console-deps.ts";
import { type FilterValues, overviewFilters } from "./overview-filters.ts";

/** What a filtered console page needs before it renders: the filters, and the report when asked for. */
export interface ConsoleReport {
  values: FilterValues;
  accounts: LedgerAccount[];
  problems: FieldProblem[];
  /** The ledger and the checked filters; null when there is nothing to read (notice says why) or a filter is bad. */
  ledger: Ledger | null;
  query: LedgerReportQuery | null;
  report: MetricsReport | null;
  /** The instant the report is computed at: the filters' `as_of`, else now. */
  at: Date;
  notice?: string;
  status: 200 | 400 | 503;
}

const NO_LEDGER_NOTICE =
  "No outcome ledger is bound to this worker (D1 database LEDGER), so there is nothing to show yet.";
const EMPTY_LEDGER_NOTICE =
  "The ledger holds no decisions yet: they appear here once Deskmate has handled a customer message.";

/**
 * The filters of a console page read against the ledger's accounts (as the Overview reads them), and,
 * with `metrics`, the same `metricsReport` as GET /admin/metrics. A ledger that is missing or fails
 * becomes a notice and a 503, a bad filter a 400 with the problems: the page always renders.
 */
export async function consoleReport(
  c: Context,
  deps: ConsoleDeps,
  log: Logger,
  at: Date,
  options: { metrics: boolean; page: string },
): Promise<ConsoleReport> {
  const read = (name: string) => c.req.query(name);
  const ledger = deps.ledger();
  const bare = { accounts: [], problems: [], ledger: null, query: null, report: null, at };
  if (!ledger) {
    log.error(NO_LEDGER);
    return { ...bare, values: overviewFilters(read, [], at).values, notice: NO_LEDGER_NOTICE, status: 503 };
  }
  let accounts: LedgerAccount[];
  try {
    accounts = (await ledger.accounts()).sort(
      (a, b) => a.platform.localeCompare(b.platform) || a.account.localeCompare(b.account),
    );
  } catch (cause) {
    const error = toDeskmateError(cause);
    log.error("ledger read failed", { error_code: error.code, error });
    const notice = "The ledger could not be read; reload in a moment.";
    return { ...bare, values: overviewFilters(read, [], at).values, notice, status: 503 };
  }
  const chosen = overviewFilters(read, accounts, at);
  if (chosen.query === null) {
    if (accounts.length === 0 && !read("account")) {
      const problems = chosen.problems.filter((p) => p.name !== "account");
      const status = problems.length ? 400 : 200;
      return { ...bare, values: chosen.values, accounts, problems, notice: EMPTY_LEDGER_NOTICE, status };
    }
    return { ...bare, values: chosen.values, accounts, problems: chosen.problems, status: 400 };
  }
  const base = {
    values: chosen.values,
    accounts,
    problems: [],
    ledger,
    query: chosen.query,
    report: null,
    at: chosen.at,
  };
  if (!options.metrics) return { ...base, status: 200 };
  const { platform, account } = chosen.query;
  try {
    const waitHours = await deps.resolutionWaitHours(platform, account);
    const result = await metricsReport(ledger, chosen.query, chosen.at, waitHours);
    log.info("console report", {
      page: options.page,
      platform,
      account,
      ...result.report.range,
      ...result.trace.counts,
      read_ms: result.trace.read_ms,
      compute_ms: result.trace.compute_ms,
    });
    return { ...base, report: result.report, status: 200 };
  } catch (cause) {
    const error = toDeskmateError(cause);
    log.error("console report failed", { page: options.page, platform, account, error_code: error.code, error });
    const notice =
      "The report could not be computed (the ledger or the account's settings could not be read); reload in a moment.";
    return { ...base, notice, status: 503 };
  }
}
