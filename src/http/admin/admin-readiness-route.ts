import type { Context } from "hono";
import type { Settings } from "../../config/settings-schema.ts";
import type { Platform } from "../../domain/support-event.ts";
import type { Logger } from "../../lib/logger.ts";
import type { Ledger } from "../../ports/ledger.ts";
import { ledgerReportHandler } from "./ledger-report-handler.ts";
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
  return ledgerReportHandler({
    route: ADMIN_READINESS_PATH,
    adminToken: deps.adminToken,
    ledger: deps.ledger,
    settings: deps.settings,
    logger: deps.logger,
    report: async (_c, ledger, query, settings) => {
      const { report, trace } = await readinessReport(ledger, query, settings);
      return {
        body: report,
        message: "readiness report",
        fields: { ...report.range, ...trace, ready: report.ready_categories.length },
      };
    },
  });
}
