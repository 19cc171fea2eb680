import type { RateLimitObservation } from "../../state/request-governor.ts";

/**
 * The account's budget as a Zendesk response states it: `X-Rate-Limit` (requests per minute for the
 * account's plan) and `X-Rate-Limit-Remaining` (left this minute, everyone's requests counted). Null when
 * the response has no usable limit.
 */
export function zendeskRateLimit(headers: Headers): RateLimitObservation | null {
  const limit = count(headers.get("x-rate-limit"));
  if (limit === undefined || limit === 0) return null;
  const remaining = count(headers.get("x-rate-limit-remaining"));
  return remaining === undefined ? { limit } : { limit, remaining };
}

function count(header: string | null): number | undefined {
  const text = header?.trim();
  return text && /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}
