import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { toDeskmateError } from "../lib/errors.ts";
import { deliveryResponder } from "./delivery-responder.ts";
import type { LogFields, Logger } from "../lib/logger.ts";
import type { QueueMessageBody } from "../domain/queue-message.ts";
import type { SupportEvent } from "../domain/support-event.ts";
import type { StateStore } from "../state/state-store.ts";
import { acceptDelivery } from "./accept-delivery.ts";
import { deriveIntercomNotificationId } from "../platforms/intercom/derive-intercom-notification-id.ts";
import { detectIntercomV1Payload, INTERCOM_V1_FIX } from "../platforms/intercom/detect-intercom-v1-payload.ts";
import { isIntercomPing } from "../platforms/intercom/intercom-event-schema.ts";
import { InvalidIntercomPayloadError } from "../platforms/intercom/invalid-intercom-payload-error.ts";
import { normalizeIntercomEvent } from "../platforms/intercom/normalize-intercom-event.ts";
import { verifyIntercomSignature } from "../platforms/intercom/verify-intercom-signature.ts";

export interface IntercomWebhookDeps {
  /** The Intercom app's client secret (it signs webhooks). null or empty = refuse every delivery. */
  secret: () => string | null;
  /** Per workspace (`app_id`). */
  stateFor: (accountId: string) => StateStore;
  enqueue: (body: QueueMessageBody) => Promise<void>;
  logger: Logger;
  now?: () => Date;
  /**
   * How long a notification id stays claimed once enqueued; default 7 days. Notifications whose
   * signed `created_at` falls outside this window (less the clock-skew allowance) are ignored, so
   * a replay can never outlive its claim.
   */
  claimTtlSeconds?: number;
}

/**
 * The statuses this route answers with. Intercom disables the subscription on 410 and throttles the
 * whole subscription (up to 2 hours) on 429 (developers.intercom.com/docs/webhooks), so neither is in
 * this list, and unexpected errors are answered here instead of reaching the app's error handler,
 * which would render a DeskmateError's own status (a HelpdeskError can carry 429).
 */
type IntercomWebhookStatus = 200 | 202 | 400 | 401 | 415 | 500 | 503;

const SIGNATURE_HEADER = "x-hub-signature";
const SEVEN_DAYS = 7 * 24 * 60 * 60;
/** Clock skew allowed between Intercom and the worker; also what the age window keeps in reserve. */
const MAX_SKEW_SECONDS = 15 * 60;
/**
 * Workspaces already told (in this isolate) to switch their webhooks to 2.x: one error line each, not one per
 * delivery.
 */
const toldAboutV1 = new Set<string>();
const MISSING_SECRET_FIX =
  "Intercom client secret is not configured, so every webhook notification is refused. Fix: run " +
  "`wrangler secret put INTERCOM_CLIENT_SECRET` and paste the app's client secret (Intercom Developer Hub > " +
  "your app > Basic information > Client secret); locally, put it in .dev.vars.";

/**
 * POST handler for Intercom webhook notifications. Gates in a fixed order, like the Zendesk route:
 * secret configured (503) → content type (415) → `X-Hub-Signature` present (400) → signature over the
 * raw body (401) → JSON (400) → `ping` (200 pong) → 1.x format (200 with the fix: a retry cannot
 * help) → `"id": null` (a claim id derived from signed bytes) → unhandled topic (200 ignored) → schema
 * (400) → signed `created_at` outside the claim window (200 ignored) → claim the notification id
 * (200 duplicate, 503 while another attempt holds a pending claim or when the store fails) → enqueue
 * (503 on failure, claim released) → commit → 202. Nothing here calls Intercom: answers slower than
 * 500 ms lose priority and the timeout is 5 s. One log line per delivery, no bodies.
 */
export function intercomWebhookHandler(deps: IntercomWebhookDeps): (c: Context) => Promise<Response> {
  const now = deps.now ?? (() => new Date());
  const claimTtlSeconds = deps.claimTtlSeconds ?? SEVEN_DAYS;

  return async function intercomWebhook(c: Context): Promise<Response> {
    const log = deps.logger.child({ platform: "intercom" });
    const { trace, done, reject } = deliveryResponder<IntercomWebhookStatus>(c, log, "intercom webhook");

    try {
      const secret = readSecret(deps.secret);
      if (secret === "") {
        log.error(MISSING_SECRET_FIX, { fix: "wrangler secret put INTERCOM_CLIENT_SECRET" });
        return reject(503, "webhook_secret_missing", "the Intercom client secret is not configured on this worker");
      }

      const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
      if (mediaType !== "application/json") return reject(415, "unsupported_media_type", "expected content-type application/json");

      const header = c.req.header(SIGNATURE_HEADER);
      if (!header) return reject(400, "missing_headers", `missing required headers: ${SIGNATURE_HEADER}`);

      // Read the body once, as text, and verify those exact characters before anything parses them.
      const rawBody = await c.req.text();
      if (!(await verifyIntercomSignature({ rawBody, header, secret }))) {
        return reject(401, "bad_signature", "the X-Hub-Signature does not match the configured client secret");
      }

      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        return reject(400, "invalid_json", "the body is not valid JSON");
      }
      Object.assign(trace, envelopeIds(json));
      if (isIntercomPing(json)) return done(200, { status: "pong" });
      if (detectIntercomV1Payload(json)) return refuseV1(trace.account_id);
      if (await deriveMissingId(json)) {
        trace.delivery_id = (json as { id: string }).id;
        log.warn("intercom notification without an id; claim id derived from its signed content", { delivery_id: trace.delivery_id });
      }

      let normalized: ReturnType<typeof normalizeIntercomEvent>;
      try {
        normalized = normalizeIntercomEvent(json);
      } catch (error) {
        if (!(error instanceof InvalidIntercomPayloadError)) throw error;
        return reject(400, error.code, error.message, { fields: error.fields });
      }
      if ("ignored" in normalized) return done(200, { status: "ignored" }, { ignored: normalized.ignored.slice(0, 100) });
      const age = outsideClaimWindow(normalized, now(), claimTtlSeconds);
      if (age !== null) return done(200, { status: "ignored" }, { ticket_id: normalized.ticketId, ...age });
      return await accept(normalized);
    } catch (error) {
      return reject(500, "internal_error", "unexpected error; retry later", { error: toDeskmateError(error) });
    }

    /**
     * A 1.x payload will never validate, so a 4xx would only buy a pointless retry: answer 200 with
     * the fix in the body, and log the fix once per workspace (per isolate) at error level.
     */
    function refuseV1(workspace: unknown): Response {
      const key = typeof workspace === "string" ? workspace : "";
      if (!toldAboutV1.has(key)) {
        toldAboutV1.add(key);
        log.error(INTERCOM_V1_FIX, { account_id: key || null, fix: "set the Intercom app's webhook API version to 2.x" });
      }
      return done(200, { status: "rejected", error: "unsupported_webhook_version", message: INTERCOM_V1_FIX }, { outcome: "unsupported_webhook_version" });
    }

    async function accept(event: SupportEvent): Promise<Response> {
      Object.assign(trace, { ticket_id: event.ticketId, kind: event.kind });
      // The notification id is the only id Intercom gives a delivery; its one retry reuses it.
      return acceptDelivery({
        event,
        claimId: `evt:${event.eventId}`,
        store: () => deps.stateFor(event.accountId),
        ttlSeconds: claimTtlSeconds,
        // Intercom retries a failed delivery once, a minute later; 409 has no better meaning to it.
        busyStatus: 503,
        header: (name, value) => c.header(name, value),
        enqueue: deps.enqueue,
        now,
        log,
        answer: done,
      });
    }
  };
}

function readSecret(secret: () => string | null): string {
  try {
    return (secret() ?? "").trim();
  } catch {
    return "";
  }
}

/**
 * Gives a non-ping notification whose `id` is null or absent a stable id derived from its signed
 * content, so it is validated and deduplicated like any other instead of failing the schema with a
 * 400 on every attempt. True when it did.
 */
async function deriveMissingId(json: unknown): Promise<boolean> {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return false;
  const record = json as Record<string, unknown>;
  if (record.id !== null && record.id !== undefined) return false;
  record.id = await deriveIntercomNotificationId(record);
  return true;
}

/**
 * Null when the signed `created_at` is inside the claim window; otherwise the log fields of why it
 * is ignored. Older than the window: its claim may have expired, so only the signed timestamp can
 * tell a replay from a new event. Too far in the future: it would stay fresh past its claim.
 */
function outsideClaimWindow(event: SupportEvent, now: Date, claimTtlSeconds: number): LogFields | null {
  const ageSeconds = Math.floor((now.getTime() - Date.parse(event.occurredAt)) / 1000);
  if (ageSeconds > claimTtlSeconds - MAX_SKEW_SECONDS) return { reason: "stale_notification", age_s: ageSeconds };
  if (ageSeconds < -MAX_SKEW_SECONDS) return { reason: "notification_from_future", age_s: ageSeconds };
  return null;
}

/** Ids for the log line, read before validation so rejected notifications can be traced too. */
function envelopeIds(json: unknown): LogFields {
  if (typeof json !== "object" || json === null) return {};
  const { id, topic, app_id: appId, delivery_attempts: attempts } = json as Record<string, unknown>;
  const short = (value: unknown) => (typeof value === "string" ? value.slice(0, 100) : undefined);
  return {
    delivery_id: short(id) ?? null,
    topic: short(topic),
    account_id: short(appId),
    delivery_attempts: typeof attempts === "number" ? attempts : undefined,
  };
}
