import { fromBase64url, toBase64url } from "./base64url.ts";

/**
 * How long a console session lasts: 12 hours, one working day of a support lead. Long enough not to
 * ask for the token again mid-shift, short enough that a laptop left signed in does not stay so the
 * next day. The expiry travels inside the signed value and is checked by the server, so a browser
 * that keeps the cookie longer gains nothing.
 */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * A console session. `signedIn` is false for the short pre-login session the login form's CSRF token
 * is bound to, true once the admin token was presented.
 */
export interface ConsoleSession {
  /** Random id (base64url, 128 bits); CSRF tokens are bound to it. */
  id: string;
  /** Expiry, milliseconds since the epoch. */
  expiresAt: number;
  signedIn: boolean;
  /**
   * The Zendesk subdomain whose nav bar opened this session (a verified ZAF token started it), absent
   * for a session signed in with the admin token. It travels signed, so only the worker decides which
   * Zendesk account may frame the console for this session.
   */
  zendesk?: string;
  /**
   * With `zendesk`: the Zendesk user id of the agent whose nav bar opened the session (the verified
   * token's `sub`), recorded as the reviewer of the verdicts given in it.
   */
  agent?: string;
}

/** A bare Zendesk subdomain, as the configuration accepts it; anything else never reaches a header. */
const ZENDESK_SUBDOMAIN = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** A Zendesk user id: digits only. */
const ZENDESK_USER_ID = /^\d{1,20}$/;

export type SessionRead =
  | { ok: true; session: ConsoleSession }
  | { ok: false; reason: "malformed" | "bad_signature" | "expired" };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A new session id: 16 random bytes. */
export function newSessionId(): string {
  return toBase64url(crypto.getRandomValues(new Uint8Array(16)));
}

/** `<payload>.<mac>`: the session as base64url JSON, then its HMAC-SHA-256 under `key`. */
export async function signSession(key: CryptoKey, session: ConsoleSession): Promise<string> {
  const payload = toBase64url(
    encoder.encode(
      JSON.stringify({
        v: 1,
        sid: session.id,
        exp: session.expiresAt,
        in: session.signedIn,
        ...(session.zendesk === undefined ? {} : { zd: session.zendesk }),
        ...(session.agent === undefined ? {} : { zu: session.agent }),
      }),
    ),
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(payload)));
  return `${payload}.${toBase64url(mac)}`;
}

/**
 * The session a cookie value holds, when its signature verifies under `key` (constant-time, by
 * `crypto.subtle.verify`) and it has not expired at `now`. The signature is checked before the payload
 * is read, so nothing a client wrote is parsed unless the server wrote it.
 */
export async function readSession(key: CryptoKey, value: string, now: number): Promise<SessionRead> {
  const [payload, macText, extra] = value.split(".");
  const mac = macText === undefined ? null : fromBase64url(macText);
  if (!payload || mac === null || extra !== undefined) return { ok: false, reason: "malformed" };
  if (!(await crypto.subtle.verify("HMAC", key, mac, encoder.encode(payload)))) {
    return { ok: false, reason: "bad_signature" };
  }
  const bytes = fromBase64url(payload);
  let parsed: unknown;
  try {
    parsed = bytes === null ? null : JSON.parse(decoder.decode(bytes));
  } catch {
    parsed = null;
  }
  const fields = parsed as {
    v?: unknown;
    sid?: unknown;
    exp?: unknown;
    in?: unknown;
    zd?: unknown;
    zu?: unknown;
  } | null;
  if (
    fields?.v !== 1 ||
    typeof fields.sid !== "string" ||
    typeof fields.exp !== "number" ||
    typeof fields.in !== "boolean" ||
    (fields.zd !== undefined && (typeof fields.zd !== "string" || !ZENDESK_SUBDOMAIN.test(fields.zd))) ||
    (fields.zu !== undefined && (typeof fields.zu !== "string" || !ZENDESK_USER_ID.test(fields.zu)))
  ) {
    return { ok: false, reason: "malformed" };
  }
  if (fields.exp <= now) return { ok: false, reason: "expired" };
  const zendesk = typeof fields.zd === "string" ? { zendesk: fields.zd } : {};
  const agent = typeof fields.zu === "string" ? { agent: fields.zu } : {};
  return {
    ok: true,
    session: { id: fields.sid, expiresAt: fields.exp, signedIn: fields.in, ...zendesk, ...agent },
  };
}
