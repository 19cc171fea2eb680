import type { Context } from "hono";
import { consoleSession } from "../console/console-session.ts";
import { CONSOLE_COOKIE_PATH } from "../console/session-cookie.ts";
import { SESSION_TTL_MS } from "../console/session-token.ts";

/**
 * The console for the nav bar location, after Zendesk's token verified: a signed-in console session is
 * started (the same session the admin-token login starts), and the console's own page for that session
 * is answered with two changes. Framing is allowed for the configured Zendesk account only (the
 * console elsewhere forbids it), and the cookie is `SameSite=None; Secure; Partitioned`: inside
 * Zendesk's iframe the worker is a third party, where browsers drop a SameSite=Strict cookie, and
 * Partitioned keeps it to pages framed by Zendesk. Its forms still need the session's CSRF token.
 */
export async function consoleInZendesk(input: {
  c: Context;
  adminToken: string;
  subdomain: string;
  now: Date;
  renderConsole: (request: Request) => Response | Promise<Response>;
}): Promise<Response> {
  const session = await consoleSession(input.c, input.adminToken, input.now.getTime());
  const fresh = await session.issue(true);
  const pair = fresh.cookie.split(";")[0] ?? "";
  const page = await input.renderConsole(
    new Request(new URL(CONSOLE_COOKIE_PATH, input.c.req.url), { headers: { cookie: pair } }),
  );
  const headers = new Headers(page.headers);
  const csp = headers.get("content-security-policy") ?? "";
  headers.set(
    "content-security-policy",
    csp.replace(/frame-ancestors [^;]*/, `frame-ancestors https://${input.subdomain}.zendesk.com`),
  );
  headers.set(
    "set-cookie",
    `${pair}; Path=${CONSOLE_COOKIE_PATH}; Max-Age=${SESSION_TTL_MS / 1000}; ` +
      "HttpOnly; Secure; SameSite=None; Partitioned",
  );
  return new Response(page.body, { status: page.status, headers });
}
