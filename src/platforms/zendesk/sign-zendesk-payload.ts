const encoder = new TextEncoder();

/**
 * Sign a body the way Zendesk does: base64(HMAC-SHA256(secret as UTF-8, timestamp + rawBody))
 * (developer.zendesk.com/documentation/webhooks/verifying). Used by tests and the local demo.
 */
export async function signZendeskPayload(rawBody: string, secret: string, timestamp: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(timestamp + rawBody)));
  return btoa(String.fromCharCode(...mac));
}
