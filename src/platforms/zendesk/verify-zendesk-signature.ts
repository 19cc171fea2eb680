import { hmacVerifyKey } from "../../lib/hmac-verify-key.ts";
import { parseIsoTimestamp } from "../../lib/parse-iso-timestamp.ts";

export type ZendeskSignatureResult = "valid" | "bad_signature" | "stale_timestamp" | "bad_timestamp";

export interface VerifyZendeskSignatureInput {
  /** The request body exactly as received, before any JSON parsing. */
  rawBody: string;
  /** `x-zendesk-webhook-signature` (base64). */
  signature: string;
  /** `x-zendesk-webhook-signature-timestamp` (ISO-8601, e.g. `2021-03-25T05:09:27Z`). */
  timestamp: string;
  /** Every signing secret currently accepted (more than one during a rotation). */
  secrets: readonly string[];
  now?: Date;
  toleranceSeconds?: number;
}

const encoder = new TextEncoder();

/**
 * Zendesk signs `timestamp + rawBody` (no separator) with HMAC-SHA256, keyed with the signing secret
 * as a plain UTF-8 string (not base64-decoded), and sends the digest base64-encoded
 * (developer.zendesk.com/documentation/webhooks/verifying). Zendesk publishes no replay window; we
 * reject timestamps more than `toleranceSeconds` (default 5 minutes) away from `now`.
 * `crypto.subtle.verify` compares in constant time; a malformed signature is a mismatch, never a throw.
 */
export async function verifyZendeskSignature(input: VerifyZendeskSignatureInput): Promise<ZendeskSignatureResult> {
  const { rawBody, signature, timestamp, secrets, now = new Date(), toleranceSeconds = 300 } = input;
  const signedAt = parseIsoTimestamp(timestamp);
  if (signedAt === null) return "bad_timestamp";
  if (Math.abs(now.getTime() - signedAt.getTime()) > toleranceSeconds * 1000) return "stale_timestamp";

  const digest = decodeBase64(signature.trim());
  if (digest === null) return "bad_signature";
  const message = encoder.encode(timestamp + rawBody);
  for (const secret of secrets) {
    if (secret === "") continue;
    const key = await hmacVerifyKey(secret, "SHA-256");
    if (await crypto.subtle.verify("HMAC", key, digest, message)) return "valid";
  }
  return "bad_signature";
}

function decodeBase64(value: string): Uint8Array<ArrayBuffer> | null {
  if (value === "" || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return null;
  try {
    return Uint8Array.from(atob(value), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}
