import type { Context } from "hono";
import type { SettingsLoad } from "../../config/load-settings.ts";
import { readWorkspaceSettings } from "../../config/workspace-settings.ts";
import type { SettingChange } from "../../domain/review.ts";
import { toDeskmateError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import type { Ledger, LedgerAccount } from "../../ports/ledger.ts";
import type { StateStore } from "../../state/state-store.ts";
import { effectiveSettingsView } from "../admin/effective-settings-view.ts";
import { saveWorkspaceSettings } from "../admin/save-workspace-settings.ts";
import { validateSettingValues } from "../admin/validate-setting-values.ts";
import { CONSOLE_PATHS, refuseCsrf, render, setupMissing } from "./console-routes.ts";
import { consoleSession } from "./console-session.ts";
import { CSRF_FIELD, csrfToken, verifyCsrfToken } from "./csrf-token.ts";
import { type SettingsAccount, settingsAccount } from "./settings-account.ts";
import { readSettingsForm, SETTING_DEFINITIONS, settingFormText } from "./settings-form-values.ts";
import { SETTINGS_PAGE_PATH, type SettingsPageOptions, settingsPage } from "./settings-page.ts";
import { zendeskSettingsView } from "./zendesk-settings-view.ts";

export interface ConsoleSettingsDeps {
  adminToken: () => string | undefined;
  ledger: () => Ledger | null;
  /** The state store of one Intercom workspace, where its settings are kept. */
  storeFor: (workspaceId: string) => StateStore;
  /** Worker bindings: the `DESKMATE_*` fallbacks. */
  env: Record<string, unknown>;
  /** The Zendesk account this worker serves (ZENDESK_SUBDOMAIN); null when none is configured. */
  zendeskAccount: () => string | null;
  /** The worker's own load of that account's settings: the Zendesk wiring's loader, one per isolate. */
  zendeskSettings: (account: string) => Promise<SettingsLoad>;
  logger: Logger;
  now?: () => Date;
}

type Handler = (c: Context) => Promise<Response>;

/** How many audit lines the page lists. */
const AUDIT_LINES = 20;

/**
 * `GET /admin/settings` (the page) and `POST /admin/settings` (save an Intercom workspace's form). Not
 * signed in: back to the sign-in at `/admin`. The save is checked by the settings API's rules and written
 * through its path, audit lines included; a bad field re-renders the form with what was typed (400).
 */
export function consoleSettingsHandlers(deps: ConsoleSettingsDeps): { page: Handler; save: Handler } {
  const log = deps.logger.child({ route: "console_settings" });
  const now = () => (deps.now ?? (() => new Date()))();

  /** The signed-in session's CSRF token, or the answer for a request that is not signed in. */
  async function signedIn(
    c: Context,
  ): Promise<{ csrf: string; ok: (presented: unknown) => Promise<boolean> } | Response> {
    const token = deps.adminToken()?.trim();
    if (!token) return setupMissing(c, log);
    const s = await consoleSession(c, token, now().getTime());
    if (s.state.kind !== "valid" || !s.state.session.signedIn) return c.redirect(CONSOLE_PATHS.page, 303);
    const id = s.state.session.id;
    return {
      csrf: await csrfToken(s.key, id),
      ok: (presented) => verifyCsrfToken(s.key, id, typeof presented === "string" ? presented : undefined),
    };
  }

  const page: Handler = async (c) => {
    const session = await signedIn(c);
    if (session instanceof Response) return session;
    const accounts = await ledgerAccounts();
    const chosen = chooseAccount((name) => c.req.query(name), accounts);
    const base = { csrf: session.csrf, account: chosen.account, accounts, accountProblems: chosen.problems };
    if (chosen.problems.length > 0) return render(c, settingsPage({ ...base, ...empty() }), 400);
    const saved = c.req.query("saved");
    const notice =
      saved === undefined
        ? undefined
        : c.req.query("audit") === "failed"
          ? `Saved ${changes(saved)}, but the audit trail could not be written (see the worker logs).`
          : `Saved ${changes(saved)}.`;
    return show(c, { ...base, ...(notice ? { notice } : {}) });
  };

  const save: Handler = async (c) => {
    const session = await signedIn(c);
    if (session instanceof Response) return session;
    const form = await c.req.parseBody();
    if (!(await session.ok(form[CSRF_FIELD]))) return refuseCsrf(c, log, "settings_bad_csrf");
    const field = (name: string) => (typeof form[name] === "string" ? form[name] : undefined);
    const accounts = await ledgerAccounts();
    const chosen = chooseAccount(field, accounts);
    const base = { csrf: session.csrf, account: chosen.account, accounts, accountProblems: chosen.problems };
    if (chosen.problems.length > 0) return render(c, settingsPage({ ...base, ...empty() }), 400);
    if (chosen.account.platform !== "intercom") {
      const notice = "Zendesk settings are changed in Zendesk Admin Center; nothing was saved.";
      return show(c, { ...base, notice }, 400);
    }
    const workspaceId = chosen.account.account;
    const store = deps.storeFor(workspaceId);
    let current: Awaited<ReturnType<typeof effective>>;
    try {
      current = await effective(chosen.account);
    } catch (cause) {
      return unavailable(c, base, cause);
    }
    const { typed, patch } = readSettingsForm(field, current.values);
    const problems = validateSettingValues(patch);
    if (problems.length > 0) {
      log.warn("console settings rejected", { workspace_id: workspaceId, fields: problems.map((p) => p.name) });
      const audit = await auditLines(chosen.account);
      return render(c, settingsPage({ ...base, values: typed, sources: current.sources, problems, audit }), 400);
    }
    try {
      const { audit } = await saveWorkspaceSettings({
        workspaceId,
        store,
        patch,
        ledger: deps.ledger(),
        changedBy: "admin",
        now: now(),
        logger: log,
      });
      const query = new URLSearchParams({ platform: "intercom", account: workspaceId, saved: String(audit.recorded) });
      if ("error" in audit) {
        query.set("saved", String(Object.keys(patch).length));
        query.set("audit", "failed");
      }
      return c.redirect(`${SETTINGS_PAGE_PATH}?${query.toString()}`, 303);
    } catch (cause) {
      return unavailable(c, base, cause);
    }
  };

  async function show(
    c: Context,
    base: Pick<SettingsPageOptions, "csrf" | "account" | "accounts" | "accountProblems"> & { notice?: string },
    status: 200 | 400 = 200,
  ): Promise<Response> {
    try {
      const current = await effective(base.account);
      const audit = await auditLines(base.account);
      return render(c, settingsPage({ ...base, ...current, problems: [], audit }), status);
    } catch (cause) {
      return unavailable(c, base, cause);
    }
  }

  /**
   * The account asked for, which for Zendesk must be the one this worker serves: its settings are the
   * app installation's of that account, and no other Zendesk account's are known here.
   */
  function chooseAccount(read: (name: string) => string | undefined, accounts: readonly LedgerAccount[]) {
    const chosen = settingsAccount(read, accounts);
    const served = deps.zendeskAccount();
    if (chosen.account.platform === "zendesk" && chosen.problems.length === 0 && chosen.account.account !== served) {
      chosen.problems.push({
        name: "account",
        message:
          served === null
            ? "this worker serves no Zendesk account (ZENDESK_SUBDOMAIN is not set)"
            : `this worker serves the Zendesk account ${served} (ZENDESK_SUBDOMAIN): pick that one`,
      });
    }
    return chosen;
  }

  /**
   * Effective values as form text with their sources. Intercom: the workspace's stored values, read now
   * (a save shows at once). Zendesk: what the worker really uses, from the wiring's own settings loader
   * (app installation, environment, defaults, or last good values while Zendesk cannot be read).
   */
  async function effective(account: SettingsAccount) {
    if (account.platform === "zendesk") {
      const view = zendeskSettingsView(await deps.zendeskSettings(account.account));
      if (view.installation === "failed")
        log.warn("console settings: Zendesk app settings unreadable", { account: account.account });
      return view;
    }
    const stored = await readWorkspaceSettings(deps.storeFor(account.account));
    const view = effectiveSettingsView(account.account, stored, deps.env, log);
    const values: Record<string, string> = {};
    for (const definition of SETTING_DEFINITIONS) {
      values[definition.name] = settingFormText(view.settings[definition.name], definition.type);
    }
    return { values, sources: view.sources };
  }

  async function ledgerAccounts(): Promise<LedgerAccount[]> {
    try {
      return (await deps.ledger()?.accounts()) ?? [];
    } catch (cause) {
      // The accounts only prefill the picker; the page works without them.
      log.warn("ledger accounts not read", { error_code: toDeskmateError(cause).code });
      return [];
    }
  }

  async function auditLines(account: SettingsAccount): Promise<SettingChange[]> {
    try {
      return (await deps.ledger()?.settingChanges(account, { limit: AUDIT_LINES })) ?? [];
    } catch (cause) {
      log.warn("settings audit not read", { account: account.account, error_code: toDeskmateError(cause).code });
      return [];
    }
  }

  function unavailable(
    c: Context,
    base: Pick<SettingsPageOptions, "csrf" | "account" | "accounts" | "accountProblems">,
    cause: unknown,
  ): Promise<Response> {
    const error = toDeskmateError(cause);
    log.error("console settings store failure", { account: base.account.account, error_code: error.code, error });
    const notice =
      "The settings could not be read or written (the settings store is unavailable); " +
      "nothing was saved. Reload in a moment.";
    return render(c, settingsPage({ ...base, ...empty(), notice, unavailable: true }), 503);
  }

  return { page, save };
}

function empty() {
  return { values: {}, sources: {}, problems: [], audit: [] };
}

function changes(saved: string): string {
  const n = Number(saved);
  return n === 1 ? "1 change" : Number.isInteger(n) && n >= 0 ? `${n} changes` : "your changes";
}
