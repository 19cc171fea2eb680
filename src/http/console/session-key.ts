const encoder = new TextEncoder();

/**
 * The HMAC-SHA-256 key that signs console sessions and their CSRF tokens, derived from the admin token
 * with HKDF. Deriving it instead of storing a second secret means rotating DESKMATE_ADMIN_TOKEN ends
 * every session at once (their signatures no longer verify), and the token itself never signs
 * anything a browser holds. The `info` label keeps this key apart from any other use of the token.
 */
export async function sessionKey(adminToken: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey("raw", encoder.encode(adminToken), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: encoder.encode("deskmate-console"),
      info: encoder.encode("session-hmac-v1"),
    },
    material,
    { name: "HMAC", hash: "SHA-256", length: 256 },
    false,
    ["sign", "verify"],
  );
}
