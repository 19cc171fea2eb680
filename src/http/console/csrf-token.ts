import { fromBase64url, toBase64url } from "./base64url.ts";

const encoder = new TextEncoder();

/** The form field every console form carries its CSRF token in. */
export const CSRF_FIELD = "csrf";

/**
 * The CSRF token of a session: HMAC-SHA-256 of its id under the session key, with a purpose label so
 * it can never equal a session signature. Another site can make a browser send the cookie but cannot
 * read the page, so it cannot know this value.
 */
export async function csrfToken(key: CryptoKey, sessionId: string): Promise<string> {
  return toBase64url(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(`csrf:${sessionId}`))));
}

/** True when `presented` is the session's CSRF token (compared in constant time by `crypto.subtle.verify`). */
export async function verifyCsrfToken(
  key: CryptoKey,
  sessionId: string,
  presented: string | undefined,
): Promise<boolean> {
  const mac = presented ? fromBase64url(presented) : null;
  if (mac === null) return false;
  return crypto.subtle.verify("HMAC", key, mac, encoder.encode(`csrf:${sessionId}`));
}
