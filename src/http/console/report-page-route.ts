import type { Context } from "hono";
import { toDeskmateError } from "../../lib/errors.ts";
import type { Ledger, LedgerAccount, LedgerReportQuery } from "../../ports/ledger.ts";
import { NO_LEDGER } from "../admin/admin-decisions-route.ts";
import type { FieldProblem } from "../admin/validate-setting-values.ts";
import { type MetricsReport, metricsReport } from "../admin/metrics-report.ts";
import type { Html } from "./console-layout.ts";
import { CONSOLE_PATHS, type ConsoleDeps, render } from "./console-routes.ts";
import { consoleSession } from "./console-session.ts";
import { csrfToken } from "./csrf-token.ts";
import { type FilterValues, overviewFilters } from "./overview-filters.ts";
import { reportPageShell } from "./report-page-shell.ts";

/** What a report page's body is drawn from: the same report as GET /admin/metrics, and the ledger for more. */
export interface ReportPageInput {
  report: MetricsReport;
  ledger: Ledger;
  query: LedgerReportQuery;
  at: Date;
}

export interface ReportPage {
  /** Where the page is served, e.g. `/admin/csat`. */
  path: string;
  title: string;
  body: (input: ReportPageInput) => Promise<Html> | Html;
}

type Handler = (c: Context) => Promise<Response>;

/**
 * A signed-in console page over one account's report, with the Overview's filters. Anyone without a
 * signed-in session (or a worker without an admin token) is sent to `GET /admin`, which shows the
 * sign-in form, the session-ended notice or the setup page, so those answers live in one place.
 */
export function reportPageRoute(deps: ConsoleDeps, page: ReportPage): Handler {
  const log = deps.logger.child({ route: "console", page: page.path });
  return async (c) => {
    const token = deps.adminToken()?.trim();
    const at = (deps.now ?? (() => new Date()))();
    if (!token) return c.redirect(CONSOLE_PATHS.page, 303);
    const s = await consoleSession(c, token, at.getTime());
    if (s.state.kind !== "valid" || !s.state.session.signedIn) return c.redirect(CONSOLE_PATHS.page, 303);
    const csrf = await csrfToken(s.key, s.state.session.id);
    const shell = (
      accounts: readonly LedgerAccount[],
      rest: { values: FilterValues; problems?: readonly FieldProblem[]; notice?: string; body?: Html },
    ) =>
      reportPageShell({
        path: page.path,
        title: page.title,
        csrf,
        accounts,
        values: rest.values,
        problems: rest.problems ?? [],
        body: rest.body ?? null,
        ...(rest.notice ? { notice: rest.notice } : {}),
      });
    const read = (name: string) => c.req.query(name);

    const ledger = deps.ledger();
    if (!ledger) {
      log.error(NO_LEDGER);
      const notice = "No outcome ledger is bound to this worker (D1 database LEDGER), so there is nothing to show yet.";
      return render(c, shell([], { values: overviewFilters(read, [], at).values, notice }), 503);
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
      return render(c, shell([], { values: overviewFilters(read, [], at).values, notice }), 503);
    }
    const chosen = overviewFilters(read, accounts, at);
    if (chosen.query === null) {
      if (accounts.length === 0 && !read("account")) {
        const notice =
          "The ledger holds no decisions yet: they appear here once Deskmate has handled a customer message.";
        const problems = chosen.problems.filter((p) => p.name !== "account");
        return render(c, shell(accounts, { values: chosen.values, problems, notice }), problems.length ? 400 : 200);
      }
      return render(c, shell(accounts, { values: chosen.values, problems: chosen.problems }), 400);
    }
    const { platform, account } = chosen.query;
    try {
      const waitHours = await deps.resolutionWaitHours(platform, account);
      const result = await metricsReport(ledger, chosen.query, at, waitHours);
      const body = await page.body({ report: result.report, ledger, query: chosen.query, at });
      log.info("console report page", {
        platform,
        account,
        ...result.report.range,
        ...result.trace.counts,
        read_ms: result.trace.read_ms,
        compute_ms: result.trace.compute_ms,
      });
      return render(c, shell(accounts, { values: chosen.values, body }), 200);
    } catch (cause) {
      const error = toDeskmateError(cause);
      log.error("console report page failed", { platform, account, error_code: error.code, error });
      const notice =
        "The report could not be computed " +
        "(the ledger or the account's settings could not be read); reload in a moment.";
      return render(c, shell(accounts, { values: chosen.values, notice }), 503);
    }
  };
}
