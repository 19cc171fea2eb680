import type { Logger } from "../lib/logger.ts";
import {
  AnthropicApiError,
  AnthropicConnectionError,
  AnthropicResponseError,
  AnthropicTimeoutError,
} from "./anthropic-errors.ts";
import { anthropicRetryDelayMs, shouldRetryStatus } from "./anthropic-retry-delay.ts";
import type { Message, MessagesRequest } from "./messages-api.ts";
import { readMessage } from "./read-message.ts";

export const DEFAULT_ANTHROPIC_BASE_URL = "https://api.anthropic.com";
/**
 * Retries after the first attempt: 408/409/429/5xx, timeouts and connection failures; each attempt gets
 * the full timeout.
 */
export const MAX_RETRIES = 2;
export const ANTHROPIC_VERSION = "2026-10-21";

export interface AnthropicClientOptions {
  apiKey: string;
  baseURL?: string;
  fetch?: typeof fetch;
  log: Logger;
  timeoutMs: number;
  /** Injectable for tests; defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** [0, 1), the backoff's jitter; injectable for tests. */
  random?: () => number;
}

/** The one endpoint Deskmate calls. */
export interface AnthropicClient {
  /** One message, retried as MAX_RETRIES says; throws an AnthropicApiError (or a subclass) when it fails. */
  createMessage(request: MessagesRequest, options?: { timeoutMs?: number }): Promise<Message>;
}

type Attempt =
  | { ok: true; message: Message }
  | { ok: false; error: AnthropicApiError; retryable: boolean; headers: Headers | null; timedOut: boolean };

/**
 * The Messages API client every model caller uses (`POST {baseURL}/v1/messages`, non-streaming): the key
 * as a Bearer token and the `anthropic-version` the last SDK in use (1.12.0) sent, so the wire stays as
 * it was; a timeout per attempt; bounded retries that honour the API's `retry-after-ms` / `retry-after`
 * and `x-should-retry`. A retry logs the status and the wait.
 */
export function anthropicClient(options: AnthropicClientOptions): AnthropicClient {
  // Called through a closure: workerd throws "Illegal invocation" when fetch is detached from globalThis.
  const fetchFn: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const url = `${(options.baseURL ?? DEFAULT_ANTHROPIC_BASE_URL).replace(/\/+$/, "")}/v1/messages`;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;

  async function send(body: string, timeoutMs: number): Promise<Attempt> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetchFn(url, {
        method: "POST",
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          "anthropic-version": ANTHROPIC_VERSION,
          "content-type": "application/json",
          accept: "application/json",
          // The client's timeout in whole seconds, as the official SDKs tell the API; not a secret.
          "x-stainless-timeout": String(Math.trunc(timeoutMs / 1000)),
        },
        body,
        signal: controller.signal,
      });
      if (!response.ok) {
        const errorType = await readErrorType(response);
        return {
          ok: false,
          error: new AnthropicApiError(response.status, errorType),
          retryable: shouldRetryStatus(response.status, response.headers),
          headers: response.headers,
          timedOut: false,
        };
      }
      const message = readMessage(await response.json().catch(() => null));
      if (message) return { ok: true, message };
      // The body stopped arriving before the timeout fired: a timeout like any other, so retried.
      if (controller.signal.aborted) return failedToAnswer(true);
      return {
        ok: false,
        error: new AnthropicResponseError(response.status),
        retryable: false,
        headers: null,
        timedOut: false,
      };
    } catch {
      // The error's own text can carry the URL and request details: only whether it timed out is kept.
      return failedToAnswer(controller.signal.aborted);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async createMessage(request, call = {}) {
      const timeoutMs = call.timeoutMs ?? options.timeoutMs;
      const body = JSON.stringify(request);
      for (let retry = 0; ; retry++) {
        const attempt = await send(body, timeoutMs);
        if (attempt.ok) return attempt.message;
        if (!attempt.retryable || retry >= MAX_RETRIES) {
          throw attempt.timedOut ? new AnthropicTimeoutError(retry + 1) : attempt.error;
        }
        const delayMs = Math.round(anthropicRetryDelayMs(retry, attempt.headers, random));
        options.log.warn("model request failed; retrying", {
          status: attempt.error.status ?? (attempt.timedOut ? "timeout" : "unreachable"),
          ...(attempt.error.errorType ? { error_type: attempt.error.errorType } : {}),
          attempt: retry + 1,
          delay_ms: delayMs,
        });
        await sleep(delayMs);
      }
    },
  };
}

function failedToAnswer(timedOut: boolean): Attempt {
  return { ok: false, error: new AnthropicConnectionError(), retryable: true, headers: null, timedOut };
}

/** `{"type":"error","error":{"type":"overloaded_error",...}}`: the type is safe to log, the message is not. */
async function readErrorType(response: Response): Promise<string | null> {
  const body = (await response.json().catch(() => null)) as { error?: { type?: unknown } } | null;
  return typeof body?.error?.type === "string" ? body.error.type : null;
}
