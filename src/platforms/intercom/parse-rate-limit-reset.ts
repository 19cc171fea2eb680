/**
 * Seconds to wait from Intercom's `X-RateLimit-Reset` header: the unix time (seconds) when the
 * current rate-limit window ends. Intercom answers 429 with it instead of Retry-After
 * (developers.intercom.com, "Rate limiting"; windows are 10 seconds). A reset already past means
 * "now" (0). Undefined when absent or unreadable, so the caller falls back to backoff.
 */
export function parseRateLimitReset(header: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  const raw = header?.trim();
  if (!raw || !/^\d+(\.\d+)?$/.test(raw)) return undefined;
  return Math.max(0, Math.ceil(Number(raw) - nowMs / 1000));
}
