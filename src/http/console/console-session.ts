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
 * The Zendesk account whose page may frame this request's answer: set only from a session whose
 * signature verified, so no header or parameter a client sends can widen framing.
 */
const framedBy = new WeakMap<Context, string>();

/**
 * The console's sessions for one request: the key derived from the admin token, the cookie read and
 * checked, and the Set-Cookie values to answer with. Later console forms (review, settings) take their
 * session and check their CSRF token through here. A valid session opened from the Zendesk nav bar
 * marks the request, so `consoleFrameAncestors` lets that account frame the answer.
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
  const zendesk = state.kind === "valid" ? state.session.zendesk : undefined;
  if (zendesk !== undefined) framedBy.set(c, zendesk);
  return {
    key,
    state,
    /**
     * A fresh session (a new id: signing in never keeps the id the login form was served with);
     * `zendesk` names the account whose nav bar opened it, `agent` the Zendesk user who opened it.
     */
    async issue(
      signedIn: boolean,
      options: { zendesk?: string; agent?: string } = {},
    ): Promise<{ session: ConsoleSession; cookie: string; csrf: string }> {
      const session: ConsoleSession = { id: newSessionId(), expiresAt: now + SESSION_TTL_MS, signedIn };
      if (options.zendesk !== undefined) session.zendesk = options.zendesk;
      if (options.zendesk !== undefined && options.agent !== undefined) session.agent = options.agent;
      const cookie = sessionCookie(await signSession(key, session), {
        secure,
        maxAgeSeconds: SESSION_TTL_MS / 1000,
        inZendesk: session.zendesk !== undefined,
      });
      return { session, cookie, csrf: await csrfToken(key, session.id) };
    },
    /** Deletes the cookie this request carried, with the attributes it was set with. */
    cleared: () => clearedSessionCookie({ secure, inZendesk: zendesk !== undefined }),
  };
}

/**
 * Lets the Zendesk account `subdomain` frame this one answer (a page that holds no form and no data:
 * the session-ended notice shown inside Zendesk's iframe).
 */
export function allowZendeskFraming(c: Context, subdomain: string): void {
  framedBy.set(c, subdomain);
}

/**
 * The CSP `frame-ancestors` source of a console answer: exactly the Zendesk account whose nav bar
 * opened the request's session, else `'none'` (sessions signed in with the admin token, and anyone
 * without a valid session, are never framed).
 */
export function consoleFrameAncestors(c: Context): string {
  const zendesk = framedBy.get(c);
  return zendesk === undefined ? "'none'" : `https://${zendesk}.zendesk.com`;
}
