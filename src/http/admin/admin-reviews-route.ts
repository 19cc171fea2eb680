import type { Context } from "hono";
import type { Logger } from "../../lib/logger.ts";
import type { Ledger } from "../../ports/ledger.ts";
import { invalidRequest, refuseAdminRequest } from "./admin-gate.ts";
import { boundLedger, jsonBody, ledgerFailed } from "./ledger-answers.ts";
import { parseLedgerParams } from "./ledger-query-params.ts";
import { reviewVerdictBody } from "./review-verdict-body.ts";

export interface AdminReviewsDeps {
  adminToken: () => string | undefined;
  /** The outcome ledger; null when no D1 database is bound as LEDGER. */
  ledger: () => Ledger | null;
  logger: Logger;
  now?: () => Date;
}

type Handler = (c: Context) => Promise<Response>;

export const ADMIN_REVIEWS_PATHS = { queue: "/admin/review-queue", reviews: "/admin/reviews" } as const;

/** "Review the first fifty escalations by hand": the queue's default page. */
export const QUEUE_DEFAULT_LIMIT = 50;
/** Whoever holds the admin token reviews as "admin"; helpdesk users rate from their own apps. */
export const ADMIN_REVIEWER = "admin";

/**
 * The review loop over the ledger. `GET /admin/review-queue` lists the escalations and answers of a
 * range that have no verdict yet, oldest first, with their handoff and sources; `POST /admin/reviews`
 * records a verdict (201), replacing the decision's earlier one. Gates as the other ledger routes:
 * admin token (503/401), every bad parameter or field named (400), ledger bound (503); an unknown
 * decision is 404.
 */
export function adminReviewsHandlers(deps: AdminReviewsDeps): { queue: Handler; review: Handler } {
  const now = deps.now ?? (() => new Date());

  const queueLog = deps.logger.child({ route: ADMIN_REVIEWS_PATHS.queue });
  const queue: Handler = async (c) => {
    const refused = await refuseAdminRequest(c, deps.adminToken(), queueLog);
    if (refused) return refused;
    const params = parseLedgerParams((name) => c.req.query(name), { paged: false });
    const rawLimit = c.req.query("limit");
    const limit = rawLimit === undefined ? QUEUE_DEFAULT_LIMIT : Number(rawLimit);
    const limitOk = Number.isInteger(limit) && limit >= 1 && limit <= 1000;
    if (!params.ok || !limitOk) {
      const problems = params.ok ? [] : params.problems;
      const limitProblem = { name: "limit", message: `a whole number from 1 to 1000 (default ${QUEUE_DEFAULT_LIMIT})` };
      return invalidRequest(c, limitOk ? problems : [...problems, limitProblem]);
    }
    const ledger = boundLedger(c, deps.ledger(), queueLog);
    if (ledger instanceof Response) return ledger;
    const { platform, account, from, to } = params.query;
    const started = performance.now();
    try {
      const decisions = await ledger.reviewQueue({ platform, account, from, to, limit });
      queueLog.info("review queue", {
        platform,
        account,
        decisions: decisions.length,
        limit,
        read_ms: Math.round(performance.now() - started),
      });
      return c.json({ decisions }, 200);
    } catch (cause) {
      return ledgerFailed(c, queueLog, cause, "read");
    }
  };

  const reviewLog = deps.logger.child({ route: ADMIN_REVIEWS_PATHS.reviews });
  const review: Handler = async (c) => {
    const refused = await refuseAdminRequest(c, deps.adminToken(), reviewLog);
    if (refused) return refused;
    const read = await jsonBody(c);
    if (read instanceof Response) return read;
    const { json } = read;
    const body = reviewVerdictBody(json);
    if (!body.ok) return invalidRequest(c, body.problems);
    const ledger = boundLedger(c, deps.ledger(), reviewLog);
    if (ledger instanceof Response) return ledger;
    const { platform, account, decisionEventId } = body.verdict;
    const ids = { platform, account, event_id: decisionEventId };
    try {
      const result = await ledger.recordVerdict({
        ...body.verdict,
        reviewer: ADMIN_REVIEWER,
        reviewedAt: now().toISOString(),
      });
      if (result === "unknown_decision") {
        reviewLog.warn("review refused", { ...ids, reason: result });
        return c.json(
          {
            error: "unknown_decision",
            message: "no decision with this event_id in this account; take event_id from GET /admin/review-queue",
          },
          404,
        );
      }
      reviewLog.info("review recorded", {
        ...ids,
        verdict: body.verdict.verdict,
        commented: body.verdict.comment !== null,
      });
      return c.json({ review: await ledger.verdict({ platform, account }, decisionEventId) }, 201);
    } catch (cause) {
      return ledgerFailed(c, reviewLog, cause, "written");
    }
  };

  return { queue, review };
}
