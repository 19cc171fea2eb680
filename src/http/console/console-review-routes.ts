import type { Context } from "hono";
import type { DecisionRecord } from "../../domain/ledger.ts";
import { toDeskmateError } from "../../lib/errors.ts";
import { ADMIN_REVIEWER, QUEUE_DEFAULT_LIMIT } from "../admin/admin-reviews-route.ts";
import { reviewVerdictBody } from "../admin/review-verdict-body.ts";
import { type ConsoleReport, consoleReport } from "./console-report.ts";
import { type ConsoleDeps, CONSOLE_PATHS, refuseCsrf, render, setupMissing } from "./console-routes.ts";
import { consoleSession } from "./console-session.ts";
import { CSRF_FIELD, csrfToken, verifyCsrfToken } from "./csrf-token.ts";
import { ESCALATIONS_PATH, escalationsPage } from "./escalations-page.ts";
import { REVIEW_PATH, type ReviewFormError, reviewQueuePage } from "./review-queue-page.ts";

export const CONSOLE_REVIEW_PATHS = { escalations: ESCALATIONS_PATH, review: REVIEW_PATH } as const;

type Handler = (c: Context) => Promise<Response>;

/**
 * The console's Escalations page (`GET /admin/escalations`, the same metricsReport as GET /admin/metrics)
 * and its review queue (`GET /admin/review`, the ledger's reviewQueue, oldest first), whose verdict form
 * posts to `POST /admin/review`: the session's CSRF token, then the same validation and ledger write as
 * `POST /admin/reviews`. Without a signed-in session the pages send the reader to the sign-in form.
 */
export function consoleReviewHandlers(deps: ConsoleDeps): { escalations: Handler; queue: Handler; review: Handler } {
  const log = deps.logger.child({ route: "console" });
  const now = () => (deps.now ?? (() => new Date()))();
  const configuredToken = () => deps.adminToken()?.trim() || undefined;

  /** The signed-in session's CSRF token, or the answer to give instead (setup page or sign-in). */
  const signedIn = async (c: Context): Promise<{ csrf: string; at: Date } | Response> => {
    const token = configuredToken();
    if (!token) return setupMissing(c, log);
    const at = now();
    const s = await consoleSession(c, token, at.getTime());
    if (s.state.kind !== "valid" || !s.state.session.signedIn) return c.redirect(CONSOLE_PATHS.page, 303);
    return { csrf: await csrfToken(s.key, s.state.session.id), at };
  };

  const escalations: Handler = async (c) => {
    const session = await signedIn(c);
    if (session instanceof Response) return session;
    const data = await consoleReport(c, deps, log, session.at, { metrics: true, page: "escalations" });
    return render(c, escalationsPage(session.csrf, data), data.status);
  };

  /** The queue page, with a refused verdict shown on its item when there is one. */
  const queuePage = async (
    c: Context,
    csrf: string,
    at: Date,
    extra: { error?: ReviewFormError; status?: 400 | 404 | 503; notice?: string } = {},
  ): Promise<Response> => {
    const data: ConsoleReport = await consoleReport(c, deps, log, at, { metrics: false, page: "review" });
    let decisions: DecisionRecord[] = [];
    let status = extra.status ?? data.status;
    if (data.ledger && data.query) {
      const started = performance.now();
      try {
        decisions = await data.ledger.reviewQueue({ ...data.query, limit: QUEUE_DEFAULT_LIMIT });
        log.info("console review queue", {
          platform: data.query.platform,
          account: data.query.account,
          decisions: decisions.length,
          read_ms: Math.round(performance.now() - started),
        });
      } catch (cause) {
        const error = toDeskmateError(cause);
        log.error("ledger read failed", { error_code: error.code, error });
        data.notice = "The review queue could not be read; reload in a moment.";
        status = 503;
      }
    }
    if (extra.notice) data.notice = extra.notice;
    const recorded = c.req.query("recorded") === "1" && !extra.error;
    const page = reviewQueuePage({
      csrf,
      data,
      decisions,
      limit: QUEUE_DEFAULT_LIMIT,
      ...(extra.error ? { error: extra.error } : {}),
      ...(recorded ? { recorded } : {}),
    });
    return render(c, page, status);
  };

  const queue: Handler = async (c) => {
    const session = await signedIn(c);
    if (session instanceof Response) return session;
    return queuePage(c, session.csrf, session.at);
  };

  const review: Handler = async (c) => {
    const token = configuredToken();
    if (!token) return setupMissing(c, log);
    const at = now();
    const s = await consoleSession(c, token, at.getTime());
    const form = await c.req.parseBody();
    const text = (name: string) => (typeof form[name] === "string" ? form[name] : undefined);
    if (s.state.kind !== "valid" || !(await verifyCsrfToken(s.key, s.state.session.id, text(CSRF_FIELD)))) {
      return refuseCsrf(c, log, s.state.kind === "valid" ? "review_bad_csrf" : `review_session_${s.state.kind}`);
    }
    // A pre-login session has a CSRF token too, but only a signed-in one may give verdicts.
    if (!s.state.session.signedIn) return c.redirect(CONSOLE_PATHS.page, 303);
    const csrf = await csrfToken(s.key, s.state.session.id);
    const comment = text("comment") ?? "";
    const body = reviewVerdictBody({
      event_id: text("event_id"),
      platform: text("platform"),
      account: text("account"),
      verdict: text("verdict"),
      // An empty comment box means no comment; the API's rules (length, type) apply to the rest.
      comment: comment.trim() === "" ? null : comment,
    });
    const eventId = text("event_id") ?? "";
    if (!body.ok) {
      log.warn("console review refused", { reason: "invalid", fields: body.problems.map((p) => p.name).join(",") });
      return queuePage(c, csrf, at, { error: { eventId, problems: body.problems, comment }, status: 400 });
    }
    const { platform, account } = body.verdict;
    const ids = { platform, account, event_id: eventId };
    const ledger = deps.ledger();
    try {
      if (!ledger) throw new Error("no ledger bound");
      const result = await ledger.recordVerdict({
        ...body.verdict,
        // A session opened from Zendesk's nav bar names its agent; one signed in with the admin token, `admin`.
        reviewer: s.state.session.agent ?? ADMIN_REVIEWER,
        reviewedAt: at.toISOString(),
      });
      if (result === "unknown_decision") {
        log.warn("console review refused", { ...ids, reason: result });
        const problems = [{ name: "event_id", message: "no decision with this id in this account: reload the queue" }];
        return queuePage(c, csrf, at, { error: { eventId, problems, comment }, status: 404 });
      }
    } catch (cause) {
      const error = toDeskmateError(cause);
      log.error("ledger write failed", { ...ids, error_code: error.code, error });
      const problems = [{ name: "(ledger)", message: "the verdict could not be stored; send it again in a moment" }];
      return queuePage(c, csrf, at, { error: { eventId, problems, comment }, status: 503 });
    }
    log.info("console review recorded", {
      ...ids,
      verdict: body.verdict.verdict,
      commented: body.verdict.comment !== null,
    });
    const query = new URLSearchParams(c.req.query());
    query.set("recorded", "1");
    return c.redirect(`${REVIEW_PATH}?${query.toString()}`, 303);
  };

  return { escalations, queue, review };
}
