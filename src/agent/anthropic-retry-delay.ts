/** Backoff of the first retry; each later one doubles, up to the cap. */
const INITIAL_RETRY_DELAY_MS = 500;
/** The longest backoff between two attempts (the ticket lock's time budget counts on it). */
export const MAX_RETRY_DELAY_MS = 8_000;
/** The longest wait one timer can hold; a longer or unreadable Retry-After falls back to the backoff. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Whether a failed answer is worth another attempt: the API's `x-should-retry` header when it sends one,
 * else 408 (request timeout), 409 (lock timeout), 429 (rate limit) and every 5xx (529 is "overloaded").
 */
export function shouldRetryStatus(status: number, headers: Headers): boolean {
  const hint = headers.get("x-should-retry");
  if (hint === "true") return true;
  if (hint === "false") return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * The wait before retry number `retry` (0 for the first): what the API asked for (`retry-after-ms`, else
 * `retry-after` in seconds or as an HTTP date), or exponential backoff from 0.5 s up to 8 s with up to 25%
 * jitter taken off, so isolates that failed together do not come back together.
 */
export function anthropicRetryDelayMs(
  retry: number,
  headers: Headers | null,
  random: () => number = Math.random,
  now: number = Date.now(),
): number {
  const asked = askedDelayMs(headers, now);
  if (asked !== null && asked > 0 && asked <= MAX_TIMER_MS) return asked;
  const backoff = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** retry, MAX_RETRY_DELAY_MS);
  return backoff * (1 - random() * 0.25);
}

function askedDelayMs(headers: Headers | null, now: number): number | null {
  const ms = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (!Number.isNaN(ms) && ms !== 0) return ms;
  const after = headers?.get("retry-after");
  if (!after) return null;
  const seconds = Number.parseFloat(after);
  if (!Number.isNaN(seconds)) return seconds * 1000;
  const at = Date.parse(after);
  return Number.isNaN(at) ? null : at - now;
}
