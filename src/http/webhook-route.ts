import type { Context } from "hono";
import type { QueueMessageBody } from "../domain/queue-message.ts";
import { toDeskmateError } from "../lib/errors.ts";
import type { LogFields, Logger } from "../lib/logger.ts";
import type { WebhookAdapter, WebhookRejection } from "../ports/webhook-adapter.ts";
import type { StateStore } from "../state/state-store.ts";
import { acceptDelivery } from "./accept-delivery.ts";
import { deliveryResponder } from "./delivery-responder.ts";

export interface WebhookRouteDeps {
  adapter: WebhookAdapter;
  /** The store of one helpdesk account (Zendesk account / Intercom workspace). */
  stateFor: (accountId: string) => StateStore;
  enqueue: (body: QueueMessageBody) => Promise<void>;
  logger: Logger;
  now?: () => Date;
  /**
   * Runs work after the answer is sent (the runtime's waitUntil): the claim's commit and the delivery's
   * log line leave the acknowledgement's path. Absent (tests, no execution context) both happen before
   * the answer.
   */
  defer?: (work: Promise<unknown>) => void;
  /** How long an event id stays claimed once enqueued; default 7 days. */
  claimTtlSeconds?: number;
}

/**
 * Every status a webhook route answers with. Neither 410 (Intercom disables the subscription) nor 429
 * (Intercom throttles the whole subscription for up to 2 hours) is in it, and unexpected errors are
 * answered 500 here instead of reaching the app's error handler, which would render a DeskmateError's
 * own status (a HelpdeskError can carry 429).
 */
type WebhookStatus = 200 | 202 | 400 | 401 | 409 | 415 | 500 | 503;

const SEVEN_DAYS = 7 * 24 * 60 * 60;

/**
 * POST handler for one helpdesk's webhooks. Gates in a fixed order, each with its own status and
 * code: secret configured (503) → content type (415) → required headers (400) → signature over the
 * raw body (401) → JSON (400) → the adapter's reading of the signed body: schema (400), ignored,
 * pings and formats no retry can fix (200) → claim the event id, which comes from the signed body
 * only (200 duplicate, the adapter's busy status while another attempt holds a pending claim, 503
 * when the store fails) → enqueue (503 on failure, claim released) → 202, and the claim's commit after
 * it (`defer`), as is the one log line per delivery.
 * Nothing here calls the helpdesk, so the answer comes in milliseconds. One log line per delivery,
 * with ids and the elapsed time, never the body.
 */
export function webhookRoute(deps: WebhookRouteDeps): (c: Context) => Promise<Response> {
  const { adapter } = deps;
  const now = deps.now ?? (() => new Date());
  const claimTtlSeconds = deps.claimTtlSeconds ?? SEVEN_DAYS;

  return async function webhook(c: Context): Promise<Response> {
    const header = (name: string) => c.req.header(name);
    const deliveryId = adapter.deliveryIdHeader ? { delivery_id: header(adapter.deliveryIdHeader) ?? null } : {};
    const log = deps.logger.child({ platform: adapter.platform, ...deliveryId });
    const { trace, done, reject } = deliveryResponder<WebhookStatus>(c, log, adapter.logName, deps.defer);
    const refuse = (rejection: WebhookRejection) =>
      reject(rejection.status, rejection.error, rejection.message, rejection.log);

    try {
      const secrets = readSecrets(adapter);
      if (secrets.length === 0) {
        log.error(adapter.missingSecret.logMessage, { fix: adapter.missingSecret.fix });
        return reject(503, "webhook_secret_missing", adapter.missingSecret.message);
      }

      const mediaType = (header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
      if (mediaType !== "application/json") {
        return reject(415, "unsupported_media_type", "expected content-type application/json");
      }

      const missing = adapter.requiredHeaders.filter((name) => !header(name));
      if (missing.length > 0) return reject(400, "missing_headers", `missing required headers: ${missing.join(", ")}`);
      for (const [name, pattern] of Object.entries(adapter.headerPatterns ?? {})) {
        if (!pattern.test(header(name) ?? "")) return reject(400, "invalid_header", `${name} is not a valid id`);
      }

      // Read the body once, as text, and verify those exact characters before anything parses them.
      const rawBody = await c.req.text();
      const badSignature = await adapter.verify({ rawBody, header, secrets, now: now() });
      if (badSignature) return refuse(badSignature);

      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        return reject(400, "invalid_json", "the body is not valid JSON");
      }
      const addTrace = (fields: LogFields) => void Object.assign(trace, fields);
      const verdict = await adapter.interpret(json, { header, now: now(), claimTtlSeconds, log, trace: addTrace });
      if ("reject" in verdict) return refuse(verdict.reject);
      if ("acknowledge" in verdict) return done(200, verdict.acknowledge, verdict.log);

      const event = verdict.accept;
      return await acceptDelivery({
        event,
        claimId: adapter.claimId(event),
        store: () => deps.stateFor(event.accountId),
        ttlSeconds: claimTtlSeconds,
        busyStatus: adapter.busyStatus,
        header: (name, value) => c.header(name, value),
        enqueue: deps.enqueue,
        now,
        log,
        answer: done,
        ...(deps.defer ? { defer: deps.defer } : {}),
      });
    } catch (error) {
      return reject(500, "internal_error", "unexpected error; retry later", { error: toDeskmateError(error) });
    }
  };
}

/** A secrets getter that throws (a missing binding) is a missing secret: refuse, do not crash. */
function readSecrets(adapter: WebhookAdapter): string[] {
  try {
    return adapter
      .secrets()
      .map((secret) => secret.trim())
      .filter((secret) => secret !== "");
  } catch {
    return [];
  }
}
