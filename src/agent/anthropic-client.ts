import Anthropic from "@anthropic-ai/sdk";
import type { Logger } from "../lib/logger.ts";
import { sdkLogger } from "./sdk-logger.ts";

export const DEFAULT_ANTHROPIC_BASE_URL = "https://api.anthropic.com";
/** The SDK retries 408/409/429/5xx and timeouts with backoff; each attempt gets the full timeout. */
export const MAX_RETRIES = 2;

/** The Messages API client every model caller uses: same retries, same logging, its own timeout. */
export function anthropicClient(options: {
  apiKey: string;
  baseURL?: string;
  fetch?: typeof fetch;
  log: Logger;
  timeoutMs: number;
}): Anthropic {
  // Called through a closure: workerd throws "Illegal invocation" when fetch is detached from globalThis.
  const fetchFn: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  return new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? DEFAULT_ANTHROPIC_BASE_URL,
    maxRetries: MAX_RETRIES,
    timeout: options.timeoutMs,
    fetch: fetchFn,
    logger: sdkLogger(options.log),
    logLevel: "warn",
  });
}
