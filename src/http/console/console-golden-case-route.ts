import type { Context } from "hono";
import { html } from "hono/html";
import { toDeskmateError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import type { DriftLedger } from "../../ports/drift-ledger.ts";
import { REFUSAL_TEXT } from "../admin/admin-drift-route.ts";
import { ADMIN_REVIEWER } from "../admin/admin-reviews-route.ts";
import { goldenCaseBody } from "../admin/golden-case-body.ts";
import type { FieldProblem } from "../admin/validate-setting-values.ts";
import { consoleLayout } from "./console-layout.ts";
import { CONSOLE_PATHS, refuseCsrf, render, setupMissing } from "./console-routes.ts";
import { consoleSession } from "./console-session.ts";
import { CSRF_FIELD, csrfToken, verifyCsrfToken } from "./csrf-token.ts";
import { DRIFT_PAGE_PATH } from "./drift-page.ts";
import { REVIEW_PATH } from "./review-queue-page.ts";

export interface ConsoleGoldenCaseDeps {
  adminToken: () => string | undefined;
  driftLedger: () => DriftLedger | null;
  logger: Logger;
  now?: () => Date;
}

/**
 * `POST /admin/golden-set`, the review queue's "Add to the golden set" form: the session's CSRF token,
 * then the same validation and ledger write as `POST /admin/golden-cases`. On success it goes to the
 * Drift page with the same filters (its golden set count includes the new case); a refusal is a page
 * naming the field and the fix, with the way back to the queue.
 */
export function consoleGoldenCaseHandler(deps: ConsoleGoldenCaseDeps): (c: Context) => Promise<Response> {
  const log = deps.logger.child({ route: "console", page: "golden_set" });
  return async (c) => {
    const token = deps.adminToken()?.trim();
    if (!token) return setupMissing(c, log);
    const at = (deps.now ?? (() => new Date()))();
    const s = await consoleSession(c, token, at.getTime());
    const form = await c.req.parseBody();
    const text = (name: string) => (typeof form[name] === "string" ? form[name] : undefined);
    if (s.state.kind !== "valid" || !(await verifyCsrfToken(s.key, s.state.session.id, text(CSRF_FIELD)))) {
      return refuseCsrf(c, log, s.state.kind === "valid" ? "golden_bad_csrf" : `golden_session_${s.state.kind}`);
    }
    if (!s.state.session.signedIn) return c.redirect(CONSOLE_PATHS.page, 303);
    const csrf = await csrfToken(s.key, s.state.session.id);
    const filters = new URLSearchParams(c.req.query()).toString();
    const refused = (problems: FieldProblem[], status: 400 | 404 | 503) =>
      render(
        c,
        consoleLayout({
          title: "Golden set",
          body: html`<h1>Golden set</h1>
<div role="alert"><p>The case was not added:</p><ul>${problems.map(
            (p) => html`<li>${p.name}: ${p.message}</li>`,
          )}</ul></div>
<p><a href="${REVIEW_PATH}?${filters}">Back to the review queue</a></p>`,
          signedIn: { csrf, current: DRIFT_PAGE_PATH, query: filters },
        }),
        status,
      );
    const body = goldenCaseBody({
      event_id: text("event_id"),
      platform: text("platform"),
      account: text("account"),
      expected_outcome: text("expected_outcome"),
    });
    if (!body.ok) {
      log.warn("golden case refused", { reason: "invalid", fields: body.problems.map((p) => p.name).join(",") });
      return refused(body.problems, 400);
    }
    const { platform, account, decisionEventId, outcome } = body.request;
    const ids = { platform, account, event_id: decisionEventId };
    try {
      const ledger = deps.driftLedger();
      if (!ledger) throw new Error("no ledger bound");
      const added = await ledger.addGoldenCase({
        platform,
        account,
        decisionEventId,
        expect: { outcomes: [outcome], reasons: [] },
        addedBy: s.state.session.agent ?? ADMIN_REVIEWER,
        addedAt: at.toISOString(),
      });
      if (typeof added === "string") {
        log.warn("golden case refused", { ...ids, reason: added });
        return refused([{ name: "event_id", message: REFUSAL_TEXT[added] }], 404);
      }
      log.info("golden case added", { ...ids, case_id: added.id, expected_outcome: outcome });
    } catch (cause) {
      const error = toDeskmateError(cause);
      log.error("ledger write failed", { ...ids, error_code: error.code, error });
      return refused([{ name: "(ledger)", message: "the case could not be stored; send it again in a moment" }], 503);
    }
    return c.redirect(`${DRIFT_PAGE_PATH}?${filters}`, 303);
  };
}
