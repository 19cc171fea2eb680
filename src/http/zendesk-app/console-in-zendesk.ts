import type { Context } from "hono";
import { consoleSession } from "../console/console-session.ts";
import { CONSOLE_COOKIE_PATH } from "../console/session-cookie.ts";

/**
 * The console for the nav bar location, after Zendesk's token verified: a signed-in console session is
 * started that carries, signed, the Zendesk subdomain it was opened from, and the console's own page is
 * answered for it. Because the session says where it was opened, every console answer for it (this
 * first page, the other pages, the forms and sign-out) may be framed by that Zendesk account only, and
 * its cookie is `Secure; SameSite=None; Partitioned` (console-session.ts, session-cookie.ts). Its forms
 * still need the session's CSRF token.
 */
export async function consoleInZendesk(input: {
  c: Context;
  adminToken: string;
  subdomain: string;
  /** The verified token's agent: the reviewer of verdicts given in this session. */
  userId: string;
  now: Date;
  renderConsole: (request: Request) => Response | Promise<Response>;
}): Promise<Response> {
  const session = await consoleSession(input.c, input.adminToken, input.now.getTime());
  const fresh = await session.issue(true, { zendesk: input.subdomain, agent: input.userId });
  const pair = fresh.cookie.split(";")[0] ?? "";
  const page = await input.renderConsole(
    new Request(new URL(CONSOLE_COOKIE_PATH, input.c.req.url), { headers: { cookie: pair } }),
  );
  const headers = new Headers(page.headers);
  headers.set("set-cookie", fresh.cookie);
  return new Response(page.body, { status: page.status, headers });
}
