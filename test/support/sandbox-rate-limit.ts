import { getResponse, http, type RequestHandler } from "msw";

export type RateLimitStyle = "zendesk" | "intercom";

const WINDOW_SECONDS: Record<RateLimitStyle, number> = { zendesk: 60, intercom: 10 };

/**
 * Every answer of a sandbox carries its helpdesk's rate-limit headers, as the real APIs do: Zendesk
 * `X-Rate-Limit` / `X-Rate-Limit-Remaining` per minute, Intercom `X-RateLimit-Limit` / `-Remaining` /
 * `-Reset` per 10-second window. Remaining counts the sandbox's own requests in the window (system time,
 * so a test with a fixed sandbox clock never runs dry). The default limit is a large plan's, so flows that
 * send many messages are not held back; `setLimit` makes it small.
 */
export function sandboxRateLimit(
  style: RateLimitStyle,
  anything: RegExp,
  inner: RequestHandler[],
  defaultLimit: number,
) {
  const windowMs = WINDOW_SECONDS[style] * 1000;
  let limit = defaultLimit;
  let window = -1;
  let used = 0;
  const handler: RequestHandler = http.all(anything, async ({ request }) => {
    const response = await getResponse(inner, request as Request);
    if (!response) return undefined;
    const now = Date.now();
    const current = Math.floor(now / windowMs);
    if (current !== window) {
      window = current;
      used = 0;
    }
    used += 1;
    const remaining = String(Math.max(0, limit - used));
    const headers = new Headers(response.headers);
    // A fault injected with its own rate-limit headers (a 429 with X-RateLimit-Reset) keeps them.
    const set = (name: string, value: string) => {
      if (!headers.has(name)) headers.set(name, value);
    };
    if (style === "zendesk") {
      set("X-Rate-Limit", String(limit));
      set("X-Rate-Limit-Remaining", remaining);
    } else {
      set("X-RateLimit-Limit", String(limit));
      set("X-RateLimit-Remaining", remaining);
      set("X-RateLimit-Reset", String(((current + 1) * windowMs) / 1000));
    }
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  });
  return {
    handler,
    /** The limit the next answers state (requests per window). */
    setLimit(next: number) {
      limit = next;
    },
    reset() {
      limit = defaultLimit;
      window = -1;
      used = 0;
    },
  };
}
