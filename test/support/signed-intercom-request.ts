import { signIntercomPayload } from "../../src/platforms/intercom/sign-intercom-payload.ts";

/** A made-up client secret for tests; never a real one. */
export const TEST_INTERCOM_CLIENT_SECRET = "test_intercom_client_secret_0f3c9a";
/** A workspace id shaped like Intercom's (`app_id`). */
export const TEST_INTERCOM_APP_ID = "dmtest42";

export interface SignedIntercomRequestOptions {
  secret?: string;
  /** Extra or overriding headers; `undefined` removes a header (to test missing ones). */
  headers?: Record<string, string | undefined>;
}

/**
 * A POST init for an Intercom webhook notification, signed the way Intercom signs it
 * (`X-Hub-Signature: sha1=<hex HMAC-SHA1>` of the raw body). Strings are sent byte-for-byte (to test
 * signatures over exact bodies); other payloads are JSON-encoded. Use with `app.request(path, init)`.
 */
export async function signedIntercomRequest(
  payload: unknown,
  opts: SignedIntercomRequestOptions = {},
): Promise<RequestInit & { headers: Record<string, string> }> {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const merged: Record<string, string | undefined> = {
    "content-type": "application/json",
    "x-hub-signature": await signIntercomPayload(body, opts.secret ?? TEST_INTERCOM_CLIENT_SECRET),
    ...opts.headers,
  };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(merged)) if (value !== undefined) headers[name] = value;
  return { method: "POST", body, headers };
}
