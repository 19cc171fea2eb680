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

/**
 * The Set-Cookie value of the session: HttpOnly (no script reads it), SameSite=Strict (no other site's
 * page sends it), Path=/admin, and a Max-Age so the browser drops it when the signed expiry passes.
 */
export function sessionCookie(value: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  const parts = [
    `${SESSION_COOKIE}=${value}`,
    `Path=${CONSOLE_COOKIE_PATH}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    "HttpOnly",
    "SameSite=Strict",
  ];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

/** The Set-Cookie value that deletes the session (logout, or a cookie that no longer verifies). */
export function clearedSessionCookie(options: { secure: boolean }): string {
  return sessionCookie("", { secure: options.secure, maxAgeSeconds: 0 });
}

/** The session cookie's value in a Cookie request header; undefined when absent. */
export function readSessionCookie(header: string | undefined): string | undefined {
  for (const pair of (header ?? "").split(";")) {
    const eq = pair.indexOf("=");
    if (eq > 0 && pair.slice(0, eq).trim() === SESSION_COOKIE) return pair.slice(eq + 1).trim();
  }
  return undefined;
}
