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

/** The app locations whose signed URLs the worker serves (manifest/manifest.json). */
export type ZafLocation = "ticket_sidebar" | "nav_bar";

export type ZafTokenFailure =
  | "malformed"
  | "unsupported_algorithm"
  | "bad_signature"
  | "expired"
  | "not_yet_valid"
  | "wrong_issuer"
  | "wrong_audience"
  | "wrong_location"
  | "no_user";

export type ZafTokenCheck = { ok: true; identity: ZafIdentity } | { ok: false; reason: ZafTokenFailure };

/** Clock skew allowed between Zendesk and the worker, in seconds. */
const LEEWAY_SECONDS = 30;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Checks a ZAF JWT the way the Apps framework documents for signed URLs: RS256 under the app's public
 * key (Zendesk keeps the private key), then the claims Zendesk puts in it:
 * - `iss`: the account's host (`<subdomain>.zendesk.com`);
 * - `aud`: this app installation's URL in the account's API, so a token of another account or
 *   installation is refused;
 * - `sub`: the agent, as their user URL (`.../api/v2/users/<id>.json`);
 * - `exp` and `nbf`: the token's short life (a few minutes around `iat`);
 * - `context`: `{ product, location }` of the app location that asked for the page. A token Zendesk
 *   signed for the ticket sidebar does not open the nav bar console (which reads every account's
 *   numbers and reviews), nor the other way round. A token without `context` is not refused for that:
 *   only Zendesk can sign one, so leaving the claim out widens nothing.
 * The signature is checked before any claim is read, and only RS256 is accepted (never the `none` or
 * HMAC algorithms a forged header could ask for). `qsh` (a hash of the request) is not checked: the
 * page is a form POST Zendesk builds, with nothing in the URL to protect.
 *
 * Zendesk's pages:
 * https://developer.zendesk.com/documentation/apps/build-an-app/building-a-server-side-app/part-5-secure-the-app/
 * (RS256, the app's public key, `aud` from the installation id) and
 * https://developer.zendesk.com/documentation/apps/app-developer-guide/using-the-apps-framework/
 * ("Authenticating Zendesk in your server-side app": the JWT's claims).
 */
export async function verifyZafToken(
  token: string,
  trust: ZafTrust,
  nowMs: number,
  location: ZafLocation,
): Promise<ZafTokenCheck> {
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
  const nowSeconds = nowMs / 1000;
  if (claims.exp + LEEWAY_SECONDS <= nowSeconds) return { ok: false, reason: "expired" };
  if (typeof claims.nbf === "number" && claims.nbf - LEEWAY_SECONDS > nowSeconds) {
    return { ok: false, reason: "not_yet_valid" };
  }
  const host = `${trust.subdomain}.zendesk.com`;
  if (claims.iss !== host && claims.iss !== `https://${host}`) return { ok: false, reason: "wrong_issuer" };
  if (claims.aud !== installationAudience(trust)) return { ok: false, reason: "wrong_audience" };
  if (!fromLocation(claims.context, location)) return { ok: false, reason: "wrong_location" };
  const userId = typeof claims.sub === "string" ? /\/users\/(\d+)(\.json)?$|^(\d+)$/.exec(claims.sub) : null;
  const id = userId?.[1] ?? userId?.[3];
  if (id === undefined) return { ok: false, reason: "no_user" };
  return {
    ok: true,
    identity: { subdomain: trust.subdomain, installationId: trust.installationId, userId: id, expiresAt: claims.exp },
  };
}

/** Whether the token's `context` claim (when it has one) names Zendesk Support and this location. */
function fromLocation(context: unknown, location: ZafLocation): boolean {
  if (context === undefined) return true;
  if (typeof context !== "object" || context === null) return false;
  const { product, location: signedFor } = context as { product?: unknown; location?: unknown };
  return (product === undefined || product === "support") && signedFor === location;
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
