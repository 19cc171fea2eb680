import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ConfigError } from "../lib/errors.ts";
import { deliveryResponder } from "./delivery-responder.ts";
import type { LogFields, Logger } from "../lib/logger.ts";
import type { QueueMessageBody } from "../domain/queue-message.ts";
import type { StateStore } from "../state/state-store.ts";
import { acceptDelivery } from "./accept-delivery.ts";
import { InvalidZendeskPayloadError } from "../platforms/zendesk/invalid-zendesk-payload-error.ts";
import { normalizeZendeskEvent } from "../platforms/zendesk/normalize-zendesk-event.ts";
import { verifyZendeskSignature, type ZendeskSignatureResult } from "../platforms/zendesk/verify-zendesk-signature.ts";

export interface ZendeskWebhookDeps {
  /** Accepted signing secrets; more than one during a rotation. Empty = refuse every delivery. */
  secrets: () => string[];
  stateFor: (accountId: string) => StateStore;
  /**
   * The account trigger payloads belong to (this deployment's Zendesk subdomain), null when not
   * configured. Event-subscription payloads carry their own signed `account_id`; no unsigned header
   * (`x-zendesk-account-id`) ever chooses the account.
   */
  triggerAccount: () => string | null;
  enqueue: (body: QueueMessageBody) => Promise<void>;
  logger: Logger;
  now?: () => Date;
  /** How long an event id stays claimed once enqueued; default 7 days. */
  claimTtlSeconds?: number;
}

const REQUIRED_HEADERS = [
  "x-zendesk-webhook-signature",
  "x-zendesk-webhook-signature-timestamp",
  "x-zendesk-webhook-invocation-id",
] as const;
const INVOCATION_ID = /^[A-Za-z0-9._:-]{1,200}$/;
const SEVEN_DAYS = 7 * 24 * 60 * 60;
const SIGNATURE_FAILURES: Record<Exclude<ZendeskSignatureResult, "valid">, string> = {
  bad_signature: "the signature does not match any configured signing secret",
  stale_timestamp: "the signature timestamp is more than 5 minutes away from the worker clock",
  bad_timestamp: "the signature timestamp is not an ISO-8601 date-time",
};
const MISSING_SECRET_FIX =
  "Zendesk webhook signing secret is not configured, so every delivery is refused. Fix: run " +
  "`wrangler secret put ZENDESK_WEBHOOK_SECRET` and paste the webhook's signing secret (Zendesk Admin Center > " +
  "Apps and integrations > Webhooks > the Deskmate webhook > Signing secret > Reveal secret); " +
  "locally, put it in .dev.vars.";

/**
 * POST handler for Zendesk webhooks. Gates in a fixed order, each with its own status and code:
 * secret configured (503) → content type (415) → required headers (400) → signature over the raw
 * body (401) → JSON + schema (400) → unhandled type (200 ignored) → claim the event id, which comes
 * from the signed body only (200 duplicate, 409 while another attempt holds a pending claim, 503 when
 * the store fails) → enqueue (503 on failure, claim released) → commit the claim → 202. 409 and 503
 * (with Retry-After) make Zendesk retry; nothing is ever accepted blindly. One log line per delivery,
 * no bodies.
 */
export function zendeskWebhookHandler(deps: ZendeskWebhookDeps): (c: Context) => Promise<Response> {
  const now = deps.now ?? (() => new Date());
  const claimTtlSeconds = deps.claimTtlSeconds ?? SEVEN_DAYS;

  return async function zendeskWebhook(c: Context): Promise<Response> {
    const invocationId = c.req.header("x-zendesk-webhook-invocation-id");
    const log = deps.logger.child({ platform: "zendesk", delivery_id: invocationId ?? null });
    const { trace, done, reject } = deliveryResponder<ContentfulStatusCode>(c, log, "zendesk webhook");

    const secrets = readSecrets(deps.secrets);
    if (secrets.length === 0) {
      log.error(MISSING_SECRET_FIX, { fix: "wrangler secret put ZENDESK_WEBHOOK_SECRET" });
      return reject(503, "webhook_secret_missing", "the Zendesk webhook signing secret is not configured on this worker");
    }

    const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (mediaType !== "application/json") {
      return reject(415, "unsupported_media_type", "expected content-type application/json");
    }

    const missing = REQUIRED_HEADERS.filter((name) => !c.req.header(name));
    if (missing.length > 0) return reject(400, "missing_headers", `missing required headers: ${missing.join(", ")}`);
    if (invocationId === undefined || !INVOCATION_ID.test(invocationId)) {
      return reject(400, "invalid_header", "x-zendesk-webhook-invocation-id is not a valid id");
    }

    // Read the body once, as text, and verify those exact characters before anything parses them.
    const rawBody = await c.req.text();
    const verdict = await verifyZendeskSignature({
      rawBody,
      signature: c.req.header("x-zendesk-webhook-signature") ?? "",
      timestamp: c.req.header("x-zendesk-webhook-signature-timestamp") ?? "",
      secrets,
      now: now(),
    });
    if (verdict !== "valid") return reject(401, verdict, SIGNATURE_FAILURES[verdict]);

    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return reject(400, "invalid_json", "the body is not valid JSON");
    }
    let normalized: ReturnType<typeof normalizeZendeskEvent>;
    try {
      normalized = normalizeZendeskEvent(json, { invocationId, triggerAccount: readTriggerAccount(deps.triggerAccount) });
    } catch (error) {
      if (error instanceof ConfigError) {
        log.error(error.message, { fix: "set ZENDESK_SUBDOMAIN" });
        return reject(503, "trigger_account_missing", "trigger payloads need ZENDESK_SUBDOMAIN configured on this worker");
      }
      if (!(error instanceof InvalidZendeskPayloadError)) throw error;
      return reject(400, error.code, error.message, { fields: error.fields });
    }
    if ("ignored" in normalized) return done(200, { status: "ignored" }, { event_type: normalized.ignored.slice(0, 100) });

    const event = normalized;
    Object.assign(trace, { ticket_id: event.ticketId, event_id: event.eventId, kind: event.kind, account_id: event.accountId });
    return acceptDelivery({
      event,
      // The event id alone: it comes from the signed body. Zendesk's retries resend that body, so the
      // unsigned invocation id adds nothing but a key an attacker could vary.
      claimId: `evt:${event.eventId}`,
      store: () => deps.stateFor(event.accountId),
      ttlSeconds: claimTtlSeconds,
      // Zendesk retries "certain" failures only; 409 is the one its webhook docs are understood to retry
      // without a Retry-After (to confirm in a webhook's activity log). Never a business-level 4xx.
      busyStatus: 409,
      header: (name, value) => c.header(name, value),
      enqueue: deps.enqueue,
      now,
      log,
      answer: done,
    });
  };
}

function readTriggerAccount(account: () => string | null): string | null {
  try {
    return account();
  } catch {
    return null;
  }
}

function readSecrets(secrets: () => string[]): string[] {
  try {
    return secrets().map((secret) => secret.trim()).filter((secret) => secret !== "");
  } catch {
    return [];
  }
}
