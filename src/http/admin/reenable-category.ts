import {
  fallbacksFromStates,
  type GuardCohortKind,
  type GuardEvent,
  rolledBackCanaries,
} from "../../domain/stage-guard.ts";
import type { Platform } from "../../domain/support-event.ts";
import type { Ledger } from "../../ports/ledger.ts";
import { writeCanaryRollbacks } from "../../state/canary-rollbacks.ts";
import { writeGuardedCategories } from "../../state/guarded-categories.ts";
import type { StateStore } from "../../state/state-store.ts";
import type { FieldProblem } from "./validate-setting-values.ts";

const ACCOUNT = /^[A-Za-z0-9_.-]{1,64}$/;
const CATEGORY = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** A canary fingerprint as decision rows and GET /admin/guard/status show it. */
const FINGERPRINT = /^[0-9a-f]{16}$/;

export interface ReenableRequest {
  platform: Platform;
  account: string;
  /** A category's autosend, or a rolled-back canary (cohort: its fingerprint). */
  kind: GuardCohortKind;
  cohort: string;
}

/** `platform` and `account` as every guard route takes them, each bad one named with its fix. */
export function guardAccountProblems(platform: unknown, account: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (platform !== "zendesk" && platform !== "intercom") {
    problems.push({ name: "platform", message: "required: zendesk or intercom" });
  }
  if (typeof account !== "string" || !ACCOUNT.test(account)) {
    problems.push({ name: "account", message: "required: the Zendesk subdomain or the Intercom workspace id" });
  }
  return problems;
}

/**
 * The fields of a re-enable (`POST /admin/guard/reenable` JSON, or the console's form): `platform`,
 * `account` and either `category` or `canary` (a rolled-back canary's fingerprint), every bad one named
 * with its fix.
 */
export function reenableRequest(
  fields: Record<string, unknown>,
): { ok: true; request: ReenableRequest } | { ok: false; problems: FieldProblem[] } {
  const { platform, account, category, canary } = fields;
  const problems = guardAccountProblems(platform, account);
  const given = (value: unknown) => value !== undefined && value !== null && value !== "";
  if (given(canary) && given(category)) {
    problems.push({ name: "canary", message: "send either category or canary, not both" });
  } else if (given(canary)) {
    if (typeof canary !== "string" || !FINGERPRINT.test(canary)) {
      problems.push({
        name: "canary",
        message: "the rolled-back canary's fingerprint (16 hex digits), as GET /admin/guard/status lists it",
      });
    }
  } else if (typeof category !== "string" || !CATEGORY.test(category)) {
    problems.push({
      name: "category",
      message:
        "required: the category to re-enable, as GET /admin/guard/status lists it under fallbacks " +
        "(or canary: a rolled-back canary's fingerprint)",
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  const kind: GuardCohortKind = given(canary) ? "canary" : "category";
  return {
    ok: true,
    request: {
      platform: platform as Platform,
      account: account as string,
      kind,
      cohort: (kind === "canary" ? canary : category) as string,
    },
  };
}

/**
 * An admin's explicit re-enable: recorded in the ledger (who and when), then the account's guarded
 * categories and rolled-back canaries are written again from the ledger, so the next message of the
 * category may autosend (or the next canary ticket decides with the canary again).
 * `not_guarded` when the category's autosend has not fallen back (nothing is written). The guard's
 * window for the category restarts here: the tickets that tripped it do not trip it again.
 */
export async function reenableCategory(
  ledger: Ledger,
  store: StateStore,
  request: ReenableRequest & { actor: string; at: Date },
): Promise<GuardEvent | "not_guarded"> {
  const account = { platform: request.platform, account: request.account };
  const states = await ledger.guardStates(account);
  const current = states.find((s) => s.cohortKind === request.kind && s.cohort === request.cohort);
  if (current?.action !== "tripped") return "not_guarded";
  const event: GuardEvent = {
    ...account,
    cohortKind: request.kind,
    cohort: request.cohort,
    action: "re_enabled",
    reason: "admin",
    rate: null,
    samples: null,
    threshold: null,
    windowDays: current.windowDays,
    at: request.at.toISOString(),
    actor: request.actor,
  };
  await ledger.recordGuardEvent(event);
  const after = await ledger.guardStates(account);
  await writeGuardedCategories(store, fallbacksFromStates(after));
  await writeCanaryRollbacks(store, rolledBackCanaries(after));
  return event;
}
