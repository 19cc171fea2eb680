import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { LogFields, Logger } from "../lib/logger.ts";

/**
 * The one JSON answer and the one log line of a webhook delivery: status, outcome, whatever the
 * route traced (ids, topic), and the elapsed time. Errors log at error level, rejections at warn.
 * With `defer` (the runtime's waitUntil) the line is written after the answer has gone out: under
 * `wrangler dev` writing it cost about 2.6 ms of a 13 ms acknowledgement, and nothing in the answer
 * depends on it. The elapsed time is taken when the answer is built, so it still measures the answer.
 */
export function deliveryResponder<S extends ContentfulStatusCode>(
  c: Context,
  log: Logger,
  name: string,
  defer?: (work: Promise<unknown>) => void,
) {
  const startedAt = performance.now();
  const trace: LogFields = {};
  const done = (status: S, body: Record<string, unknown>, extra: LogFields = {}): Response => {
    const fields = {
      status,
      outcome: body.status ?? body.error,
      ...trace,
      ...extra,
      elapsed_ms: Math.round(performance.now() - startedAt),
    };
    const write = () => {
      if (status >= 500) log.error(name, fields);
      else if (status >= 400) log.warn(name, fields);
      else log.info(name, fields);
    };
    // A timer, not a microtask: a microtask would still run before the runtime sends the answer.
    if (defer) defer(new Promise((resolve) => setTimeout(resolve, 0)).then(write));
    else write();
    return c.json(body, status);
  };
  const reject = (status: S, error: string, message: string, extra?: LogFields): Response =>
    done(status, { error, message }, extra);
  return { trace, done, reject };
}
