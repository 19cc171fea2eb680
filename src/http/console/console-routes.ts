import type { Context } from "hono";
import { toDeskmateError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import { tokenMatches } from "../admin/verify-bearer-token.ts";
import type { ConsoleDeps } from "./console-deps.ts";
import type { Html } from "./console-layout.ts";
import { allowZendeskFraming, consoleFrameAncestors, consoleSession } from "./console-session.ts";
import { CSRF_FIELD, csrfToken, verifyCsrfToken } from "./csrf-token.ts";
import {
  csrfRefusedPage,
  loginPage,
  sessionEndedInZendeskPage,
  signedOutInZendeskPage,
  tokenMissingPage,
} from "./login-page.ts";
import { consoleReport } from "./console-report.ts";
import { overviewPage } from "./overview-page.ts";
import { trendReports } from "./trend-reports.ts";

export const CONSOLE_PATHS = { page: "/admin", login: "/admin/login", logout: "/admin/logout" } as const;

type Handler = (c: Context) => Promise<Response>;

const WRONG_TOKEN = "That is not this worker's admin token. Check DESKMATE_ADMIN_TOKEN and try again.";
const SESSION_ENDED =
  "Your session expired or is no longer valid " +
  "(it may have been signed out, or the admin token was rotated). Sign in again.";

/**
 * The console: `GET /admin` (the login form, or the Overview once signed in), `POST /admin/login` and
 * `POST /admin/logout`. Every POST needs the CSRF token of the cookie's session (403 otherwise). No
 * admin token configured: every route answers the 503 setup page.
 */
export function consoleHandlers(deps: ConsoleDeps): { page: Handler; login: Handler; logout: Handler } {
  const log = deps.logger.child({ route: "console" });
  const now = () => (deps.now ?? (() => new Date()))();
  const configuredToken = () => deps.adminToken()?.trim() || undefined;

  const page: Handler = async (c) => {
    const token = configuredToken();
    if (!token) return setupMissing(c, log);
    const at = now();
    const s = await consoleSession(c, token, at.getTime());
    if (s.state.kind === "valid" && s.state.session.signedIn) {
      return overview(c, deps, log, at, await csrfToken(s.key, s.state.session.id));
    }
    if (s.state.kind === "valid")
      return render(c, loginPage({ csrf: await csrfToken(s.key, s.state.session.id) }), 200);
    // Inside Zendesk's iframe (the browser says the request loads a frame) once the nav bar's session has
    // ended: the sign-in form is never framed and asks for a token agents do not have, so the frame
    // says how to come back instead. That page holds no form and no data; only that account may frame it.
    const zendesk = deps.zendeskAppAccount?.() ?? null;
    if (zendesk !== null && c.req.header("sec-fetch-dest") === "iframe") {
      log.info("console session refused", { reason: s.state.kind === "stale" ? s.state.reason : "none", framed: true });
      allowZendeskFraming(c, zendesk);
      return render(c, sessionEndedInZendeskPage(), 401);
    }
    // No session, or one that no longer verifies: a fresh pre-login session for the form's CSRF token.
    const fresh = await s.issue(false);
    c.header("Set-Cookie", fresh.cookie);
    if (s.state.kind === "stale") {
      log.info("console session refused", { reason: s.state.reason });
      return render(c, loginPage({ csrf: fresh.csrf, error: SESSION_ENDED }), 401);
    }
    return render(c, loginPage({ csrf: fresh.csrf }), 200);
  };

  const login: Handler = async (c) => {
    const token = configuredToken();
    if (!token) return setupMissing(c, log);
    const s = await consoleSession(c, token, now().getTime());
    const form = await c.req.parseBody();
    const presentedCsrf = typeof form[CSRF_FIELD] === "string" ? form[CSRF_FIELD] : undefined;
    if (s.state.kind !== "valid" || !(await verifyCsrfToken(s.key, s.state.session.id, presentedCsrf))) {
      return refuseCsrf(c, log, s.state.kind === "valid" ? "login_bad_csrf" : `login_session_${s.state.kind}`);
    }
    const presented = typeof form.token === "string" ? form.token.trim() : "";
    if (!(await tokenMatches(presented, token))) {
      log.warn("console sign-in refused", { reason: presented ? "wrong_token" : "no_token" });
      // No cookie is set: the pre-login session stays as it was, so the form's CSRF token still fits.
      return render(c, loginPage({ csrf: await csrfToken(s.key, s.state.session.id), error: WRONG_TOKEN }), 401);
    }
    const signedIn = await s.issue(true);
    log.info("console signed in", { expires_at: new Date(signedIn.session.expiresAt).toISOString() });
    c.header("Set-Cookie", signedIn.cookie);
    return c.redirect(CONSOLE_PATHS.page, 303);
  };

  const logout: Handler = async (c) => {
    const token = configuredToken();
    if (!token) return setupMissing(c, log);
    const s = await consoleSession(c, token, now().getTime());
    if (s.state.kind !== "valid") {
      // Nothing to sign out of: no session can be changed by this request, so no CSRF token is needed.
      c.header("Set-Cookie", s.cleared());
      return c.redirect(CONSOLE_PATHS.page, 303);
    }
    const form = await c.req.parseBody();
    const presented = typeof form[CSRF_FIELD] === "string" ? form[CSRF_FIELD] : undefined;
    if (!(await verifyCsrfToken(s.key, s.state.session.id, presented))) return refuseCsrf(c, log, "logout_bad_csrf");
    const inZendesk = s.state.session.zendesk !== undefined;
    log.info("console signed out", { opened_from: inZendesk ? "zendesk_nav_bar" : "admin_token" });
    c.header("Set-Cookie", s.cleared());
    // Inside Zendesk the sign-in form would be a blocked frame (it is never framed) and asks for a token
    // agents do not have: say how to come back instead, framed like the rest of this session.
    if (inZendesk) return render(c, signedOutInZendeskPage(), 200);
    return c.redirect(CONSOLE_PATHS.page, 303);
  };

  return { page, login, logout };
}

async function overview(c: Context, deps: ConsoleDeps, log: Logger, at: Date, csrf: string): Promise<Response> {
  // The filters, the accounts and the report are read as every report page reads them; the Overview adds its trends.
  const r = await consoleReport(c, deps, log, at, { metrics: true, page: CONSOLE_PATHS.page });
  const shown = {
    csrf,
    values: r.values,
    accounts: r.accounts,
    problems: r.problems,
    report: r.report,
    ...(r.notice ? { notice: r.notice } : {}),
  };
  if (!r.report || !r.ledger || !r.query) return render(c, overviewPage(shown), r.status);
  try {
    const trends = await trendReports(r.ledger, r.query, r.at, r.report.definitions.resolution_wait_hours);
    return render(c, overviewPage({ ...shown, trends }), 200);
  } catch (cause) {
    const error = toDeskmateError(cause);
    const { platform, account } = r.query;
    log.error("overview report failed", { platform, account, error_code: error.code, error });
    const notice =
      "The report could not be computed " +
      "(the ledger or the account's settings could not be read); reload in a moment.";
    return render(c, overviewPage({ ...shown, notice }), 503);
  }
}

export function setupMissing(c: Context, log: Logger): Promise<Response> {
  log.error("DESKMATE_ADMIN_TOKEN is not configured, so the console refuses every sign-in", {
    fix: "wrangler secret put DESKMATE_ADMIN_TOKEN",
  });
  return render(c, tokenMissingPage(), 503);
}

export function refuseCsrf(c: Context, log: Logger, reason: string): Promise<Response> {
  log.warn("console form refused", { reason });
  return render(c, csrfRefusedPage(), 403);
}

/**
 * An HTML answer with the console's headers: no caching (pages carry numbers and CSRF tokens), scripts
 * and stylesheets from this origin only (the static chart assets; never inline script), inline style,
 * forms posting to this origin only, and no framing (clickjacking), except by the one Zendesk account
 * whose nav bar opened the request's session (consoleFrameAncestors).
 */
export async function render(c: Context, page: Html, status: 200 | 400 | 401 | 403 | 404 | 503): Promise<Response> {
  c.header("Cache-Control", "no-store");
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Referrer-Policy", "no-referrer");
  c.header(
    "Content-Security-Policy",
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
      `form-action 'self'; frame-ancestors ${consoleFrameAncestors(c)}; base-uri 'none'`,
  );
  return c.html(await page, status);
}

export type { ConsoleDeps } from "./console-deps.ts";
