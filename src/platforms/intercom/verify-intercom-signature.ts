import { hmacVerifyKey } from "../../lib/hmac-verify-key.ts";

export interface VerifyIntercomSignatureInput {
  /** The request body exactly as received, before any JSON parsing. */
  rawBody: string;
  /** `X-Hub-Signature`: `sha1=` followed by 40 hex digits. */
  header: string;
  /** The Intercom app's client secret. */
  secret: string;
}

const encoder = new TextEncoder();
const SIGNATURE = /^sha1=([0-9a-f]{40})$/i;

/**
 * Intercom signs webhook notifications with HMAC-SHA1 (not SHA-256) over the raw body, keyed with
 * the app's client secret, and sends `X-Hub-Signature: sha1=<hex>` (developers.intercom.com/docs/webhooks).
 * There is no timestamp: replay protection is the route's dedupe on the notification id.
 * `crypto.subtle.verify` compares in constant time; a malformed header or an empty secret is a
 * mismatch, never a throw.
 */
export async function verifyIntercomSignature(input: VerifyIntercomSignatureInput): Promise<boolean> {
  const { rawBody, header, secret } = input;
  const digest = decodeHex(SIGNATURE.exec(header.trim())?.[1]);
  if (digest === null || secret === "") return false;
  try {
    const key = await hmacVerifyKey(secret, "SHA-1");
    return await crypto.subtle.verify("HMAC", key, digest, encoder.encode(rawBody));
  } catch {
    return false;
  }
}

function decodeHex(hex: string | undefined): Uint8Array<ArrayBuffer> | null {
  if (hex === undefined) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
