import type { Context } from "hono";
import type { Platform } from "../../domain/support-event.ts";
import { toDeskmateError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import type { Ledger } from "../../ports/ledger.ts";
import { NO_LEDGER } from "./admin-decisions-route.ts";
import { invalidRequest, refuseAdminRequest } from "./admin-gate.ts";
import { canaryExperimentReport } from "./canary-experiment-report.ts";
import { experimentReport } from "./experiment-report.ts";
import { parseLedgerParams } from "./ledger-query-params.ts";

export interface AdminExperimentDeps {
  adminToken: () => string | undefined;
  /** The outcome ledger; null when no D1 database is bound as LEDGER. */
  ledger: () => Ledger | null;
  /** The account's `experiment_min_samples` setting, resolved as the pipeline resolves it. */
  minSamples: (platform: Platform, account: string) => Promise<number>;
  logger: Logger;
}

export const ADMIN_EXPERIMENT_PATH = "/admin/experiment";

/**
 * `GET /admin/experiment?platform=&account=&from=&to=`: the assistant arm against the control arm
 * (README, "Graduated rollout"); with `compare=canary`, each canary fingerprint against the current
 * settings over the same span. The same gates as `/admin/metrics`: admin token (503/401), every bad
 * parameter named (400), ledger and settings readable (503).
 */
export function adminExperimentHandler(deps: AdminExperimentDeps): (c: Context) => Promise<Response> {
  const log = deps.logger.child({ route: ADMIN_EXPERIMENT_PATH });
  return async (c) => {
    const refused = await refuseAdminRequest(c, deps.adminToken(), log);
    if (refused) return refused;
    const params = parseLedgerParams((name) => c.req.query(name), { paged: false });
    const compare = c.req.query("compare") ?? "arms";
    const compareProblem =
      compare === "arms" || compare === "canary"
        ? []
        : [{ name: "compare", message: "use arms (the default: assistant against control) or canary" }];
    if (!params.ok || compareProblem.length) {
      return invalidRequest(c, [...(params.ok ? [] : params.problems), ...compareProblem]);
    }
    const ledger = deps.ledger();
    if (!ledger) {
      log.error(NO_LEDGER);
      return c.json({ error: "ledger_missing", message: NO_LEDGER }, 503);
    }
    const { platform, account, from, to } = params.query;
    const ids = { platform, account };
    let minSamples: number;
    try {
      minSamples = await deps.minSamples(platform, account);
    } catch (cause) {
      const error = toDeskmateError(cause);
      log.error("settings read failed", { ...ids, error_code: error.code, error });
      return c.json(
        { error: "settings_unavailable", message: "the account's settings could not be read; retry later" },
        503,
      );
    }
    try {
      const query = { platform, account, from, to };
      if (compare === "canary") {
        const { report, trace } = await canaryExperimentReport(ledger, query, minSamples);
        log.info("canary experiment report", { ...ids, ...report.range, ...trace });
        return c.json(report, 200);
      }
      const { report, trace } = await experimentReport(ledger, query, minSamples);
      log.info("experiment report", { ...ids, ...report.range, verdict: report.verdict, ...trace });
      return c.json(report, 200);
    } catch (cause) {
      const error = toDeskmateError(cause);
      log.error("ledger read failed", { ...ids, error_code: error.code, error });
      return c.json({ error: "ledger_unavailable", message: "the ledger could not be read; retry later" }, 503);
    }
  };
}
