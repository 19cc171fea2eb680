import { fallbacksFromStates, type GuardEvent } from "../../domain/stage-guard.ts";
import type { Platform } from "../../domain/support-event.ts";
import type { Ledger } from "../../ports/ledger.ts";
import { writeGuardedCategories } from "../../state/guarded-categories.ts";
import type { StateStore } from "../../state/state-store.ts";
import type { FieldProblem } from "./validate-setting-values.ts";

const ACCOUNT = /^[A-Za-z0-9_.-]{1,64}$/;
const CATEGORY = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export interface ReenableRequest {
  platform: Platform;
  account: string;
  category: string;
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
 * `account` and `category`, every bad one named with its fix.
 */
export function reenableRequest(
  fields: Record<string, unknown>,
): { ok: true; request: ReenableRequest } | { ok: false; problems: FieldProblem[] } {
  const { platform, account, category } = fields;
  const problems = guardAccountProblems(platform, account);
  if (typeof category !== "string" || !CATEGORY.test(category)) {
    problems.push({
      name: "category",
      message: "required: the category to re-enable, as GET /admin/guard/status lists it under fallbacks",
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    request: { platform: platform as Platform, account: account as string, category: category as string },
  };
}

/**
 * An admin's explicit re-enable: recorded in the ledger (who and when), then the account's guarded
 * categories are written again from the ledger, so the next message of the category may autosend.
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
  const current = states.find((s) => s.cohortKind === "category" && s.cohort === request.category);
  if (current?.action !== "tripped") return "not_guarded";
  const event: GuardEvent = {
    ...account,
    cohortKind: "category",
    cohort: request.category,
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
  await writeGuardedCategories(store, fallbacksFromStates(await ledger.guardStates(account)));
  return event;
}
