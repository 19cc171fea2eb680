import type { Platform, SupportEvent } from "../domain/support-event.ts";
import type { LogFields, Logger } from "../lib/logger.ts";

/**
 * What one helpdesk's webhooks need from the one webhook route (src/http/webhook-route.ts): which
 * headers and secrets a delivery must carry, how its signature is checked, how its signed body
 * becomes a SupportEvent, and which answer makes that helpdesk retry. The gates themselves, their
 * order and their status codes belong to the route; an adapter only supplies platform facts, as data
 * or small functions. Framework-free, so the platform folders can implement it without importing
 * src/http.
 */
export interface WebhookAdapter {
  platform: Platform;
  /** The message of the one log line per delivery, e.g. "zendesk webhook". */
  logName: string;
  /** The unsigned header naming this delivery, logged as `delivery_id` (never used as a key). */
  deliveryIdHeader?: string;
  /** Accepted signing secrets, trimmed; more than one during a rotation. Empty = refuse every delivery. */
  secrets(): string[];
  /** Logged at error level, and answered 503, while no secret is configured. */
  missingSecret: { fix: string; logMessage: string; message: string };
  /** Headers every delivery must carry (400 `missing_headers` names the absent ones). */
  requiredHeaders: readonly string[];
  /** Required headers whose value must also match a pattern (400 `invalid_header`). */
  headerPatterns?: Readonly<Record<string, RegExp>>;
  /** Checks the signature over the raw body; null when it is valid. */
  verify(input: SignedDelivery): Promise<WebhookRejection | null>;
  /** Validates the signed JSON and says what to do with it. */
  interpret(json: unknown, context: InterpretContext): Promise<WebhookVerdict>;
  /** The deduplication key of an event: from signed bytes only, never from a header. */
  claimId(event: SupportEvent): string;
  /** The answer that makes this helpdesk retry a delivery whose claim is still pending. */
  busyStatus: 409 | 503;
}

export interface SignedDelivery {
  /** The request body exactly as received, before any JSON parsing. */
  rawBody: string;
  header(name: string): string | undefined;
  secrets: string[];
  now: Date;
}

export interface InterpretContext {
  header(name: string): string | undefined;
  now: Date;
  /** How long an accepted event stays claimed; signed timestamps older than this cannot be deduplicated. */
  claimTtlSeconds: number;
  log: Logger;
  /** Adds ids (never bodies) to this delivery's one log line, whatever the answer turns out to be. */
  trace(fields: LogFields): void;
}

/** A refusal: the status, a stable error code, a message naming the fix, extra log fields. */
export interface WebhookRejection {
  status: 400 | 401 | 503;
  error: string;
  message: string;
  log?: LogFields;
}

export type WebhookVerdict =
  | { accept: SupportEvent }
  /** Acknowledged without a claim (ignored, pong, a format no retry can fix): 200 with this body. */
  | { acknowledge: Record<string, unknown>; log?: LogFields }
  | { reject: WebhookRejection };
