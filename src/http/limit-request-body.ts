import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Logger } from "../lib/logger.ts";

/**
 * Per-route request-body limits, in bytes, from what each sender really sends (see PLATFORM.md).
 * A body over its limit is refused before any route reads it: every route verifies a signature or a
 * token over the whole body, so without a limit an unsigned 50 MB body would be buffered first.
 */
export const BODY_LIMITS = {
  /**
   * Event payloads carry the ticket snapshot (description up to 64 kB, subject, tags) plus the new
   * comment (up to 64 kB); trigger payloads are templated by the admin, tags included. 2 MiB holds
   * both texts several times over plus tens of thousands of tags.
   */
  zendeskWebhook: 2 * 1024 * 1024,
  /** A notification carries the conversation with its parts' plain-text bodies; Intercom publishes no cap. */
  intercomWebhook: 2 * 1024 * 1024,
  /** Canvas Kit requests carry the admin, the contact and the conversation object, like a notification. */
  canvasKit: 2 * 1024 * 1024,
  /** The admin settings document is typed by a person: a few short fields and two JSON overrides of a few kB. */
  adminSettings: 256 * 1024,
  /** A review verdict: a few ids and a comment of at most 1,000 characters (4 kB in UTF-8). */
  adminReview: 16 * 1024,
  /** The console's forms (sign-in, sign-out): a token and a CSRF field, a few hundred bytes. */
  consoleForm: 16 * 1024,
  /** The Zendesk app: Zendesk's signed-page form (a JWT and a few ids) and the sidebar's small JSON bodies. */
  zendeskApp: 16 * 1024,
} as const;

/**
 * hono's body-limit middleware with the project's JSON error: 413 naming the limit, whether the body
 * comes with a content-length (refused without reading a byte) or chunked (refused as soon as the
 * count passes the limit; only up to the limit is ever buffered). A body stream that fails while
 * being counted is answered 400 here: otherwise the app's error handler would answer with the
 * error's own status, and Intercom disables a subscription on 410 and throttles it on 429.
 */
export function limitRequestBody(maxBytes: number, what: string, logger: Logger): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      logger.warn("request body over limit", {
        path: pathOf(c),
        limit_bytes: maxBytes,
        content_length: contentLength(c),
      });
      return c.json(
        {
          error: "payload_too_large",
          message: `the request body is larger than the ${formatBytes(maxBytes)} limit of ${what}`,
        },
        413,
      );
    },
  });
  return async function limitedBody(c, next) {
    let passed = false;
    try {
      return await limit(c, async () => {
        passed = true;
        await next();
      });
    } catch (error) {
      if (passed) throw error;
      logger.warn("request body unreadable", {
        path: pathOf(c),
        error_code: error instanceof Error ? error.name : typeof error,
      });
      return c.json({ error: "unreadable_body", message: "the request body could not be read; send it again" }, 400);
    }
  };
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

function pathOf(c: Context): string {
  return new URL(c.req.url).pathname;
}

function contentLength(c: Context): number | null {
  const value = Number(c.req.header("content-length"));
  return Number.isFinite(value) && c.req.header("content-length") !== undefined ? value : null;
}
