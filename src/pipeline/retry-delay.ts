import type { DeskmateError } from "../lib/errors.ts";

/**
 * Queue retry delay: what the failing side asked for (Retry-After, lock wait) or exponential backoff by
 * attempt with jitter, capped at 5 minutes.
 */
export function retryDelaySeconds(error: DeskmateError, attempt: number, random: () => number = Math.random): number {
  if (error.retryAfterSeconds !== undefined) return Math.min(Math.max(1, Math.ceil(error.retryAfterSeconds)), 300);
  const base = Math.min(300, 2 ** Math.min(attempt, 8) * 5);
  return Math.max(1, Math.round(base / 2 + (random() * base) / 2));
}
