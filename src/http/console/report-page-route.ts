import type { Context } from "hono";
import { toDeskmateError } from "../../lib/errors.ts";
import type { Ledger, LedgerAccount, LedgerReportQuery } from "../../ports/ledger.ts";
import type { FieldProblem } from "../admin/validate-setting-values.ts";
import type { MetricsReport } from "../admin/metrics-report.ts";
import type { Html } from "./console-layout.ts";
import { CONSOLE_PATHS, type ConsoleDeps, render } from "./console-routes.ts";
import { consoleSession } from "./console-session.ts";
import { csrfToken } from "./csrf-token.ts";
import { consoleReport } from "./console-report.ts";
import type { FilterValues } from "./overview-filters.ts";
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
    // The filters, the accounts and the report are read exactly as the Escalations page reads them.
    const r = await consoleReport(c, deps, log, at, { metrics: true, page: page.path });
    const notice = r.notice ? { notice: r.notice } : {};
    if (!r.report || !r.ledger || !r.query) {
      return render(c, shell(r.accounts, { values: r.values, problems: r.problems, ...notice }), r.status);
    }
    try {
      const body = await page.body({ report: r.report, ledger: r.ledger, query: r.query, at: r.at });
      return render(c, shell(r.accounts, { values: r.values, body }), 200);
    } catch (cause) {
      const error = toDeskmateError(cause);
      const { platform, account } = r.query;
      log.error("console report page failed", { platform, account, error_code: error.code, error });
      const failed =
        "The report could not be computed " +
        "(the ledger or the account's settings could not be read); reload in a moment.";
      return render(c, shell(r.accounts, { values: r.values, notice: failed }), 503);
    }
  };
}
