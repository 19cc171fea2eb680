import type { SupportEvent } from "../../domain/support-event.ts";
import type { LogFields, Logger } from "../../lib/logger.ts";
import type { InterpretContext, WebhookAdapter, WebhookVerdict } from "../../ports/webhook-adapter.ts";
import { deriveIntercomNotificationId } from "./derive-intercom-notification-id.ts";
import { detectIntercomV1Payload, INTERCOM_V1_FIX } from "./detect-intercom-v1-payload.ts";
import { isIntercomPing } from "./intercom-event-schema.ts";
import { InvalidIntercomPayloadError } from "./invalid-intercom-payload-error.ts";
import { normalizeIntercomEvent } from "./normalize-intercom-event.ts";
import { verifyIntercomSignature } from "./verify-intercom-signature.ts";

export interface IntercomWebhookAdapterDeps {
  /** The Intercom app's client secret (it signs webhooks). null or empty = refuse every delivery. */
  secret: () => string | null;
}

const SIGNATURE_HEADER = "x-hub-signature";
/** Clock skew allowed between Intercom and the worker; also what the age window keeps in reserve. */
const MAX_SKEW_SECONDS = 15 * 60;
/**
 * Workspaces already told (in this isolate) to switch their webhooks to 2.x: one error line each,
 * not one per delivery.
 */
const toldAboutV1 = new Set<string>();
const MISSING_SECRET_FIX =
  "Intercom client secret is not configured, so every webhook notification is refused. Fix: run " +
  "`wrangler secret put INTERCOM_CLIENT_SECRET` and paste the app's client secret (Intercom Developer Hub > " +
  "your app > Basic information > Client secret); locally, put it in .dev.vars.";

/**
 * Intercom's side of the webhook route: HMAC-SHA1 over the body (`X-Hub-Signature`), then, in this
 * order, `ping` (200 pong) → 1.x format (200 with the fix: a retry cannot help) → `"id": null` (a
 * claim id derived from signed bytes) → unhandled topic (200 ignored) → schema (400) → signed
 * `created_at` outside the claim window (200 ignored). A pending claim answers 503: Intercom retries
 * a failed delivery once, a minute later, and 409 has no better meaning to it. Answers slower than
 * 500 ms lose priority and the timeout is 5 s, so nothing here calls Intercom.
 */
export function intercomWebhookAdapter(deps: IntercomWebhookAdapterDeps): WebhookAdapter {
  return {
    platform: "intercom",
    logName: "intercom webhook",
    secrets: () => [deps.secret() ?? ""],
    missingSecret: {
      logMessage: MISSING_SECRET_FIX,
      fix: "wrangler secret put INTERCOM_CLIENT_SECRET",
      message: "the Intercom client secret is not configured on this worker",
    },
    requiredHeaders: [SIGNATURE_HEADER],
    async verify({ rawBody, header, secrets }) {
      const signature = header(SIGNATURE_HEADER) ?? "";
      for (const secret of secrets) {
        if (await verifyIntercomSignature({ rawBody, header: signature, secret })) return null;
      }
      const message = "the X-Hub-Signature does not match the configured client secret";
      return { status: 401, error: "bad_signature", message };
    },
    interpret,
    // The notification id is the only id Intercom gives a delivery; its one retry reuses it.
    claimId: (event) => `evt:${event.eventId}`,
    busyStatus: 503,
  };
}

async function interpret(json: unknown, context: InterpretContext): Promise<WebhookVerdict> {
  const { now, claimTtlSeconds, log, trace } = context;
  trace(envelopeIds(json));
  if (isIntercomPing(json)) return { acknowledge: { status: "pong" } };
  if (detectIntercomV1Payload(json)) return refuseV1(json, log);
  const derivedId = await deriveMissingId(json);
  if (derivedId !== null) {
    trace({ delivery_id: derivedId });
    log.warn("intercom notification without an id; claim id derived from its signed content", {
      delivery_id: derivedId,
    });
  }

  let event: ReturnType<typeof normalizeIntercomEvent>;
  try {
    event = normalizeIntercomEvent(json);
  } catch (error) {
    if (!(error instanceof InvalidIntercomPayloadError)) throw error;
    return { reject: { status: 400, error: error.code, message: error.message, log: { fields: error.fields } } };
  }
  if ("ignored" in event) return { acknowledge: { status: "ignored" }, log: { ignored: event.ignored.slice(0, 100) } };
  const age = outsideClaimWindow(event, now, claimTtlSeconds);
  if (age !== null) return { acknowledge: { status: "ignored" }, log: { ticket_id: event.ticketId, ...age } };
  trace({ ticket_id: event.ticketId, kind: event.kind });
  return { accept: event };
}

/**
 * A 1.x payload will never validate, so a 4xx would only buy a pointless retry: answer 200 with
 * the fix in the body, and log the fix once per workspace (per isolate) at error level.
 */
function refuseV1(json: unknown, log: Logger): WebhookVerdict {
  const workspace = (json as { app_id?: unknown }).app_id;
  const key = typeof workspace === "string" ? workspace.slice(0, 100) : "";
  if (!toldAboutV1.has(key)) {
    toldAboutV1.add(key);
    log.error(INTERCOM_V1_FIX, { account_id: key || null, fix: "set the Intercom app's webhook API version to 2.x" });
  }
  const body = { status: "rejected", error: "unsupported_webhook_version", message: INTERCOM_V1_FIX };
  return { acknowledge: body, log: { outcome: "unsupported_webhook_version" } };
}

/**
 * Gives a non-ping notification whose `id` is null or absent a stable id derived from its signed
 * content, so it is validated and deduplicated like any other instead of failing the schema with a
 * 400 on every attempt. The derived id when it did, null otherwise.
 */
async function deriveMissingId(json: unknown): Promise<string | null> {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return null;
  const record = json as Record<string, unknown>;
  if (record.id !== null && record.id !== undefined) return null;
  record.id = await deriveIntercomNotificationId(record);
  return record.id as string;
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
