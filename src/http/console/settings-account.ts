import type { Platform } from "../../domain/support-event.ts";
import type { LedgerAccount } from "../../ports/ledger.ts";
import type { FieldProblem } from "../admin/validate-setting-values.ts";

export interface SettingsAccount {
  platform: Platform;
  account: string;
}

/** The same rules as the settings API (workspace ids become store keys) and the ledger's parameters. */
const INTERCOM_WORKSPACE = /^[A-Za-z0-9_-]{1,64}$/;
const ZENDESK_ACCOUNT = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * The account whose settings the page shows: the one asked for, else the first the ledger holds (of
 * the platform asked for, if one was), Intercom first because only its settings are edited here.
 */
export function settingsAccount(
  read: (name: string) => string | undefined,
  accounts: readonly LedgerAccount[],
): { account: SettingsAccount; problems: FieldProblem[] } {
  const asked = (name: string) => read(name)?.trim() || undefined;
  const platformAsked = asked("platform");
  const problems: FieldProblem[] = [];
  if (platformAsked !== undefined && platformAsked !== "intercom" && platformAsked !== "zendesk") {
    problems.push({ name: "platform", message: "use intercom or zendesk" });
  }
  const ordered = [...accounts].sort((a, b) => (a.platform === b.platform ? 0 : a.platform === "intercom" ? -1 : 1));
  const fallback = ordered.find((a) => platformAsked === undefined || a.platform === platformAsked);
  const platform: Platform =
    platformAsked === "zendesk" || platformAsked === "intercom" ? platformAsked : (fallback?.platform ?? "intercom");
  const account = asked("account") ?? fallback?.account ?? "";
  const rule = platform === "intercom" ? INTERCOM_WORKSPACE : ZENDESK_ACCOUNT;
  if (!rule.test(account)) {
    problems.push({
      name: "account",
      message:
        platform === "intercom"
          ? "required: the Intercom workspace id (letters, digits, _ or -)"
          : "required: the Zendesk subdomain (letters, digits, _, . or -)",
    });
  }
  return { account: { platform, account }, problems };
}
