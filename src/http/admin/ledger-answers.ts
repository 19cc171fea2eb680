import type { Context } from "hono";
import { toDeskmateError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import { NO_LEDGER } from "./admin-decisions-route.ts";
import { invalidRequest } from "./admin-gate.ts";

/*
 * The answers every admin route over the ledger gives the same way: no ledger bound, a ledger that
 * failed, and a body that is not JSON. One wording and one log line each, whichever route answers.
 */

/** The bound ledger, or the 503 that says none is bound (logged); `missing` may say what needs it. */
export function boundLedger<L>(c: Context, ledger: L | null, log: Logger, missing = NO_LEDGER): L | Response {
  if (ledger) return ledger;
  log.error(missing);
  return c.json({ error: "ledger_missing", message: missing }, 503);
}

/** The 503 for a ledger read or write that failed (logged with its error code). */
export function ledgerFailed(c: Context, log: Logger, cause: unknown, what: "read" | "written"): Response {
  const error = toDeskmateError(cause);
  log.error(`ledger ${what === "read" ? "read" : "write"} failed`, { error_code: error.code, error });
  return c.json({ error: "ledger_unavailable", message: `the ledger could not be ${what}; retry later` }, 503);
}

/** The request's JSON body, or the 400 that names `(body)` and how to send it. */
export async function jsonBody(c: Context): Promise<{ json: unknown } | Response> {
  try {
    return { json: await c.req.json() };
  } catch {
    return invalidRequest(c, [{ name: "(body)", message: "send a JSON object with content-type application/json" }]);
  }
}
