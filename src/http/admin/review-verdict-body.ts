import {
  isReviewVerdictValue,
  REVIEW_COMMENT_MAX_CHARS,
  REVIEW_VERDICTS,
  type ReviewVerdict,
} from "../../domain/review.ts";
import { decisionTargetFields } from "./decision-target-fields.ts";
import type { FieldProblem } from "./validate-setting-values.ts";

export type ReviewVerdictBody =
  | { ok: true; verdict: Omit<ReviewVerdict, "reviewer" | "reviewedAt"> }
  | { ok: false; problems: FieldProblem[] };

/**
 * The JSON body of `POST /admin/reviews`: `event_id`, `platform`, `account`, `verdict` and an optional
 * `comment`. Every bad field is named with its fix, all at once; no message repeats what was sent.
 */
export function reviewVerdictBody(body: unknown): ReviewVerdictBody {
  const read = decisionTargetFields(body);
  if (read.fields === null) return { ok: false, problems: read.problems };
  const { fields, target } = read;
  const problems = [...read.problems];
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
  if (problems.length > 0 || target === null) return { ok: false, problems };
  return {
    ok: true,
    verdict: {
      ...target,
      verdict: verdict as ReviewVerdict["verdict"],
      comment: comment as string | null,
    },
  };
}
