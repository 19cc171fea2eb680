import type { Outcome } from "../../domain/plan.ts";
import type { Platform } from "../../domain/support-event.ts";
import { decisionTargetFields } from "./decision-target-fields.ts";
import type { FieldProblem } from "./validate-setting-values.ts";

const REASON = /^[a-z_]{1,64}$/;
const MAX_REASONS = 10;
export const GOLDEN_OUTCOMES: readonly Outcome[] = ["answer", "ask", "act", "escalate"];

export interface GoldenCaseRequest {
  platform: Platform;
  account: string;
  decisionEventId: string;
  outcome: Outcome;
  reasons: string[];
}

export type GoldenCaseBody = { ok: true; request: GoldenCaseRequest } | { ok: false; problems: FieldProblem[] };

/**
 * The body that adds a review-queue decision to the golden set (`POST /admin/golden-cases`, and the
 * console's form): `event_id`, `platform`, `account`, `expected_outcome` and optional
 * `expected_reasons` (reason codes the replay must reach too). Every bad field is named with its fix.
 */
export function goldenCaseBody(body: unknown): GoldenCaseBody {
  const read = decisionTargetFields(body);
  if (read.fields === null) return { ok: false, problems: read.problems };
  const { fields, target } = read;
  const problems = [...read.problems];
  const outcome = fields.expected_outcome;
  if (typeof outcome !== "string" || !GOLDEN_OUTCOMES.includes(outcome as Outcome)) {
    problems.push({
      name: "expected_outcome",
      message: `required: what the decision should have been, one of ${GOLDEN_OUTCOMES.join(", ")}`,
    });
  }
  const reasons = fields.expected_reasons ?? [];
  if (
    !Array.isArray(reasons) ||
    reasons.length > MAX_REASONS ||
    !reasons.every((r) => typeof r === "string" && REASON.test(r))
  ) {
    problems.push({
      name: "expected_reasons",
      message: `optional: a list of at most ${MAX_REASONS} reason codes (e.g. ["legal"]) the replay must reach too`,
    });
  }
  if (problems.length || target === null) return { ok: false, problems };
  return {
    ok: true,
    request: {
      ...target,
      outcome: outcome as Outcome,
      reasons: [...new Set(reasons as string[])],
    },
  };
}
