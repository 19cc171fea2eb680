export interface VerifyCanvasSignatureInput {
  /** The request body exactly as received, before any JSON parsing. */
  rawBody: string;
  /** `X-Body-Signature`: hex HMAC-SHA256 of the raw body. */
  signature: string | undefined;
  /** The Intercom app's client secret. */
  secret: string;
}

const encoder = new TextEncoder();
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/**
 * Canvas Kit requests are signed differently from webhooks: `X-Body-Signature` is the hex HMAC-SHA256
 * of the raw body keyed with the app's client secret (developers.intercom.com/docs/canvas-kit), where
 * webhooks send `X-Hub-Signature: sha1=...`. `crypto.subtle.verify`
 * compares in constant time; a missing or malformed signature is a mismatch, never a throw.
 */
export async function verifyCanvasSignature({
  rawBody,
  signature,
  secret,
}: VerifyCanvasSignatureInput): Promise<boolean> {
  const hex = signature?.trim() ?? "";
  if (secret === "" || !SHA256_HEX.test(hex)) return false;
  const digest = Uint8Array.from(hex.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "verify",
  ]);
  return crypto.subtle.verify("HMAC", key, digest, encoder.encode(rawBody));
}
