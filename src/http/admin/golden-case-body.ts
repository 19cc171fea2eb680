import type { Outcome } from "../../domain/plan.ts";
import type { Platform } from "../../domain/support-event.ts";
import type { FieldProblem } from "./validate-setting-values.ts";

const ACCOUNT = /^[A-Za-z0-9_.-]{1,64}$/;
const EVENT_ID_MAX = 200;
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
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    request: {
      platform: platform as Platform,
      account: account as string,
      decisionEventId: eventId as string,
      outcome: outcome as Outcome,
      reasons: [...new Set(reasons as string[])],
    },
  };
}
