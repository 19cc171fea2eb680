import type { Context } from "hono";
import type { Settings } from "../../config/settings-schema.ts";
import { fallbacksFromStates, type GuardEvent } from "../../domain/stage-guard.ts";
import type { Platform } from "../../domain/support-event.ts";
import type { Logger } from "../../lib/logger.ts";
import type { Ledger, LedgerAccount } from "../../ports/ledger.ts";
import type { StateStore } from "../../state/state-store.ts";
import { invalidRequest, refuseAdminRequest } from "./admin-gate.ts";
import { boundLedger, jsonBody, ledgerFailed } from "./ledger-answers.ts";
import { guardAccountProblems, reenableCategory, reenableRequest } from "./reenable-category.ts";

export const ADMIN_GUARD_PATHS = { status: "/admin/guard/status", reenable: "/admin/guard/reenable" } as const;

/** Guard actions listed per account, newest first. */
export const GUARD_HISTORY_LIMIT = 100;

export interface AdminGuardDeps {
  adminToken: () => string | undefined;
  ledger: () => Ledger | null;
  stateFor: (platform: Platform, account: string) => StateStore;
  /** The account's settings as the guard reads them (for the answer's `settings`). */
  settings: (platform: Platform, account: string) => Promise<Settings>;
  logger: Logger;
  now?: () => Date;
}

type Handler = (c: Context) => Promise<Response>;

/** One guard action as the API and the console show it. */
export function guardEventView(e: GuardEvent) {
  return {
    ...(e.cohortKind === "canary" ? { canary: e.cohort } : { category: e.cohort }),
    action: e.action,
    reason: e.reason,
    rate: e.rate,
    samples: e.samples,
    threshold: e.threshold,
    window_days: e.windowDays,
    at: e.at,
    by: e.actor,
  };
}

/** The guard's settings of an account, as the API and the console show them. */
export function guardSettingsView(s: Settings) {
  return {
    enabled: s.guardEnabled,
    window_days: s.guardWindowDays,
    min_samples: s.guardMinSamples,
    max_false_resolution_rate: s.guardMaxFalseResolutionRate,
    max_bad_csat_rate: s.guardMaxBadCsatRate,
    auto_reenable: s.guardAutoReenable,
  };
}

/**
 * The account's guard settings (null when they could not be read: the rest still answers), and from
 * the ledger, the record: its current fallbacks and its guard history.
 */
export async function guardOverview(
  ledger: Ledger,
  account: LedgerAccount,
  settings: () => Promise<Settings>,
  log: Logger,
) {
  const guardSettings = await settings().then(guardSettingsView, (error: unknown) => {
    log.warn("guard settings not read", { ...account, error });
    return null;
  });
  const [states, history] = await Promise.all([
    ledger.guardStates(account),
    ledger.guardEvents(account, { limit: GUARD_HISTORY_LIMIT }),
  ]);
  const fallbacks = Object.entries(fallbacksFromStates(states)).map(([category, f]) => ({
    category,
    since: f.since,
    reason: f.reason,
    rate: f.rate,
    samples: f.samples,
    threshold: f.threshold,
    window_days: f.windowDays,
  }));
  // Rolled-back canaries: the fingerprints whose latest guard action is a trip.
  const canaryRollbacks = states
    .filter((s) => s.cohortKind === "canary" && s.action === "tripped")
    .map((s) => ({
      canary: s.cohort,
      since: s.at,
      reason: s.reason,
      rate: s.rate,
      samples: s.samples,
      threshold: s.threshold,
      window_days: s.windowDays,
    }));
  return {
    settings: guardSettings,
    fallbacks,
    canary_rollbacks: canaryRollbacks,
    history: history.map(guardEventView),
  };
}

/**
 * `GET /admin/guard/status?platform=&account=`: the categories whose autosend the stage guard fell back to
 * draft, and the account's guard history (newest first). `POST /admin/guard/reenable` with
 * `{"platform", "account", "category"}`: an admin re-enables one category (200 with the recorded
 * action; 404 `not_guarded` when it has not fallen back). Gates as the other admin routes: admin token
 * (503/401), every bad parameter named (400), ledger bound (503).
 */
export function adminGuardHandlers(deps: AdminGuardDeps): { overview: Handler; reenable: Handler } {
  const now = deps.now ?? (() => new Date());
  const log = deps.logger.child({ route: ADMIN_GUARD_PATHS.status });

  const overview: Handler = async (c) => {
    const refused = await refuseAdminRequest(c, deps.adminToken(), log);
    if (refused) return refused;
    const platform = c.req.query("platform");
    const account = c.req.query("account");
    const problems = guardAccountProblems(platform, account);
    if (problems.length > 0) return invalidRequest(c, problems);
    const ledger = boundLedger(c, deps.ledger(), log);
    if (ledger instanceof Response) return ledger;
    const checked = { platform: platform as Platform, account: account as string };
    try {
      const view = await guardOverview(ledger, checked, () => deps.settings(checked.platform, checked.account), log);
      log.info("guard overview", { ...checked, fallbacks: view.fallbacks.length, history: view.history.length });
      return c.json({ ...checked, ...view }, 200);
    } catch (cause) {
      return ledgerFailed(c, log, cause, "read");
    }
  };

  const reenable: Handler = async (c) => {
    const refused = await refuseAdminRequest(c, deps.adminToken(), log);
    if (refused) return refused;
    const read = await jsonBody(c);
    if (read instanceof Response) return read;
    const { json } = read;
    if (json === null || typeof json !== "object" || Array.isArray(json)) {
      return invalidRequest(c, [{ name: "(body)", message: "send a JSON object" }]);
    }
    const checked = reenableRequest(json as Record<string, unknown>);
    if (!checked.ok) return invalidRequest(c, checked.problems);
    const ledger = boundLedger(c, deps.ledger(), log);
    if (ledger instanceof Response) return ledger;
    const { platform, account, kind, cohort } = checked.request;
    const named = { [kind]: cohort };
    try {
      const store = deps.stateFor(platform, account);
      const result = await reenableCategory(ledger, store, { ...checked.request, actor: "admin", at: now() });
      if (result === "not_guarded") {
        log.warn("guard re-enable refused", { platform, account, ...named, reason: result });
        const message =
          kind === "canary"
            ? "this canary has not been rolled back; GET /admin/guard/status lists canary_rollbacks"
            : "autosend of this category has not fallen back to draft; GET /admin/guard/status lists the fallbacks";
        return c.json({ error: "not_guarded", message }, 404);
      }
      log.info(`guard ${kind} re-enabled`, { platform, account, ...named, by: "admin" });
      return c.json({ re_enabled: guardEventView(result) }, 200);
    } catch (cause) {
      return ledgerFailed(c, log, cause, "written");
    }
  };

  return { overview, reenable };
}
