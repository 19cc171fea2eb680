import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Env } from "../../env.ts";
import { isHandoffRatingValue } from "../../domain/review.ts";
import { toDeskmateError } from "../../lib/errors.ts";
import type { LogFields, Logger } from "../../lib/logger.ts";
import type { Ledger } from "../../ports/ledger.ts";
import type { StateStore } from "../../state/state-store.ts";
import { INBOX_ACTIONS, type InboxAction } from "../inbox-app/render-inbox-canvas.ts";
import { APP_SESSION_TTL_MS, appSessionKey, readAppSession, signAppSession } from "./app-session-token.ts";
import { SIDEBAR_SCRIPT } from "./sidebar-script.ts";
import { SIDEBAR_SCRIPT_PATH, sidebarPage, sidebarRefusedPage, ZAF_SDK_URL } from "./sidebar-page.ts";
import { applySidebarAction, rateSidebarHandoff, readTicketSidebar, type SidebarTarget } from "./ticket-sidebar-api.ts";
import { consoleInZendesk } from "./console-in-zendesk.ts";
import { type ZendeskAppConfig, zendeskAppConfig } from "./zendesk-app-config.ts";
import { verifyZafToken, type ZafIdentity, type ZafLocation } from "./verify-zaf-token.ts";

type ZendeskAppReady = Extract<ZendeskAppConfig, { ok: true }>;

export const ZENDESK_APP_PATHS = {
  sidebar: "/zendesk-app/sidebar",
  console: "/zendesk-app/console",
  script: SIDEBAR_SCRIPT_PATH,
  ticket: "/zendesk-app/tickets/:ticketId",
  action: "/zendesk-app/tickets/:ticketId/actions",
  rating: "/zendesk-app/tickets/:ticketId/rating",
} as const;

export interface ZendeskAppDeps {
  env: Env;
  /** The state store of the Zendesk account (account = the subdomain). */
  storeFor: (subdomain: string) => StateStore;
  ledger: () => Ledger | null;
  logger: Logger;
  /** Answers a request with the worker's own console (GET /admin), for the nav bar location. */
  renderConsole: (request: Request) => Response | Promise<Response>;
  now?: () => Date;
}

type Handler = (c: Context) => Promise<Response>;

/** The manifest location whose signed URL each page is. */
const ZAF_LOCATION = { sidebar: "ticket_sidebar", console: "nav_bar" } as const satisfies Record<string, ZafLocation>;

const REOPEN = "Reload the ticket so Zendesk signs the app again.";
const TICKET_ID = /^\d{1,20}$/;

/**
 * The Zendesk app's worker side. `POST /zendesk-app/console` is the nav bar's signed URL: the console,
 * signed in as a fresh console session (console-in-zendesk.ts). `POST /zendesk-app/sidebar` is the
 * ticket sidebar's signed URL: Zendesk
 * posts its ZAF JWT (form field `token`), the worker verifies it (verify-zaf-token.ts) and answers the
 * page with a one-hour app session bound to the agent. The page's API calls carry that session as a
 * bearer: the ticket's view, pause / resume / hand back, and the handoff rating (rater = the agent's
 * Zendesk user id). One log line per request with ids, outcome and timing, never a body or a token.
 */
export function zendeskAppHandlers(deps: ZendeskAppDeps) {
  const now = () => (deps.now ?? (() => new Date()))();
  const log = deps.logger.child({ platform: "zendesk", route: "zendesk_app" });

  /**
   * A signed-URL page: the config gate (503), Zendesk's token from the form (401 when missing or not
   * verifying), then `show` for the verified agent. Refusals are plain pages that say what to do.
   */
  const signedPage =
    (
      name: "sidebar" | "console",
      show: (c: Context, config: ZendeskAppReady, identity: ZafIdentity) => Promise<Response>,
    ): Handler =>
    async (c) => {
      const startedAt = performance.now();
      const config = zendeskAppConfig(deps.env);
      const logLine = (status: number, fields: LogFields) =>
        log[status === 200 ? "info" : "warn"]("zendesk app page", {
          page: name,
          status,
          ...fields,
          elapsed_ms: Math.round(performance.now() - startedAt),
        });
      const refuse = (status: 401 | 503, message: string, fields: LogFields) => {
        logLine(status, fields);
        c.header("Cache-Control", "no-store");
        c.header("X-Content-Type-Options", "nosniff");
        c.header("Content-Security-Policy", sidebarCsp(config.ok ? config.trust.subdomain : null));
        return c.html(sidebarRefusedPage(message), status);
      };
      if (!config.ok) {
        log.error(config.fix, { missing: config.missing.join(",") });
        return refuse(503, "Deskmate's worker is not set up for this Zendesk app yet. Ask your admin.", {
          outcome: "not_configured",
        });
      }
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const token = typeof form.token === "string" ? form.token : "";
      if (token === "") return refuse(401, `Zendesk did not sign this page. ${REOPEN}`, { outcome: "missing_token" });
      // A token works only at the location Zendesk signed it for (the nav bar's opens the console).
      const check = await verifyZafToken(token, config.trust, now().getTime(), ZAF_LOCATION[name]);
      if (!check.ok) {
        return refuse(401, `Zendesk's signature on this page did not verify. ${REOPEN}`, {
          outcome: "token_refused",
          reason: check.reason,
        });
      }
      const response = await show(c, config, check.identity);
      logLine(response.status, { outcome: "shown", user_id: check.identity.userId });
      return response;
    };

  const sidebar = signedPage("sidebar", async (c, config, identity) => {
    const session = await signAppSession(await appSessionKey(config.adminToken), {
      subdomain: config.trust.subdomain,
      userId: identity.userId,
      expiresAt: now().getTime() + APP_SESSION_TTL_MS,
    });
    c.header("Cache-Control", "no-store");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    c.header("Content-Security-Policy", sidebarCsp(config.trust.subdomain));
    return c.html(sidebarPage(session), 200);
  });

  const consolePage = signedPage("console", (c, config, identity) =>
    consoleInZendesk({
      c,
      adminToken: config.adminToken,
      subdomain: config.trust.subdomain,
      userId: identity.userId,
      now: now(),
      renderConsole: deps.renderConsole,
    }),
  );

  const script: Handler = async (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Cache-Control", "no-cache");
    return c.body(SIDEBAR_SCRIPT, 200);
  };

  /** The bearer gate of the sidebar API, then one of its operations on the ticket. */
  const api =
    (name: string, run: (c: Context, target: SidebarTarget, trace: LogFields) => Promise<object>): Handler =>
    async (c) => {
      const startedAt = performance.now();
      const trace: LogFields = {};
      const done = (status: ContentfulStatusCode, body: object) => {
        log[status >= 500 ? "error" : status >= 400 ? "warn" : "info"]("zendesk app api", {
          op: name,
          status,
          ...trace,
          elapsed_ms: Math.round(performance.now() - startedAt),
        });
        c.header("Cache-Control", "no-store");
        return c.json(body, status);
      };
      const config = zendeskAppConfig(deps.env);
      if (!config.ok) {
        trace.outcome = "not_configured";
        return done(503, { error: "zendesk_app_not_configured", message: config.fix, missing: config.missing });
      }
      const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
      if (bearer === undefined) {
        trace.outcome = "missing_session";
        return done(401, {
          error: "missing_session",
          message: `Authorization: Bearer <app session> is required. ${REOPEN}`,
        });
      }
      const read = await readAppSession(await appSessionKey(config.adminToken), bearer, now().getTime());
      if (!read.ok || read.session.subdomain !== config.trust.subdomain) {
        trace.outcome = "session_refused";
        trace.reason = read.ok ? "other_account" : read.reason;
        return done(401, {
          error: "session_refused",
          message: `The app session is not valid here (${trace.reason}). ${REOPEN}`,
        });
      }
      const ticketId = c.req.param("ticketId") ?? "";
      if (!TICKET_ID.test(ticketId)) {
        trace.outcome = "invalid_ticket_id";
        return done(400, { error: "invalid_ticket_id", message: "ticketId must be the Zendesk ticket's numeric id" });
      }
      const target = { subdomain: config.trust.subdomain, ticketId, userId: read.session.userId };
      Object.assign(trace, { ticket_id: ticketId, user_id: target.userId });
      try {
        const body = await run(c, target, trace);
        if ("error" in body) return done(400, body);
        trace.outcome ??= "shown";
        return done(200, body);
      } catch (cause) {
        const error = toDeskmateError(cause);
        Object.assign(trace, { outcome: "store_unavailable", error_code: error.code });
        return done(503, {
          error: "unavailable",
          message: "Deskmate could not load this ticket's state. Nothing was changed; try again.",
        });
      }
    };

  const apiDeps = (target: SidebarTarget, trace: LogFields) => ({
    store: deps.storeFor(target.subdomain),
    ledger: deps.ledger(),
    trace,
    now: now(),
  });

  const ticket = api("ticket", (_c, target, trace) => readTicketSidebar(apiDeps(target, trace), target));

  const action = api("action", async (c, target, trace) => {
    const body = await readJson(c);
    const value = (body as { action?: unknown } | null)?.action;
    if (!(INBOX_ACTIONS as readonly string[]).includes(String(value))) {
      trace.outcome = "invalid_action";
      return { error: "invalid_action", message: `action must be one of ${INBOX_ACTIONS.join(", ")}`, field: "action" };
    }
    return applySidebarAction(apiDeps(target, trace), target, value as InboxAction);
  });

  const rating = api("rating", async (c, target, trace) => {
    const body = await readJson(c);
    const value = (body as { rating?: unknown } | null)?.rating;
    if (!isHandoffRatingValue(value)) {
      trace.outcome = "invalid_rating";
      return {
        error: "invalid_rating",
        message:
          "rating must be useful, missing_section:<section> (reasons, customer_wants, customer, facts, sources, " +
          "actions, sentiment, next_step) or wrong_escalation:should_have_answered | should_have_asked",
        field: "rating",
      };
    }
    return rateSidebarHandoff(apiDeps(target, trace), target, value);
  });

  return { sidebar, console: consolePage, script, ticket, action, rating };
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return null;
  }
}

/**
 * The sidebar page's policy: scripts from this worker and the Apps framework SDK only, API calls to this
 * worker only, no forms, and framing only by the configured Zendesk account (the console elsewhere
 * forbids framing altogether).
 */
function sidebarCsp(subdomain: string | null): string {
  const ancestors = subdomain === null ? "'none'" : `https://${subdomain}.zendesk.com`;
  return [
    "default-src 'none'",
    `script-src 'self' ${new URL(ZAF_SDK_URL).origin}`,
    "connect-src 'self'",
    "style-src 'unsafe-inline'",
    "form-action 'none'",
    "base-uri 'none'",
    `frame-ancestors ${ancestors}`,
  ].join("; ");
}
