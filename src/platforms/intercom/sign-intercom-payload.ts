import { bytesToHex } from "../../lib/bytes-to-hex.ts";
const encoder = new TextEncoder();

/**
 * Sign a body the way Intercom signs webhook notifications: `sha1=` + hex(HMAC-SHA1(client secret,
 * raw body)) (developers.intercom.com/docs/webhooks, "Signed notifications"). Used by tests and the
 * local demo; the value goes in the `X-Hub-Signature` header.
 */
export async function signIntercomPayload(rawBody: string, secret: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-1" }, false, [
    "sign",
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(rawBody)));
  return `sha1=${bytesToHex(mac)}`;
}
