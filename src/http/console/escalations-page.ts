import { html } from "hono/html";
import { HANDOFF_SECTIONS, REVIEW_VERDICTS, WRONG_ESCALATION_KINDS } from "../../domain/review.ts";
import { reasonText } from "../../handoff/reason-text.ts";
import type { MetricsReport } from "../admin/metrics-report.ts";
import { type Html, consoleLayout } from "./console-layout.ts";
import type { ConsoleReport } from "./console-report.ts";
import { formatMinutes, formatShare, NONE } from "./format-number.ts";
import { filterForm, metric } from "./overview-page.ts";
import { SECTION_LABEL, VERDICT_LABEL, WRONG_ESCALATION_LABEL } from "./review-labels.ts";

export const ESCALATIONS_PATH = "/admin/escalations";

/** The filters as a query string, so links between console pages keep them. */
export function filterQuery(values: ConsoleReport["values"]): string {
  return new URLSearchParams({ ...values }).toString();
}

/** Reasons (rows) by category (columns, the most escalated first): which categories escalate, and why. */
function reasonsByCategory(r: MetricsReport): Html {
  const categories = Object.entries(r.by_category)
    .filter(([, c]) => c.escalated > 0)
    .sort(([a, x], [b, y]) => y.escalated - x.escalated || a.localeCompare(b))
    .map(([name]) => name);
  const reasons = Object.entries(r.escalation_reasons)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([code]) => code);
  if (categories.length === 0) return html`<p class="notice">No escalations in this period.</p>`;
  const cell = (category: string, reason: string) => {
    const n = r.escalations_by_category[category]?.[reason];
    return n === undefined
      ? html`<td class="num"><span aria-label="none">${NONE}</span></td>`
      : html`<td class="num">${metric(`escalations_by_category.${category}.${reason}`, n)}</td>`;
  };
  return html`<table id="reasons-by-category">
<caption>Escalated messages by reason and category. A message can carry several reasons, so a column can add up to more than its escalations.</caption>
<thead><tr><th scope="col">Reason</th>${categories.map((c) => html`<th scope="col" class="num">${c.replace(/_/g, " ")}</th>`)}<th scope="col" class="num">All categories</th></tr></thead>
<tbody>
<tr><th scope="row">Escalated messages</th>${categories.map(
    (c) => html`<td class="num">${metric(`by_category.${c}.escalated`, r.by_category[c]?.escalated ?? 0)}
<span class="label">of ${metric(`by_category.${c}.messages`, r.by_category[c]?.messages ?? 0)}</span></td>`,
  )}<td class="num">${metric("outcomes.escalated", r.outcomes.escalated)}</td></tr>
${reasons.map(
  (code) =>
    html`<tr><th scope="row">${reasonText(code)} <code>${code}</code></th>${categories.map((c) => cell(c, code))}<td class="num">${metric(`escalation_reasons.${code}`, r.escalation_reasons[code] ?? 0)}</td></tr>`,
)}
</tbody>
</table>`;
}

function ratingsTable(r: MetricsReport): Html {
  const { handoff_ratings: h } = r;
  const row = (label: string, path: string, value: number, cls = "") =>
    html`<tr><th scope="row"${cls ? html` class="${cls}"` : ""}>${label}</th><td class="num">${metric(path, value)}</td><td class="num">${formatShare(value, h.rated)}</td></tr>`;
  return html`<table id="handoff-ratings">
<caption>Agents' ratings of this period's handoffs (one per agent and handoff, the latest); shares are of all ratings.</caption>
<thead><tr><th scope="col">Rating</th><th scope="col" class="num">Ratings</th><th scope="col" class="num">Share</th></tr></thead>
<tbody>
${row("Rated", "handoff_ratings.rated", h.rated)}
${row("Useful", "handoff_ratings.useful", h.useful, "step-1")}
${HANDOFF_SECTIONS.map((s) => row(`Missing: ${SECTION_LABEL[s]}`, `handoff_ratings.missing_section.${s}`, h.missing_section[s], "step-1"))}
${WRONG_ESCALATION_KINDS.map((k) => row(`Wrong escalation: ${WRONG_ESCALATION_LABEL[k].toLowerCase()}`, `handoff_ratings.wrong_escalation.${k}`, h.wrong_escalation[k], "step-1"))}
</tbody>
</table>`;
}

function verdictsTable(r: MetricsReport): Html {
  const { reviews } = r;
  return html`<table id="review-verdicts">
<caption>Reviewers' verdicts on this period's decisions (one per decision, the latest).</caption>
<thead><tr><th scope="col">Verdict</th><th scope="col" class="num">Decisions</th><th scope="col" class="num">Share</th></tr></thead>
<tbody>
<tr><th scope="row">Reviewed</th><td class="num">${metric("reviews.reviewed", reviews.reviewed)}</td><td></td></tr>
${REVIEW_VERDICTS.map(
  (v) =>
    html`<tr><th scope="row" class="step-1">${VERDICT_LABEL[v]}</th><td class="num">${metric(`reviews.by_verdict.${v}`, reviews.by_verdict[v])}</td><td class="num">${formatShare(reviews.by_verdict[v], reviews.reviewed)}</td></tr>`,
)}
</tbody>
</table>
<p>Agreement (right call, of reviewed): ${metric("reviews.agreement", reviews.agreement, (v) => (v === null ? NONE : formatShare(v, 1)))}.</p>`;
}

function reportBody(r: MetricsReport, query: string): Html {
  return html`<p>${r.range.from} to ${r.range.to} (UTC), computed ${r.as_of.slice(0, 16).replace("T", " ")} UTC.</p>
<section aria-labelledby="reasons">
<h2 id="reasons">Why Deskmate handed off</h2>
${reasonsByCategory(r)}
</section>
<section aria-labelledby="first-reply">
<h2 id="first-reply">Time from handoff to the first human reply</h2>
<p>Median ${metric("escalation_first_reply.median_minutes", r.escalation_first_reply.median_minutes, formatMinutes)}
over ${metric("escalation_first_reply.replied", r.escalation_first_reply.replied)} escalated tickets a person has replied to
(of ${metric("tickets.escalated", r.tickets.escalated)} escalated tickets first seen in the period).</p>
</section>
<section aria-labelledby="ratings">
<h2 id="ratings">Handoff ratings</h2>
${ratingsTable(r)}
</section>
<section aria-labelledby="verdicts">
<h2 id="verdicts">Review verdicts</h2>
${verdictsTable(r)}
<p><a href="/admin/review?${query}">Open the review queue</a> for the decisions of this period nobody has reviewed yet.</p>
</section>`;
}

/** The Escalations page: the filter form, then reasons by category, first human reply, ratings and verdicts. */
export function escalationsPage(csrf: string, data: ConsoleReport): Html {
  const body = html`<h1>Escalations</h1>
${filterForm(data.values, data.accounts, data.problems, ESCALATIONS_PATH)}
${
  data.problems.length
    ? html`<div role="alert"><p>Fix the filters:</p><ul>${data.problems.map(
        (p) => html`<li><a href="#filter-${p.name}">${p.name}</a>: ${p.message}</li>`,
      )}</ul></div>`
    : ""
}
${data.notice ? html`<p class="notice">${data.notice}</p>` : ""}
${data.report ? reportBody(data.report, filterQuery(data.values)) : ""}`;
  return consoleLayout({ title: "Escalations", body, signedIn: { csrf, current: ESCALATIONS_PATH } });
}
