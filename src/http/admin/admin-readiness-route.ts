import type { Context } from "hono";
import type { Settings } from "../../config/settings-schema.ts";
import type { Platform } from "../../domain/support-event.ts";
import { toDeskmateError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import type { Ledger } from "../../ports/ledger.ts";
import { NO_LEDGER } from "./admin-decisions-route.ts";
import { invalidRequest, refuseAdminRequest } from "./admin-gate.ts";
import { parseLedgerParams } from "./ledger-query-params.ts";
import { readinessReport } from "./readiness-report.ts";

export interface AdminReadinessDeps {
  adminToken: () => string | undefined;
  ledger: () => Ledger | null;
  /** The account's settings as the pipeline resolves them (threshold and minimum samples). */
  settings: (platform: Platform, account: string) => Promise<Settings>;
  logger: Logger;
}

export const ADMIN_READINESS_PATH = "/admin/readiness";

/**
 * `GET /admin/readiness`: per intent category, how often the shadow and draft decisions of the range
 * agreed with what the humans then did, with Wilson 95% intervals, and whether the category is ready
 * for autosend (README, "Graduated rollout"). Same parameters and answers as GET /admin/metrics:
 * admin token (503/401), every bad parameter named (400), ledger bound (503), settings and ledger
 * readable (503).
 */
export function adminReadinessHandler(deps: AdminReadinessDeps): (c: Context) => Promise<Response> {
  const log = deps.logger.child({ route: ADMIN_READINESS_PATH });
  return async (c) => {
    const refused = await refuseAdminRequest(c, deps.adminToken(), log);
    if (refused) return refused;
    const params = parseLedgerParams((name) => c.req.query(name), { paged: false });
    if (!params.ok) return invalidRequest(c, params.problems);
    const ledger = deps.ledger();
    if (!ledger) {
      log.error(NO_LEDGER);
      return c.json({ error: "ledger_missing", message: NO_LEDGER }, 503);
    }
    const { platform, account, from, to } = params.query;
    const ids = { platform, account };
    let settings: Settings;
    try {
      settings = await deps.settings(platform, account);
    } catch (cause) {
      const error = toDeskmateError(cause);
      log.error("settings read failed", { ...ids, error_code: error.code, error });
      return c.json(
        { error: "settings_unavailable", message: "the account's settings could not be read; retry later" },
        503,
      );
    }
    try {
      const { report, trace } = await readinessReport(ledger, { platform, account, from, to }, settings);
      log.info("readiness report", { ...ids, ...report.range, ...trace, ready: report.ready_categories.length });
      return c.json(report, 200);
    } catch (cause) {
      const error = toDeskmateError(cause);
      log.error("ledger read failed", { ...ids, error_code: error.code, error });
      return c.json({ error: "ledger_unavailable", message: "the ledger could not be read; retry later" }, 503);
    }
  };
}
