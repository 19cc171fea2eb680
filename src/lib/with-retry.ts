import type { Logger } from "./logger.ts";
import { HelpdeskError } from "./errors.ts";

export interface RetryOptions {
  /** Total attempts including the first. Default 4. */
  maxAttempts?: number;
  /** Backoff base: attempt n waits up to base * 2^(n-1). Default 500 ms. */
  baseDelayMs?: number;
  /** Cap of one backoff wait. Default 8 s. */
  maxDelayMs?: number;
  /**
   * Longest Retry-After honoured in-process. A longer one ends the attempts at once: the error keeps
   * `retryAfterSeconds` so the queue can come back later instead of holding the ticket lock. Default 30 s.
   */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** [0, 1); injectable so tests get fixed jitter. */
  random?: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; error: HelpdeskError }) => void;
}

/** Defaults of the options above, exported for the ticket lock's time budget. */
export const DEFAULT_MAX_ATTEMPTS = 4;
export const DEFAULT_MAX_RETRY_AFTER_MS = 30_000;

/**
 * A helpdesk client's retry options: the tuning it was given, injected sleep and jitter (tests), and
 * one warning per retry naming the helpdesk, the operation, the status and the wait.
 */
export function loggedRetryOptions(
  helpdesk: string,
  options: {
    retry?: Omit<RetryOptions, "sleep" | "random" | "onRetry">;
    sleep?: (ms: number) => Promise<void>;
    random?: () => number;
  },
  log: Logger,
): RetryOptions {
  return {
    ...options.retry,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
    onRetry: ({ attempt, delayMs, error }) =>
      log.warn(`${helpdesk} call failed; retrying`, {
        operation: error.operation,
        status: error.status,
        attempt,
        delay_ms: delayMs,
      }),
  };
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Bounded retry for helpdesk calls: 408, 429, 5xx and network errors (HelpdeskError.retryable) are
 * retried with exponential backoff and full jitter, or after the Retry-After the helpdesk sent (Zendesk
 * sometimes answers 429 without it: PLATFORM.md, rate limits). Anything else is thrown at once.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (!(error instanceof HelpdeskError) || !error.retryable || attempt >= maxAttempts) throw error;
      const delayMs = retryDelayMs(error, attempt, options);
      if (delayMs === null) throw error;
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}

/** The wait before the next attempt, or null when the helpdesk asked for longer than we wait in-process. */
export function retryDelayMs(error: HelpdeskError, attempt: number, options: RetryOptions = {}): number | null {
  if (error.retryAfterSeconds !== undefined) {
    const ms = Math.ceil(error.retryAfterSeconds * 1000);
    return ms > (options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS) ? null : ms;
  }
  const ceiling = Math.min(options.maxDelayMs ?? 8_000, (options.baseDelayMs ?? 500) * 2 ** (attempt - 1));
  return Math.floor((options.random ?? Math.random)() * ceiling);
}
