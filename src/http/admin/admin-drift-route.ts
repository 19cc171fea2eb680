import type { Context } from "hono";
import type { Logger } from "../../lib/logger.ts";
import type { DriftLedger } from "../../ports/drift-ledger.ts";
import { invalidRequest, refuseAdminRequest } from "./admin-gate.ts";
import { boundLedger, jsonBody, ledgerFailed } from "./ledger-answers.ts";
import { ADMIN_REVIEWER } from "./admin-reviews-route.ts";
import { DRIFT_RUNS_DEFAULT, driftReport } from "./drift-report.ts";
import { goldenCaseBody } from "./golden-case-body.ts";
import type { FieldProblem } from "./validate-setting-values.ts";

export interface AdminDriftDeps {
  adminToken: () => string | undefined;
  /** The drift check's tables of the ledger; null when no D1 database is bound as LEDGER. */
  driftLedger: () => DriftLedger | null;
  logger: Logger;
  now?: () => Date;
}

type Handler = (c: Context) => Promise<Response>;

export const ADMIN_DRIFT_PATHS = { drift: "/admin/drift", goldenCases: "/admin/golden-cases" } as const;

const NO_LEDGER = "LEDGER (D1) is not bound: the drift check keeps its golden cases and runs there";
const ACCOUNT = /^[A-Za-z0-9_.-]{1,64}$/;

/** Why a decision cannot become a golden case, in words an admin can act on. */
export const REFUSAL_TEXT = {
  unknown_decision: "no decision with this event_id in this account; take event_id from GET /admin/review-queue",
  no_excerpt: "this decision kept no message excerpt (decided before excerpts were kept); pick a newer one",
} as const;

/**
 * The drift check's admin API. `GET /admin/drift?platform=&account=[&runs=]` answers the account's
 * golden set size, the pass^k rate of its newest runs (counts and 95% Wilson interval) and the last
 * run's results, failing cases first. `POST /admin/golden-cases` adds a decision of the review queue
 * to the golden set with the outcome it should have reached (201; 404 for an unknown decision, 422
 * when its row kept no excerpt). Gates as the other ledger routes: admin token (503/401), every bad
 * parameter named (400), ledger bound (503).
 */
export function adminDriftHandlers(deps: AdminDriftDeps): { drift: Handler; addCase: Handler } {
  const now = deps.now ?? (() => new Date());

  const driftLog = deps.logger.child({ route: ADMIN_DRIFT_PATHS.drift });
  const drift: Handler = async (c) => {
    const refused = await refuseAdminRequest(c, deps.adminToken(), driftLog);
    if (refused) return refused;
    const problems: FieldProblem[] = [];
    const platform = c.req.query("platform");
    if (platform !== "zendesk" && platform !== "intercom") {
      problems.push({ name: "platform", message: "required: zendesk or intercom" });
    }
    const account = c.req.query("account") ?? "";
    if (!ACCOUNT.test(account)) {
      problems.push({ name: "account", message: "required: the Zendesk subdomain or the Intercom workspace id" });
    }
    const rawRuns = c.req.query("runs");
    const runs = rawRuns === undefined ? DRIFT_RUNS_DEFAULT : Number(rawRuns);
    if (!Number.isInteger(runs) || runs < 1 || runs > 365) {
      problems.push({ name: "runs", message: `a whole number from 1 to 365 (default ${DRIFT_RUNS_DEFAULT})` });
    }
    if (problems.length) return invalidRequest(c, problems);
    const ledger = boundLedger(c, deps.driftLedger(), driftLog, NO_LEDGER);
    if (ledger instanceof Response) return ledger;
    const started = performance.now();
    try {
      const report = await driftReport(ledger, { platform: platform as "zendesk" | "intercom", account }, runs);
      driftLog.info("drift report", {
        platform,
        account,
        runs: report.runs.length,
        read_ms: Math.round(performance.now() - started),
      });
      return c.json(report, 200);
    } catch (cause) {
      return ledgerFailed(c, driftLog, cause, "read");
    }
  };

  const caseLog = deps.logger.child({ route: ADMIN_DRIFT_PATHS.goldenCases });
  const addCase: Handler = async (c) => {
    const refused = await refuseAdminRequest(c, deps.adminToken(), caseLog);
    if (refused) return refused;
    const read = await jsonBody(c);
    if (read instanceof Response) return read;
    const { json } = read;
    const body = goldenCaseBody(json);
    if (!body.ok) return invalidRequest(c, body.problems);
    const ledger = boundLedger(c, deps.driftLedger(), caseLog, NO_LEDGER);
    if (ledger instanceof Response) return ledger;
    const { platform, account, decisionEventId, outcome, reasons } = body.request;
    const ids = { platform, account, event_id: decisionEventId };
    try {
      const added = await ledger.addGoldenCase({
        platform,
        account,
        decisionEventId,
        expect: { outcomes: [outcome], reasons },
        addedBy: ADMIN_REVIEWER,
        addedAt: now().toISOString(),
      });
      if (typeof added === "string") {
        caseLog.warn("golden case refused", { ...ids, reason: added });
        return c.json({ error: added, message: REFUSAL_TEXT[added] }, added === "unknown_decision" ? 404 : 422);
      }
      caseLog.info("golden case added", { ...ids, case_id: added.id, expected_outcome: outcome });
      return c.json({ case: added }, 201);
    } catch (cause) {
      return ledgerFailed(c, caseLog, cause, "written");
    }
  };

  return { drift, addCase };
}
