import { fromBase64url } from "../console/base64url.ts";

/**
 * Who a verified Zendesk Apps framework (ZAF) token speaks for: the Zendesk account (subdomain), the
 * app installation, and the agent whose browser loaded the app.
 */
export interface ZafIdentity {
  subdomain: string;
  installationId: string;
  /** The Zendesk user id of the agent (from `sub`), the rater of a handoff rating. */
  userId: string;
  /** Expiry, seconds since the epoch. */
  expiresAt: number;
}

/** What the worker trusts: the app's public key (PEM, SPKI) and the one installation it serves. */
export interface ZafTrust {
  publicKeyPem: string;
  subdomain: string;
  installationId: string;
}

export type ZafTokenFailure =
  | "malformed"
  | "unsupported_algorithm"
  | "bad_signature"
  | "expired"
  | "wrong_issuer"
  | "wrong_audience"
  | "no_user";

export type ZafTokenCheck = { ok: true; identity: ZafIdentity } | { ok: false; reason: ZafTokenFailure };

/** Clock skew allowed between Zendesk and the worker, in seconds. */
const LEEWAY_SECONDS = 30;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Checks a ZAF JWT the way the Apps framework documents for signed URLs: RS256 under the app's public
 * key (Zendesk keeps the private key), then the claims: `iss` is the account's host, `aud` names this
 * app installation's API URL (so a token of another account or installation is refused), `exp` has not
 * passed. The signature is checked before any claim is read, and only RS256 is accepted (never the
 * `none` or HMAC algorithms a forged header could ask for).
 */
export async function verifyZafToken(token: string, trust: ZafTrust, nowMs: number): Promise<ZafTokenCheck> {
  const parts = token.trim().split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed" };
  const [headerText, payloadText, signatureText] = parts as [string, string, string];
  const header = parseJson(headerText);
  const signature = fromBase64url(signatureText);
  if (header === null || signature === null) return { ok: false, reason: "malformed" };
  if (header.alg !== "RS256") return { ok: false, reason: "unsupported_algorithm" };

  const key = await importPublicKey(trust.publicKeyPem);
  const signed = encoder.encode(`${headerText}.${payloadText}`);
  if (!(await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, signature, signed))) {
    return { ok: false, reason: "bad_signature" };
  }
  const claims = parseJson(payloadText);
  if (claims === null || typeof claims.exp !== "number") return { ok: false, reason: "malformed" };
  if (claims.exp + LEEWAY_SECONDS <= nowMs / 1000) return { ok: false, reason: "expired" };
  const host = `${trust.subdomain}.zendesk.com`;
  if (claims.iss !== host && claims.iss !== `https://${host}`) return { ok: false, reason: "wrong_issuer" };
  if (claims.aud !== installationAudience(trust)) return { ok: false, reason: "wrong_audience" };
  const userId = typeof claims.sub === "string" ? /\/users\/(\d+)(\.json)?$|^(\d+)$/.exec(claims.sub) : null;
  const id = userId?.[1] ?? userId?.[3];
  if (id === undefined) return { ok: false, reason: "no_user" };
  return {
    ok: true,
    identity: { subdomain: trust.subdomain, installationId: trust.installationId, userId: id, expiresAt: claims.exp },
  };
}

/** The `aud` Zendesk puts in a ZAF JWT: the installation's URL in the account's API. */
export function installationAudience(trust: Pick<ZafTrust, "subdomain" | "installationId">): string {
  return `https://${trust.subdomain}.zendesk.com/api/v2/apps/installations/${trust.installationId}.json`;
}

const keys = new Map<string, Promise<CryptoKey>>();

/** The PEM's key, imported once per isolate (import is the slow part of a verification). */
function importPublicKey(pem: string): Promise<CryptoKey> {
  let key = keys.get(pem);
  if (key === undefined) {
    const body = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, "");
    const der = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
    key = crypto.subtle.importKey("spki", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["verify"]);
    // A key that fails to import is not cached: the next request reports the same error, not a stale one.
    key.catch(() => keys.delete(pem));
    keys.set(pem, key);
  }
  return key;
}

function parseJson(segment: string): Record<string, unknown> | null {
  const bytes = fromBase64url(segment);
  if (bytes === null) return null;
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
