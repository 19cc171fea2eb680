const encoder = new TextEncoder();
/** A deployment has a few signing secrets (two per helpdesk while rotating); more means churn, so start over. */
const MAX_KEYS = 8;
const keys = new Map<string, Promise<CryptoKey>>();

/**
 * The HMAC verification key of a signing secret, imported once per isolate instead of on every
 * webhook: importing is part of the acknowledgement's cost and the secret does not change between
 * deliveries. A failed import is not kept, so the next delivery tries again.
 */
export function hmacVerifyKey(secret: string, hash: "SHA-256" | "SHA-1"): Promise<CryptoKey> {
  const id = `${hash}:${secret}`;
  const cached = keys.get(id);
  if (cached) return cached;
  if (keys.size >= MAX_KEYS) keys.clear();
  const key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash }, false, ["verify"]);
  keys.set(id, key);
  key.catch(() => keys.delete(id));
  return key;
}
