import { fromBase64url, toBase64url } from "../console/base64url.ts";

/**
 * How long the sidebar may call the worker after Zendesk signed its page: one hour. Zendesk sends its
 * token only with the page's first load, so the page carries this one instead; reopening the ticket
 * loads the page again and starts a new one.
 */
export const APP_SESSION_TTL_MS = 60 * 60 * 1000;

/** What an app session allows: the sidebar API of one Zendesk account, as one agent. */
export interface AppSession {
  subdomain: string;
  /** The Zendesk user id from the verified ZAF token: the rater of handoff ratings. */
  userId: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export type AppSessionRead =
  | { ok: true; session: AppSession }
  | { ok: false; reason: "malformed" | "bad_signature" | "expired" };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The HMAC key of app sessions, derived from the admin token with HKDF under its own labels: apart
 * from the console's key (a console cookie is no app session, and the other way round), and rotating
 * DESKMATE_ADMIN_TOKEN ends every app session too. The admin token itself never leaves the worker.
 */
export async function appSessionKey(adminToken: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey("raw", encoder.encode(adminToken), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: encoder.encode("deskmate-zendesk-app"),
      info: encoder.encode("app-session-v1"),
    },
    material,
    { name: "HMAC", hash: "SHA-256", length: 256 },
    false,
    ["sign", "verify"],
  );
}

/** `<payload>.<mac>`: the session as base64url JSON, then its HMAC-SHA-256. */
export async function signAppSession(key: CryptoKey, session: AppSession): Promise<string> {
  const payload = toBase64url(
    encoder.encode(JSON.stringify({ v: "zaf1", sd: session.subdomain, uid: session.userId, exp: session.expiresAt })),
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(payload)));
  return `${payload}.${toBase64url(mac)}`;
}

/**
 * The session a bearer value holds, when its MAC verifies (checked before the payload is parsed) and it
 * is unexpired.
 */
export async function readAppSession(key: CryptoKey, value: string, now: number): Promise<AppSessionRead> {
  const [payload, macText, extra] = value.split(".");
  const mac = macText === undefined ? null : fromBase64url(macText);
  if (!payload || mac === null || extra !== undefined) return { ok: false, reason: "malformed" };
  if (!(await crypto.subtle.verify("HMAC", key, mac, encoder.encode(payload)))) {
    return { ok: false, reason: "bad_signature" };
  }
  let fields: { v?: unknown; sd?: unknown; uid?: unknown; exp?: unknown } | null = null;
  try {
    const bytes = fromBase64url(payload);
    fields = bytes === null ? null : JSON.parse(decoder.decode(bytes));
  } catch {
    fields = null;
  }
  if (
    fields?.v !== "zaf1" ||
    typeof fields.sd !== "string" ||
    typeof fields.uid !== "string" ||
    typeof fields.exp !== "number"
  ) {
    return { ok: false, reason: "malformed" };
  }
  if (fields.exp <= now) return { ok: false, reason: "expired" };
  return { ok: true, session: { subdomain: fields.sd, userId: fields.uid, expiresAt: fields.exp } };
}
