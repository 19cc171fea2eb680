import { signZendeskPayload } from "../../src/platforms/zendesk/sign-zendesk-payload.ts";

/** Zendesk's static test signing secret (used for webhooks not created yet); never a real one. */
export const TEST_ZENDESK_WEBHOOK_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
export const TEST_ZENDESK_ACCOUNT_ID = "12345678";

export interface SignedZendeskRequestOptions {
  secret?: string;
  /** ISO-8601 signing timestamp; defaults to now (seconds precision, like Zendesk). */
  timestamp?: string;
  invocationId?: string;
  /** Extra or overriding headers; `undefined` removes a header (to test missing ones). */
  headers?: Record<string, string | undefined>;
}

/**
 * A POST init for a Zendesk webhook delivery, signed the way Zendesk signs it, with every header
 * Zendesk sends. Strings are sent byte-for-byte (to test signatures over exact bodies); other
 * payloads are JSON-encoded. Use with `app.request(path, init)` or `new Request(url, init)`.
 */
export async function signedZendeskRequest(
  payload: unknown,
  opts: SignedZendeskRequestOptions = {},
): Promise<RequestInit & { headers: Record<string, string> }> {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const timestamp = opts.timestamp ?? new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const signature = await signZendeskPayload(body, opts.secret ?? TEST_ZENDESK_WEBHOOK_SECRET, timestamp);
  const merged: Record<string, string | undefined> = {
    "content-type": "application/json",
    "x-zendesk-account-id": accountIdOf(payload) ?? TEST_ZENDESK_ACCOUNT_ID,
    "x-zendesk-webhook-id": "01HZTESTWEBHOOK000000000000",
    "x-zendesk-webhook-invocation-id": opts.invocationId ?? crypto.randomUUID(),
    "x-zendesk-webhook-signature": signature,
    "x-zendesk-webhook-signature-timestamp": timestamp,
    ...opts.headers,
  };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(merged)) if (value !== undefined) headers[name] = value;
  return { method: "POST", body, headers };
}

function accountIdOf(payload: unknown): string | undefined {
  const accountId =
    typeof payload === "object" && payload !== null ? (payload as { account_id?: unknown }).account_id : undefined;
  return typeof accountId === "number" || typeof accountId === "string" ? String(accountId) : undefined;
}
