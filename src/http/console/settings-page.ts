import { html } from "hono/html";
import type { SettingChange } from "../../domain/review.ts";
import type { LedgerAccount } from "../../ports/ledger.ts";
import type { InstallationRead, SettingSource } from "../../config/load-settings.ts";
import type { EffectiveSettingSource } from "../admin/effective-settings-view.ts";
import type { FieldProblem } from "../admin/validate-setting-values.ts";
import { type Html, consoleLayout } from "./console-layout.ts";
import { CSRF_FIELD } from "./csrf-token.ts";
import { accountsDatalist } from "./overview-page.ts";
import type { SettingsAccount } from "./settings-account.ts";
import { SETTING_DEFINITIONS, settingFieldName } from "./settings-form-values.ts";
import { tableHead } from "./table-head.ts";

export const SETTINGS_PAGE_PATH = "/admin/settings";

/** Where a shown value comes from: an Intercom workspace's view, or the worker's Zendesk settings load. */
export type ShownSettingSource = EffectiveSettingSource | SettingSource;

/** The words an admin reads for where a value comes from. */
const SOURCE_LABEL: Record<ShownSettingSource, string> = {
  workspace: "stored",
  installation: "Zendesk app settings",
  env: "environment",
  default: "default",
  last_good: "last good value",
};

/** A last good value stands in either because Zendesk could not be read or because its value is invalid. */
function sourceLabel(source: ShownSettingSource, installation: InstallationRead | undefined): string {
  if (source !== "last_good") return SOURCE_LABEL[source];
  return installation === "failed"
    ? "last good value (Zendesk unreachable)"
    : "last good value (the Zendesk app setting is not valid)";
}

export interface SettingsPageOptions {
  csrf: string;
  account: SettingsAccount;
  accounts: readonly LedgerAccount[];
  /** Problems with the platform or account asked for; the settings are not shown then. */
  accountProblems: readonly FieldProblem[];
  /** snake_case name -> the text shown in the field (the effective value, or what the admin typed). */
  values: Readonly<Record<string, string>>;
  sources: Readonly<Record<string, ShownSettingSource>>;
  /** Zendesk: how the worker's read of the app installation went (the page says when it failed). */
  installation?: InstallationRead;
  /** Field-level problems from the last save (nothing was stored). */
  problems: readonly FieldProblem[];
  audit: readonly SettingChange[];
  /** A line above the form: what the last save did, or why something is missing. */
  notice?: string;
  /** Settings could not be read: no form, only the notice. */
  unavailable?: boolean;
}

/**
 * The Settings page: each setting with its effective value, where it comes from and its help text.
 * An Intercom workspace edits them here; a Zendesk account sees them read-only, with where to change them.
 */
export function settingsPage(options: SettingsPageOptions): Html {
  const { account } = options;
  const editable = account.platform === "intercom";
  const body = html`<h1>Settings</h1>
${accountForm(options)}
${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ""}
${
  options.accountProblems.length > 0 || options.unavailable
    ? ""
    : editable
      ? intercomForm(options)
      : zendeskTable(options)
}
${options.accountProblems.length > 0 || options.unavailable ? "" : auditTable(options.audit)}`;
  return consoleLayout({ title: "Settings", body, signedIn: { csrf: options.csrf, current: SETTINGS_PAGE_PATH } });
}

function accountForm(options: SettingsPageOptions): Html {
  const { account, accounts, accountProblems } = options;
  const problemOf = (name: string) => accountProblems.find((p) => p.name === name);
  const error = (name: string) => {
    const problem = problemOf(name);
    return problem
      ? html`<span class="field-error" role="alert" id="pick-${name}-error">${problem.message}</span>`
      : "";
  };
  const invalid = (name: string) =>
    problemOf(name) ? html` aria-invalid="true" aria-describedby="pick-${name}-error"` : "";
  const option = (value: string, label: string) =>
    html`<option value="${value}"${account.platform === value ? html` selected` : ""}>${label}</option>`;
  const platforms = html`${option("intercom", "Intercom")}${option("zendesk", "Zendesk")}`;
  const platform = html`<select id="pick-platform" name="platform"${invalid("platform")}>${platforms}</select>`;
  const accountAttributes = html`name="account" list="ledger-accounts" value="${account.account}" size="18"`;
  const accountInput = html`<input id="pick-account" ${accountAttributes}${invalid("account")}>`;
  return html`<form id="filters" method="get" action="${SETTINGS_PAGE_PATH}" aria-label="Account">
<label for="pick-platform">Platform${platform}${error("platform")}</label>
<label for="pick-account">Account${accountInput}${error("account")}</label>
${accountsDatalist(accounts)}
<button type="submit">Show</button>
</form>`;
}

const SAVE_HINT =
  "Change a value and save: only the settings you change are stored. " +
  "Empty a field to drop its stored value (the environment or the default applies again).";

function settingsHead(): Html {
  return tableHead("Setting", "Value", "Source", "Help");
}

function intercomForm(options: SettingsPageOptions): Html {
  const problemOf = (name: string) => options.problems.find((p) => p.name === name);
  const rows = SETTING_DEFINITIONS.map((definition) => {
    const name = definition.name;
    const id = `setting-${name}`;
    const field = settingFieldName(name);
    const value = options.values[name] ?? "";
    const problem = problemOf(name);
    const source = sourceLabel(options.sources[name] ?? "default", undefined);
    const describedBy = `${id}-help${problem ? ` ${id}-error` : ""}`;
    const invalid = problem ? html` aria-invalid="true"` : "";
    const described = html` aria-describedby="${describedBy}"${invalid}`;
    const checked = value === "true" ? html` checked` : "";
    const lines = Math.min(8, Math.max(2, value.split("\n").length));
    const inputMode = definition.type === "number" ? html` inputmode="decimal"` : "";
    const control =
      definition.type === "checkbox"
        ? html`<input id="${id}" name="${field}" type="checkbox" value="true"${checked}${described}>`
        : definition.type === "multiline"
          ? html`<textarea id="${id}" name="${field}" rows="${lines}" cols="48"${described}>${value}</textarea>`
          : html`<input id="${id}" name="${field}" type="text"${inputMode} value="${value}" size="32"${described}>`;
    const problemNote = problem
      ? html`<div class="field-error" role="alert" id="${id}-error">${problem.message}</div>`
      : "";
    return html`<tr data-setting="${name}" data-source="${source}">
<th scope="row"><label for="${id}">${definition.label}</label><br><code>${name}</code></th>
<td>${control}${problemNote}</td>
<td data-source-of="${name}">${source}</td>
<td id="${id}-help">${definition.description}</td>
</tr>`;
  });
  const count = options.problems.length;
  const needs = count === 1 ? "one setting needs" : `${count} settings need`;
  const unsaved = count > 0 ? html`<p role="alert">Nothing was saved: ${needs} fixing (marked below).</p>` : "";
  return html`<form id="settings" method="post" action="${SETTINGS_PAGE_PATH}" aria-label="Workspace settings">
<input type="hidden" name="${CSRF_FIELD}" value="${options.csrf}">
<input type="hidden" name="platform" value="intercom">
<input type="hidden" name="account" value="${options.account.account}">
${unsaved}
<p>${SAVE_HINT}</p>
<table>
<caption>Settings of Intercom workspace <code>${options.account.account}</code></caption>
${settingsHead()}
<tbody>${rows}</tbody>
</table>
<p><button type="submit">Save settings</button></p>
</form>`;
}

function zendeskTable(options: SettingsPageOptions): Html {
  const rows = SETTING_DEFINITIONS.map((definition) => {
    const name = definition.name;
    const source = sourceLabel(options.sources[name] ?? "default", options.installation);
    const value = options.values[name] ?? "";
    return html`<tr data-setting="${name}" data-source="${source}">
<th scope="row">${definition.label}<br><code>${name}</code></th>
<td><pre style="margin:0;white-space:pre-wrap">${value === "" ? "(none)" : value}</pre></td>
<td data-source-of="${name}">${source}</td>
<td>${definition.description}</td>
</tr>`;
  });
  return html`<p class="notice">These are the values Deskmate uses now for this account. Zendesk keeps them with
the app: change them in Zendesk Admin Center, under Apps and integrations → Zendesk Support apps → Deskmate →
Settings; Deskmate reads them again within a minute. A setting left empty there comes from this worker's
environment (<code>DESKMATE_*</code> vars), else the default.</p>
${installationNotice(options.installation)}
<table>
<caption>Settings for Zendesk account <code>${options.account.account}</code> (read-only)</caption>
${settingsHead()}
<tbody>${rows}</tbody>
</table>`;
}

/** What the worker could not read from Zendesk, and what it uses meanwhile. */
function installationNotice(installation: InstallationRead | undefined): Html | string {
  switch (installation) {
    case "failed":
      return html`<p class="notice" role="alert" id="installation-status" data-installation="failed">Zendesk's app
settings could not be read just now (Zendesk unreachable or the request refused; see the worker logs). Deskmate keeps
using the values below (the last good ones, else the environment and defaults) and tries again within a minute.</p>`;
    case "not_installed":
      return html`<p class="notice" role="status" id="installation-status" data-installation="not_installed">The
Deskmate app (<code>ZENDESK_APP_ID</code>) is not installed in this Zendesk account, so the values below come from
the environment and defaults. Install the app to set them in Zendesk.</p>`;
    case "not_configured":
      return html`<p class="notice" role="status" id="installation-status" data-installation="not_configured">This
worker does not read the Zendesk app's settings (<code>ZENDESK_APP_ID</code> is not set), so the values below come
from the environment and defaults. Set <code>ZENDESK_APP_ID</code> to the app's id to use them.</p>`;
    default:
      return "";
  }
}

function auditTable(audit: readonly SettingChange[]): Html {
  if (audit.length === 0) return html`<h2>Changes</h2><p>No setting of this account has been changed here yet.</p>`;
  const shown = (value: string | null) => (value === null ? "(not stored)" : value);
  return html`<h2>Changes</h2>
<table id="settings-audit">
<caption>Latest changes, newest first</caption>
${tableHead("When (UTC)", "Who", "Setting", "Old → new")}
<tbody>${audit.map(
    (change) => html`<tr data-audit-setting="${change.setting}">
<td>${change.changedAt.replace("T", " ").slice(0, 19)}</td>
<td>${change.changedBy}</td>
<td><code>${change.setting}</code></td>
<td><code>${shown(change.oldValue)}</code> → <code>${shown(change.newValue)}</code></td>
</tr>`,
  )}</tbody>
</table>`;
}
