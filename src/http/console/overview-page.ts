import { html } from "hono/html";
import type { LedgerAccount } from "../../ports/ledger.ts";
import type { FieldProblem } from "../admin/validate-setting-values.ts";
import type { MetricsReport } from "../admin/metrics-report.ts";
import { type Html, consoleLayout } from "./console-layout.ts";
import { formatCount, formatMinutes, formatShare, formatUsd } from "./format-number.ts";
import { type FilterValues, filterQuery } from "./overview-filters.ts";
import { tableHead } from "./table-head.ts";
import { trendCharts } from "./trend-charts.ts";
import type { DailyTrends } from "../../metrics/daily-trends.ts";

export interface OverviewPageOptions {
  csrf: string;
  values: FilterValues;
  accounts: readonly LedgerAccount[];
  problems: readonly FieldProblem[];
  report: MetricsReport | null;
  /** Why there is no report (no ledger, empty ledger, a read that failed), when there is none. */
  notice?: string;
  /** The daily trends drawn below the funnel; null when the range is too long for them. */
  trends?: DailyTrends | null;
}

type Format = (value: number | null) => string;

/**
 * A number as people read it (each metric appears once on the page), with `data-metric` naming its path
 * in the GET /admin/metrics answer and `data-value` holding the raw value ("null" for none), so a test
 * can compare the two exactly.
 */
export function metric(path: string, value: number | null, format: Format = formatCount): Html {
  const exact = value === null ? "null" : String(value);
  return html`<span data-metric="${path}" data-value="${exact}">${format(value)}</span>`;
}

/** One row of a funnel table: label, count, share of its parent and a bar drawn to that share. */
function funnelRow(label: string, path: string, value: number, whole: number, step: 0 | 1 | 2): Html {
  const width = whole > 0 ? Math.min(100, (value / whole) * 100) : 0;
  return html`<tr>
<th scope="row" class="step-${step}">${label}</th>
<td class="num">${metric(path, value)}</td>
<td class="num">${step === 0 ? "" : formatShare(value, whole)}</td>
<td aria-hidden="true"><div class="track"><div class="bar" style="width:${width.toFixed(1)}%"></div></div></td>
</tr>`;
}

/** The accounts the ledger knows, offered by the account fields (`list="ledger-accounts"`). */
export function accountsDatalist(accounts: readonly LedgerAccount[]): Html {
  const options = accounts.map((a) => html`<option value="${a.account}">${a.platform}</option>`);
  return html`<datalist id="ledger-accounts">${options}</datalist>`;
}

/** The filter form; `action` is the page it reloads (every report page takes the same filters). */
export function filterForm(
  values: FilterValues,
  accounts: readonly LedgerAccount[],
  problems: readonly FieldProblem[],
  action = "/admin",
): Html {
  const problemOf = (name: string) => problems.find((p) => p.name === name);
  const field = (name: keyof FilterValues, label: string, control: Html) => {
    const problem = problemOf(name);
    return html`<label for="filter-${name}">${label}${control}${
      problem ? html`<span class="field-error" id="filter-${name}-error">${problem.message}</span>` : ""
    }</label>`;
  };
  const invalid = (name: string) =>
    problemOf(name) ? html` aria-invalid="true" aria-describedby="filter-${name}-error"` : "";
  const option = (value: string, label: string) =>
    html`<option value="${value}"${values.platform === value ? html` selected` : ""}>${label}</option>`;
  const platforms = html`${option("zendesk", "Zendesk")}${option("intercom", "Intercom")}`;
  const platform = html`<select id="filter-platform" name="platform"${invalid("platform")}>${platforms}</select>`;
  const accountAttributes = html`name="account" list="ledger-accounts" value="${values.account}" size="18"`;
  const account = html`<input id="filter-account" ${accountAttributes}${invalid("account")}>`;
  const from = html`<input id="filter-from" name="from" type="date" value="${values.from}"${invalid("from")}>`;
  const to = html`<input id="filter-to" name="to" type="date" value="${values.to}"${invalid("to")}>`;
  return html`<form id="filters" method="get" action="${action}" aria-label="Report filters">
${field("platform", "Platform", platform)}
${field("account", "Account", account)}
${accountsDatalist(accounts)}
${field("from", "From (UTC)", from)}
${field("to", "To (UTC, included)", to)}
${values.as_of ? html`<input type="hidden" name="as_of" value="${values.as_of}">` : ""}
<button type="submit">Show</button>
</form>
${values.as_of && !problemOf("as_of") ? asOfLine(values, action) : ""}`;
}

/** A report computed at an earlier or later instant says so, with the way back to now. */
function asOfLine(values: FilterValues, action: string): Html {
  const now = `${action}?${filterQuery({ ...values, as_of: "" })}`;
  // Shown as the Overview's own "computed" line is: minutes, UTC (the value was checked as an instant).
  const shown = `${new Date(values.as_of).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return html`<p class="notice" id="as-of">Computed as of <time datetime="${values.as_of}">${shown}</time>,
not now: outcomes that fell due after it are left out. <a href="${now}">Show as of now</a></p>`;
}

function reportBody(r: MetricsReport): Html {
  const { outcomes, tickets: t } = r;
  const stayed = formatShare(t.stayed_resolved, t.handled);
  const perTicket = metric("cost.per_stayed_resolved_usd", r.cost.per_stayed_resolved_usd, formatUsd);
  const reply = r.escalation_first_reply;
  const median = metric("escalation_first_reply.median_minutes", reply.median_minutes, formatMinutes);
  const replied = metric("escalation_first_reply.replied", reply.replied);
  const modelCost = metric("cost.model_usd", r.cost.model_usd, formatUsd);
  const cacheRead = metric("cost.cache_read_tokens", r.cost.cache_read_tokens);
  const bar = html`<span class="sr-only">Bar</span>`;
  return html`<p>${r.range.from} to ${r.range.to} (UTC), computed ${r.as_of.slice(0, 16).replace("T", " ")} UTC.
A ticket counts as resolved after ${r.definitions.resolution_wait_hours} hours without a reply and stays resolved
after ${r.definitions.stayed_resolved_days} days without a reopen or a new ticket.</p>
<section aria-labelledby="headline">
<h2 id="headline">This period</h2>
<div class="cards">
<div class="card"><div class="label">Stayed resolved, of tickets handled</div><div class="value">${stayed}</div></div>
<div class="card"><div class="label">Cost per stayed-resolved ticket</div><div class="value">${perTicket}</div></div>
<div class="card"><div class="label">Median first human reply after a handoff</div><div class="value">${median}</div>
<div class="label">over ${replied} answered handoffs</div></div>
<div class="card"><div class="label">Model cost</div><div class="value">${modelCost}</div></div>
</div>
</section>
<section aria-labelledby="messages-funnel">
<h2 id="messages-funnel">Messages: what Deskmate did</h2>
<table>
<caption>Each customer message ends in one outcome; shares are of all messages.</caption>
${tableHead("Outcome", { num: "Messages" }, { num: "Share" }, bar)}
<tbody>
${funnelRow("Messages", "messages", r.messages, r.messages, 0)}
${funnelRow("Answered", "outcomes.answered", outcomes.answered, r.messages, 1)}
${funnelRow("Asked one question", "outcomes.asked", outcomes.asked, r.messages, 1)}
${funnelRow("Acted (support action)", "outcomes.acted", outcomes.acted, r.messages, 1)}
${funnelRow("Escalated to a human", "outcomes.escalated", outcomes.escalated, r.messages, 1)}
${funnelRow("Skipped (a person owns the ticket)", "outcomes.skipped", outcomes.skipped, r.messages, 1)}
</tbody>
</table>
</section>
<section aria-labelledby="tickets-funnel">
<h2 id="tickets-funnel">Tickets: did it stay resolved?</h2>
<table>
<caption>Tickets first seen in the period; each share is of the row above it.</caption>
${tableHead("Tickets", { num: "Count" }, { num: "Share" }, bar)}
<tbody>
${funnelRow("Handled by Deskmate", "tickets.handled", t.handled, t.handled, 0)}
${funnelRow("AI-resolved", "tickets.ai_resolved", t.ai_resolved, t.handled, 1)}
${funnelRow("Stayed resolved", "tickets.stayed_resolved", t.stayed_resolved, t.ai_resolved, 2)}
${funnelRow("Reopened", "tickets.reopened", t.reopened, t.ai_resolved, 2)}
${funnelRow("Re-contacted (new ticket, same customer)", "tickets.recontacted", t.recontacted, t.ai_resolved, 2)}
${funnelRow(
  "Still inside the stayed-resolved window",
  "tickets.resolution_pending",
  t.resolution_pending,
  t.ai_resolved,
  2,
)}
${funnelRow("Escalated", "tickets.escalated", t.escalated, t.handled, 1)}
${funnelRow("Unresolved (no answer, no handoff)", "tickets.unresolved", t.unresolved, t.handled, 1)}
${funnelRow("Waiting for the customer", "tickets.waiting", t.waiting, t.handled, 1)}
</tbody>
</table>
<p>False resolutions (reopened or re-contacted): ${metric("tickets.false_resolutions", t.false_resolutions)}.
Confirmed by the customer: ${metric("tickets.confirmed", t.confirmed)}.
Human-only tickets (the baseline): ${metric("tickets.human_only", t.human_only)}.</p>
</section>
<section aria-labelledby="cost">
<h2 id="cost">Cost</h2>
<p>The model cost above paid for ${metric("cost.input_tokens", r.cost.input_tokens)} input and
${metric("cost.output_tokens", r.cost.output_tokens)} output tokens (${cacheRead}
read from the prompt cache). Each number on this page appears once and equals the same field of
<code>GET /admin/metrics</code> for the same filters.</p>
</section>`;
}

/** The Overview: the filter form, then the funnel, cost and first human reply of the chosen report. */
export function overviewPage(options: OverviewPageOptions): Html {
  const { problems, report } = options;
  const body = html`<h1>Overview</h1>
${filterForm(options.values, options.accounts, problems)}
${
  problems.length
    ? html`<div role="alert"><p>Fix the filters:</p><ul>${problems.map(
        (p) => html`<li><a href="#filter-${p.name}">${p.name}</a>: ${p.message}</li>`,
      )}</ul></div>`
    : ""
}
${options.notice ? html`<p class="notice">${options.notice}</p>` : ""}
${report ? reportBody(report) : ""}
${report && options.trends !== undefined ? trendCharts(options.trends) : ""}`;
  return consoleLayout({
    title: "Overview",
    body,
    signedIn: { csrf: options.csrf, current: "/admin", query: filterQuery(options.values) },
  });
}
