import type { Context } from "hono";
import type { Logger } from "../../lib/logger.ts";
import type { FieldProblem } from "./validate-setting-values.ts";
import { verifyBearerToken } from "./verify-bearer-token.ts";

const MISSING_TOKEN_FIX =
  "DESKMATE_ADMIN_TOKEN is not configured, so the admin endpoints refuse every request. Fix: run " +
  "`wrangler secret put DESKMATE_ADMIN_TOKEN` with a long random value (e.g. `openssl rand -hex 32`); " +
  "locally, put it in .dev.vars.";

/**
 * The gate of every admin endpoint: the token must be configured (503 otherwise, with the fix in the
 * log) and presented as `Authorization: Bearer <token>` (401 otherwise). Null means: go on.
 */
export async function refuseAdminRequest(c: Context, token: string | undefined, log: Logger): Promise<Response | null> {
  const expected = token?.trim();
  if (!expected) {
    log.error(MISSING_TOKEN_FIX, { fix: "wrangler secret put DESKMATE_ADMIN_TOKEN" });
    return c.json(
      { error: "admin_token_missing", message: "the admin endpoints are not configured on this worker" },
      503,
    );
  }
  if (await verifyBearerToken(c.req.header("authorization"), expected)) return null;
  log.warn("admin request refused", {
    method: c.req.method,
    reason: c.req.header("authorization") ? "wrong_token" : "no_token",
  });
  c.header("WWW-Authenticate", 'Bearer realm="deskmate-admin"');
  return c.json({ error: "unauthorized", message: "send Authorization: Bearer <DESKMATE_ADMIN_TOKEN>" }, 401);
}

/** 400 naming every bad field or parameter at once. */
export function invalidRequest(c: Context, fields: FieldProblem[]): Response {
  return c.json({ error: "invalid_request", message: "fix the fields listed", fields }, 400);
}
