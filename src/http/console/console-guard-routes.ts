import type { Context } from "hono";
import type { Settings } from "../../config/settings-schema.ts";
import type { Platform } from "../../domain/support-event.ts";
import { toDeskmateError } from "../../lib/errors.ts";
import type { StateStore } from "../../state/state-store.ts";
import { guardOverview } from "../admin/admin-guard-route.ts";
import { reenableCategory, reenableRequest } from "../admin/reenable-category.ts";
import type { FieldProblem } from "../admin/validate-setting-values.ts";
import { consoleReport } from "./console-report.ts";
import { type ConsoleDeps, CONSOLE_PATHS, refuseCsrf, render, setupMissing } from "./console-routes.ts";
import { consoleSession } from "./console-session.ts";
import { CSRF_FIELD, csrfToken, verifyCsrfToken } from "./csrf-token.ts";
import { GUARD_PAGE_PATH, guardPage } from "./guard-page.ts";

type Handler = (c: Context) => Promise<Response>;

export interface ConsoleGuardDeps extends ConsoleDeps {
  stateFor: (platform: Platform, account: string) => StateStore;
  settings: (platform: Platform, account: string) => Promise<Settings>;
}

/**
 * The console's Guard page (`GET /admin/guard`: current fallbacks and history from the ledger) and its
 * re-enable form (`POST /admin/guard`): the session's CSRF token, then the same checks and write as
 * `POST /admin/guard/reenable`, recorded with the session's agent (or `admin`) as who re-enabled.
 */
export function consoleGuardHandlers(deps: ConsoleGuardDeps): { page: Handler; reenable: Handler } {
  const log = deps.logger.child({ route: "console", page: GUARD_PAGE_PATH });
  const now = () => (deps.now ?? (() => new Date()))();
  const configuredToken = () => deps.adminToken()?.trim() || undefined;

  const show = async (
    c: Context,
    csrf: string,
    at: Date,
    extra: { problems?: FieldProblem[]; status?: 400 | 404 | 503 } = {},
  ): Promise<Response> => {
    const data = await consoleReport(c, deps, log, at, { metrics: false, page: GUARD_PAGE_PATH });
    let status = extra.status ?? data.status;
    let view = null;
    if (data.ledger && data.query) {
      const { platform, account } = data.query;
      try {
        view = await guardOverview(data.ledger, { platform, account }, () => deps.settings(platform, account), log);
        log.info("console guard page", { platform, account, fallbacks: view.fallbacks.length });
      } catch (cause) {
        const error = toDeskmateError(cause);
        log.error("ledger read failed", { error_code: error.code, error });
        data.notice = "The guard's record could not be read; reload in a moment.";
        status = 503;
      }
    }
    const reenabled = extra.problems ? undefined : c.req.query("reenabled");
    const page = guardPage({
      csrf,
      data,
      view,
      ...(reenabled ? { reenabled } : {}),
      ...(extra.problems ? { problems: extra.problems } : {}),
    });
    return render(c, page, status);
  };

  const page: Handler = async (c) => {
    const token = configuredToken();
    if (!token) return setupMissing(c, log);
    const at = now();
    const s = await consoleSession(c, token, at.getTime());
    if (s.state.kind !== "valid" || !s.state.session.signedIn) return c.redirect(CONSOLE_PATHS.page, 303);
    return show(c, await csrfToken(s.key, s.state.session.id), at);
  };

  const reenable: Handler = async (c) => {
    const token = configuredToken();
    if (!token) return setupMissing(c, log);
    const at = now();
    const s = await consoleSession(c, token, at.getTime());
    const form = await c.req.parseBody();
    const text = (name: string) => (typeof form[name] === "string" ? form[name] : undefined);
    if (s.state.kind !== "valid" || !(await verifyCsrfToken(s.key, s.state.session.id, text(CSRF_FIELD)))) {
      return refuseCsrf(c, log, s.state.kind === "valid" ? "guard_bad_csrf" : `guard_session_${s.state.kind}`);
    }
    if (!s.state.session.signedIn) return c.redirect(CONSOLE_PATHS.page, 303);
    const csrf = await csrfToken(s.key, s.state.session.id);
    const checked = reenableRequest({
      platform: text("platform"),
      account: text("account"),
      category: text("category"),
      canary: text("canary"),
    });
    if (!checked.ok) return show(c, csrf, at, { problems: checked.problems, status: 400 });
    const ledger = deps.ledger();
    const { platform, account, kind, cohort } = checked.request;
    const named = { [kind]: cohort };
    // A session opened from Zendesk's nav bar names its agent; one signed in with the admin token, `admin`.
    const actor = s.state.session.agent ?? "admin";
    try {
      if (!ledger) throw new Error("no ledger bound");
      const result = await reenableCategory(ledger, deps.stateFor(platform, account), {
        ...checked.request,
        actor,
        at,
      });
      if (result === "not_guarded") {
        log.warn("console guard re-enable refused", { platform, account, ...named, reason: result });
        const message =
          kind === "canary"
            ? "it has not been rolled back: reload the page"
            : "its autosend has not fallen back to draft: reload the page";
        const problems = [{ name: kind, message }];
        return show(c, csrf, at, { problems, status: 404 });
      }
    } catch (cause) {
      const error = toDeskmateError(cause);
      log.error("ledger write failed", { platform, account, ...named, error_code: error.code, error });
      const problems = [{ name: "(ledger)", message: "the re-enable could not be stored; send it again in a moment" }];
      return show(c, csrf, at, { problems, status: 503 });
    }
    log.info(`console guard ${kind} re-enabled`, { platform, account, ...named, by: actor });
    const query = new URLSearchParams(c.req.query());
    query.set("reenabled", kind === "canary" ? `canary ${cohort}` : cohort);
    return c.redirect(`${GUARD_PAGE_PATH}?${query.toString()}`, 303);
  };

  return { page, reenable };
}
