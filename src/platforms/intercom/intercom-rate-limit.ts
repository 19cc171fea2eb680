import type { RateLimitObservation } from "../../state/request-governor.ts";

/**
 * The app's budget as an Intercom response states it: `X-RateLimit-Limit` (requests per 10-second
 * window), `X-RateLimit-Remaining` and `X-RateLimit-Reset` (unix seconds when the window ends). Null when
 * the response has no usable limit.
 */
export function intercomRateLimit(headers: Headers, nowMs: number = Date.now()): RateLimitObservation | null {
  const limit = count(headers.get("x-ratelimit-limit"));
  if (limit === undefined || limit === 0) return null;
  const remaining = count(headers.get("x-ratelimit-remaining"));
  const reset = count(headers.get("x-ratelimit-reset"));
  const resetsAt = reset === undefined ? undefined : reset * 1000;
  return {
    limit,
    ...(remaining === undefined ? {} : { remaining }),
    ...(resetsAt !== undefined && resetsAt > nowMs ? { resetsAt } : {}),
  };
}

function count(header: string | null): number | undefined {
  const text = header?.trim();
  return text && /^\d{1,12}$/.test(text) ? Number(text) : undefined;
}
