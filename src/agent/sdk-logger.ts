import type { Logger } from "../lib/logger.ts";

type SdkLogFn = (message: string, ...rest: unknown[]) => void;

/**
 * Routes the Anthropic SDK's own warnings into our JSON lines. Only the message is kept: at debug
 * level the SDK passes request details (headers, bodies) as extra arguments, and those never get logged.
 */
export function sdkLogger(logger: Logger): { error: SdkLogFn; warn: SdkLogFn; info: SdkLogFn; debug: SdkLogFn } {
  const line = (message: string) => ({ sdk_message: String(message).slice(0, 300) });
  return {
    error: (message) => logger.error("anthropic sdk", line(message)),
    warn: (message) => logger.warn("anthropic sdk", line(message)),
    info: () => {},
    debug: () => {},
  };
}
