/** The console's cookie. Path=/admin keeps it off the webhook and inbox-app routes. */
export const SESSION_COOKIE = "deskmate_console";
export const CONSOLE_COOKIE_PATH = "/admin";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Whether the cookie gets `Secure`: always, except for plain http on this machine (`wrangler dev`),
 * where a browser would otherwise drop it. A production worker is only reachable over https.
 */
export function cookieIsSecure(requestUrl: string): boolean {
  const url = new URL(requestUrl);
  return !(url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname));
}

/** How the cookie is sent back: `inZendesk` for a session the Zendesk nav bar opened (see below). */
export interface SessionCookieOptions {
  secure: boolean;
  maxAgeSeconds: number;
  inZendesk?: boolean;
}

/**
 * The Set-Cookie value of the session: HttpOnly (no script reads it), SameSite=Strict (no other site's
 * page sends it), Path=/admin, and a Max-Age so the browser drops it when the signed expiry passes.
 * A session opened from the Zendesk nav bar lives in Zendesk's iframe, where the worker is a third
 * party and browsers drop a SameSite=Strict cookie: it is `Secure; SameSite=None; Partitioned`
 * instead, so the browser keeps it only for pages framed by that Zendesk account (CHIPS), and the
 * console's CSRF tokens still guard every form.
 */
export function sessionCookie(value: string, options: SessionCookieOptions): string {
  const parts = [
    `${SESSION_COOKIE}=${value}`,
    `Path=${CONSOLE_COOKIE_PATH}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    "HttpOnly",
  ];
  if (options.inZendesk) parts.push("Secure", "SameSite=None", "Partitioned");
  else {
    parts.push("SameSite=Strict");
    if (options.secure) parts.push("Secure");
  }
  return parts.join("; ");
}

/**
 * The Set-Cookie value that deletes the session (logout, or a cookie that no longer verifies). A
 * partitioned cookie is only deleted by a partitioned Set-Cookie, hence `inZendesk` here too.
 */
export function clearedSessionCookie(options: { secure: boolean; inZendesk?: boolean }): string {
  return sessionCookie("", { ...options, maxAgeSeconds: 0 });
}

/** The session cookie's value in a Cookie request header; undefined when absent. */
export function readSessionCookie(header: string | undefined): string | undefined {
  for (const pair of (header ?? "").split(";")) {
    const eq = pair.indexOf("=");
    if (eq > 0 && pair.slice(0, eq).trim() === SESSION_COOKIE) return pair.slice(eq + 1).trim();
  }
  return undefined;
}
