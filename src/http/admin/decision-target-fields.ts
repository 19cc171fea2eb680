import type { Platform } from "../../domain/support-event.ts";
import type { FieldProblem } from "./validate-setting-values.ts";

const ACCOUNT = /^[A-Za-z0-9_.-]{1,64}$/;
const EVENT_ID_MAX = 200;

/** The decision a body is about: its account and its event id as the review queue lists it. */
export interface DecisionTarget {
  platform: Platform;
  account: string;
  decisionEventId: string;
}

/**
 * The fields every body about one ledger decision shares (`event_id`, `platform`, `account`), read
 * from a JSON object: the target when all three hold, and each bad one named with its fix. A body that
 * is not an object has no fields (`fields` null) and one problem, `(body)`.
 */
export function decisionTargetFields(body: unknown): {
  fields: Record<string, unknown> | null;
  target: DecisionTarget | null;
  problems: FieldProblem[];
} {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return { fields: null, target: null, problems: [{ name: "(body)", message: "send a JSON object" }] };
  }
  const fields = body as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const { event_id: eventId, platform, account } = fields;
  if (typeof eventId !== "string" || eventId.trim() === "" || eventId.length > EVENT_ID_MAX) {
    problems.push({
      name: "event_id",
      message:
        "required: the decision's event_id as GET /admin/review-queue lists it " +
        `(at most ${EVENT_ID_MAX} characters)`,
    });
  }
  if (platform !== "zendesk" && platform !== "intercom") {
    problems.push({ name: "platform", message: "required: zendesk or intercom" });
  }
  if (typeof account !== "string" || !ACCOUNT.test(account)) {
    problems.push({ name: "account", message: "required: the Zendesk subdomain or the Intercom workspace id" });
  }
  const target = problems.length
    ? null
    : { platform: platform as Platform, account: account as string, decisionEventId: eventId as string };
  return { fields, target, problems };
}
