import {
  isReviewVerdictValue,
  REVIEW_COMMENT_MAX_CHARS,
  REVIEW_VERDICTS,
  type ReviewVerdict,
} from "../../domain/review.ts";
import type { FieldProblem } from "./validate-setting-values.ts";

const ACCOUNT = /^[A-Za-z0-9_.-]{1,64}$/;
const EVENT_ID_MAX = 200;

export type ReviewVerdictBody =
  | { ok: true; verdict: Omit<ReviewVerdict, "reviewer" | "reviewedAt"> }
  | { ok: false; problems: FieldProblem[] };

/**
 * The JSON body of `POST /admin/reviews`: `event_id`, `platform`, `account`, `verdict` and an optional
 * `comment`. Every bad field is named with its fix, all at once; no message repeats what was sent.
 */
export function reviewVerdictBody(body: unknown): ReviewVerdictBody {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return { ok: false, problems: [{ name: "(body)", message: "send a JSON object" }] };
  }
  const fields = body as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const eventId = fields.event_id;
  if (typeof eventId !== "string" || eventId.trim() === "" || eventId.length > EVENT_ID_MAX) {
    problems.push({
      name: "event_id",
      message:
        "required: the decision's event_id as GET /admin/review-queue lists it " +
        `(at most ${EVENT_ID_MAX} characters)`,
    });
  }
  const platform = fields.platform;
  if (platform !== "zendesk" && platform !== "intercom") {
    problems.push({ name: "platform", message: "required: zendesk or intercom" });
  }
  const account = fields.account;
  if (typeof account !== "string" || !ACCOUNT.test(account)) {
    problems.push({ name: "account", message: "required: the Zendesk subdomain or the Intercom workspace id" });
  }
  const verdict = fields.verdict;
  if (!isReviewVerdictValue(verdict)) {
    problems.push({ name: "verdict", message: `required: one of ${REVIEW_VERDICTS.join(", ")}` });
  }
  const comment = fields.comment ?? null;
  if (comment !== null && (typeof comment !== "string" || comment.length > REVIEW_COMMENT_MAX_CHARS)) {
    problems.push({
      name: "comment",
      message: `optional: text of at most ${REVIEW_COMMENT_MAX_CHARS} characters, or null`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    verdict: {
      platform: platform as ReviewVerdict["platform"],
      account: account as string,
      decisionEventId: eventId as string,
      verdict: verdict as ReviewVerdict["verdict"],
      comment: comment as string | null,
    },
  };
}
