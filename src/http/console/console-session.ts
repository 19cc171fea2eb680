import type { Context } from "hono";
import { csrfToken } from "./csrf-token.ts";
import { clearedSessionCookie, cookieIsSecure, readSessionCookie, sessionCookie } from "./session-cookie.ts";
import { sessionKey } from "./session-key.ts";
import { type ConsoleSession, newSessionId, readSession, SESSION_TTL_MS, signSession } from "./session-token.ts";

/** What the request's cookie says: no cookie, a valid session, or one that no longer verifies. */
export type CookieState =
  | { kind: "none" }
  | { kind: "valid"; session: ConsoleSession }
  | { kind: "stale"; reason: "malformed" | "bad_signature" | "expired" };

/**
 * The console's sessions for one request: the key derived from the admin token, the cookie read and
 * checked, and the Set-Cookie values to answer with. Later console forms (review, settings) take their
 * session and check their CSRF token through here.
 */
export async function consoleSession(c: Context, adminToken: string, now: number) {
  const key = await sessionKey(adminToken);
  const secure = cookieIsSecure(c.req.url);
  const value = readSessionCookie(c.req.header("cookie"));
  let state: CookieState = { kind: "none" };
  if (value) {
    const read = await readSession(key, value, now);
    state = read.ok ? { kind: "valid", session: read.session } : { kind: "stale", reason: read.reason };
  }
  return {
    key,
    state,
    /** A fresh session (a new id: signing in never keeps the id the login form was served with). */
    async issue(signedIn: boolean): Promise<{ session: ConsoleSession; cookie: string; csrf: string }> {
      const session = { id: newSessionId(), expiresAt: now + SESSION_TTL_MS, signedIn };
      const cookie = sessionCookie(await signSession(key, session), { secure, maxAgeSeconds: SESSION_TTL_MS / 1000 });
      return { session, cookie, csrf: await csrfToken(key, session.id) };
    },
    cleared: () => clearedSessionCookie({ secure }),
  };
}
