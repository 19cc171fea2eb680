import type { Context } from "hono";
import type { Platform } from "../../domain/support-event.ts";
import type { Logger } from "../../lib/logger.ts";
import type { Ledger } from "../../ports/ledger.ts";
import { canaryExperimentReport } from "./canary-experiment-report.ts";
import { experimentReport } from "./experiment-report.ts";
import { ledgerReportHandler } from "./ledger-report-handler.ts";

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
  const compareOf = (c: Context) => c.req.query("compare") ?? "arms";
  return ledgerReportHandler({
    route: ADMIN_EXPERIMENT_PATH,
    adminToken: deps.adminToken,
    ledger: deps.ledger,
    settings: deps.minSamples,
    logger: deps.logger,
    extraProblems: (c) =>
      compareOf(c) === "arms" || compareOf(c) === "canary"
        ? []
        : [{ name: "compare", message: "use arms (the default: assistant against control) or canary" }],
    report: async (c, ledger, query, minSamples) => {
      if (compareOf(c) === "canary") {
        const { report, trace } = await canaryExperimentReport(ledger, query, minSamples);
        return { body: report, message: "canary experiment report", fields: { ...report.range, ...trace } };
      }
      const { report, trace } = await experimentReport(ledger, query, minSamples);
      return {
        body: report,
        message: "experiment report",
        fields: { ...report.range, verdict: report.verdict, ...trace },
      };
    },
  });
}
