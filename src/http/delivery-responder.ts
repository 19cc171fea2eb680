import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { LogFields, Logger } from "../lib/logger.ts";

/**
 * The one JSON answer and the one log line of a webhook delivery: status, outcome, whatever the
 * route traced (ids, topic), and the elapsed time. Errors log at error level, rejections at warn.
 */
export function deliveryResponder<S extends ContentfulStatusCode>(c: Context, log: Logger, name: string) {
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
    if (status >= 500) log.error(name, fields);
    else if (status >= 400) log.warn(name, fields);
    else log.info(name, fields);
    return c.json(body, status);
  };
  const reject = (status: S, error: string, message: string, extra?: LogFields): Response =>
    done(status, { error, message }, extra);
  return { trace, done, reject };
}
