const encoder = new TextEncoder();

/**
 * True when `authorization` is `Bearer <expected>`. The comparison is `tokenMatches`. Empty tokens
 * never match.
 */
export async function verifyBearerToken(authorization: string | undefined, expected: string): Promise<boolean> {
  const presented = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "")?.[1];
  if (presented === undefined) return false;
  return tokenMatches(presented, expected);
}

/**
 * True when `presented` equals `expected` (non-empty). The comparison runs through HMAC verification
 * (`crypto.subtle.verify` compares in constant time) over a per-call random key, so neither the
 * token's characters nor its length leak through timing.
 */
export async function tokenMatches(presented: string, expected: string): Promise<boolean> {
  if (expected === "") return false;
  const keyBytes = crypto.getRandomValues(new Uint8Array(32));
  const key = await crypto.subtle.importKey("raw", keyBytes, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
  const expectedMac = await crypto.subtle.sign("HMAC", key, encoder.encode(expected));
  return crypto.subtle.verify("HMAC", key, expectedMac, encoder.encode(presented));
}
