import { html } from "hono/html";
import type { guardOverview } from "../admin/admin-guard-route.ts";
import type { FieldProblem } from "../admin/validate-setting-values.ts";
import { canaryRollbacksTable } from "./canary-rollbacks-table.ts";
import { type Html, consoleLayout } from "./console-layout.ts";
import type { ConsoleReport } from "./console-report.ts";
import { CSRF_FIELD } from "./csrf-token.ts";
import { formatInterval } from "./csat-page.ts";
import { formatCount, formatShare, NONE } from "./format-number.ts";
import { filterForm } from "./overview-page.ts";
import { filterQuery } from "./overview-filters.ts";
import { metric } from "./overview-page.ts";

export const GUARD_PAGE_PATH = "/admin/guard";

type GuardView = Awaited<ReturnType<typeof guardOverview>>;

export interface GuardPageOptions {
  csrf: string;
  data: ConsoleReport;
  view: GuardView | null;
  /**
   * A category (or `canary <fingerprint>`) just re-enabled (the redirect after the form says so), for a
   * status line.
   */
  reenabled?: string;
  /** A re-enable the worker refused, with why. */
  problems?: readonly FieldProblem[];
}

const MEASURE_TEXT: Record<string, string> = {
  false_resolution_rate: "false resolutions (reopened or re-contacted)",
  bad_csat_rate: "bad ratings",
  admin: "re-enabled by an admin",
  recovered: "rates back under the maximum",
};

const rate = (value: number | null) => (value === null ? NONE : formatShare(value, 1));
const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
const label = (category: string) => category.replace(/_/g, " ");

function fallbacksTable(view: GuardView, options: GuardPageOptions): Html {
  if (view.fallbacks.length === 0) {
    return html`<p class="notice" data-fallbacks="none">Every category autosends as configured:
none has fallen back to draft.</p>`;
  }
  const { values } = options.data;
  return html`<table id="fallbacks">
<caption>Categories whose autosend fell back to draft.
Their suggested replies wait for an agent until re-enabled.</caption>
<thead><tr><th scope="col">Category</th><th scope="col">Since</th><th scope="col">Why</th>
<th scope="col" class="num">Rate</th><th scope="col" class="num">Samples</th>
<th scope="col" class="num">95% interval (Wilson)</th><th scope="col" class="num">Maximum</th>
<th scope="col" class="num">Window</th><th scope="col">Autosend</th></tr></thead>
<tbody>
${view.fallbacks.map(
  (f, i) => html`<tr data-category="${f.category}">
<th scope="row">${label(f.category)}</th>
<td>${when(f.since)}</td>
<td>${MEASURE_TEXT[f.reason] ?? f.reason}</td>
<td class="num">${metric(`fallbacks.${i}.rate`, f.rate, rate)}</td>
<td class="num">${metric(`fallbacks.${i}.samples`, f.samples)}</td>
<td class="num">${formatInterval(Math.round(f.rate * f.samples), f.samples)}</td>
<td class="num">${metric(`fallbacks.${i}.threshold`, f.threshold, rate)}</td>
<td class="num">${metric(`fallbacks.${i}.window_days`, f.window_days)} days</td>
<td><form method="post" action="${GUARD_PAGE_PATH}?${filterQuery(values)}"
aria-label="Re-enable autosend of ${label(f.category)}">
<input type="hidden" name="${CSRF_FIELD}" value="${options.csrf}">
<input type="hidden" name="platform" value="${values.platform}">
<input type="hidden" name="account" value="${values.account}">
<input type="hidden" name="category" value="${f.category}">
<button type="submit">Re-enable autosend</button>
</form></td>
</tr>`,
)}
</tbody>
</table>`;
}

function settingsLine(settings: GuardView["settings"]): Html {
  if (settings === null) return html`<p class="notice">The account's guard settings could not be read just now.</p>`;
  const n = (path: string, value: number, format = formatCount) => metric(`settings.${path}`, value, format);
  return html`<p id="guard-settings">Settings: the guard is <strong>${settings.enabled ? "on" : "off"}</strong>; window
${n("window_days", settings.window_days)} days; each rate judged over at least ${n("min_samples", settings.min_samples)}
tickets; at most ${n("max_false_resolution_rate", settings.max_false_resolution_rate, rate)} false resolutions and
${n("max_bad_csat_rate", settings.max_bad_csat_rate, rate)} bad ratings; ${
    settings.auto_reenable ? "a recovered category re-enables itself" : "only an admin re-enables a category"
  }.</p>`;
}

function historyTable(view: GuardView): Html {
  if (view.history.length === 0) return html`<p class="notice">The guard has not acted on this account yet.</p>`;
  return html`<table id="history">
<caption>Every trip and re-enable, newest first (at most 100).</caption>
<thead><tr><th scope="col">When</th><th scope="col">Category or canary</th><th scope="col">Action</th>
<th scope="col">Why</th>
<th scope="col" class="num">Rate</th><th scope="col" class="num">Samples</th><th scope="col" class="num">Maximum</th>
<th scope="col">By</th></tr></thead>
<tbody>
${view.history.map(
  (e, i) => html`<tr data-action="${e.action}">
<td>${when(e.at)}</td>
<th scope="row">${"canary" in e ? html`canary <code>${e.canary}</code>` : label(e.category)}</th>
<td>${e.action === "re_enabled" ? "re-enabled" : "canary" in e ? "rolled back" : "fell back to draft"}</td>
<td>${MEASURE_TEXT[e.reason] ?? e.reason}</td>
<td class="num">${metric(`history.${i}.rate`, e.rate, rate)}</td>
<td class="num">${metric(`history.${i}.samples`, e.samples, formatCount)}</td>
<td class="num">${metric(`history.${i}.threshold`, e.threshold, rate)}</td>
<td>${e.by}</td>
</tr>`,
)}
</tbody>
</table>`;
}

/**
 * The Guard page: the categories whose autosend the stage guard fell back to draft (each with a
 * re-enable form) and the account's guard history, both from the ledger as GET /admin/guard/status
 * answers them.
 */
export function guardPage(options: GuardPageOptions): Html {
  const { data, view } = options;
  const problems = options.problems ?? [];
  const body = html`<h1>Stage guard</h1>
<p>Every hour the guard reads each category's autosent tickets over its window. When more of them were
falsely resolved (reopened or re-contacted) or rated bad than the category's maximum allows, over at least
the minimum number of tickets, its autosend falls back to draft. It stays there until you re-enable it here
(or, if <code>guard_auto_reenable</code> is on, until its rates are back under the maximum); a re-enable
starts the category's window afresh. The canary's tickets are judged the same way, per canary fingerprint:
a trip rolls the canary back (its tickets decide with the current settings) until you re-enable it here or
change the canary block.</p>
${filterForm(data.values, data.accounts, data.problems, GUARD_PAGE_PATH)}
${
  data.problems.length
    ? html`<div role="alert"><p>Fix the filters:</p><ul>${data.problems.map(
        (p) => html`<li><a href="#filter-${p.name}">${p.name}</a>: ${p.message}</li>`,
      )}</ul></div>`
    : ""
}
${data.notice ? html`<p class="notice">${data.notice}</p>` : ""}
${
  problems.length
    ? html`<div role="alert"><ul>${problems.map((p) => html`<li>${p.name}: ${p.message}</li>`)}</ul></div>`
    : ""
}
${
  options.reenabled
    ? options.reenabled.startsWith("canary ")
      ? html`<p class="notice" role="status">The ${options.reenabled} re-enabled: its tickets decide with it again.</p>`
      : html`<p class="notice" role="status">Autosend of ${label(options.reenabled)} re-enabled:
its next message may be sent.</p>`
    : ""
}
${view ? settingsLine(view.settings) : ""}
${
  view
    ? html`<section aria-labelledby="guard-fallbacks"><h2 id="guard-fallbacks">Fallen back to draft</h2>
${fallbacksTable(view, options)}</section>
<section aria-labelledby="guard-canaries"><h2 id="guard-canaries">Canaries rolled back</h2>
${canaryRollbacksTable(view, { ...options, action: GUARD_PAGE_PATH })}</section>
<section aria-labelledby="guard-history"><h2 id="guard-history">History</h2>
${historyTable(view)}</section>`
    : ""
}`;
  return consoleLayout({
    title: "Stage guard",
    body,
    signedIn: { csrf: options.csrf, current: GUARD_PAGE_PATH, query: filterQuery(data.values) },
  });
}
