import { html, raw } from "hono/html";
import { HANDOFF_SECTIONS, REVIEW_VERDICTS, WRONG_ESCALATION_KINDS } from "../../domain/review.ts";
import { reasonText } from "../../handoff/reason-text.ts";
import type { MetricsReport } from "../admin/metrics-report.ts";
import { type Html, consoleLayout } from "./console-layout.ts";
import type { ConsoleReport } from "./console-report.ts";
import { filterQuery } from "./overview-filters.ts";
import { formatMinutes, formatShare, NONE } from "./format-number.ts";
import { filterForm, metric } from "./overview-page.ts";
import { SECTION_LABEL, VERDICT_LABEL, WRONG_ESCALATION_LABEL } from "./review-labels.ts";
import { tableHead } from "./table-head.ts";

export const ESCALATIONS_PATH = "/admin/escalations";

const REASONS_CAPTION =
  "Escalated messages by reason and category. " +
  "A message can carry several reasons, so a column can add up to more than its escalations.";
// raw: a constant of ours, written as the markup it was inlined as (the apostrophe stays unescaped).
const RATINGS_CAPTION = raw(
  "Agents' ratings of this period's handoffs (one per agent and handoff, the latest); " + "shares are of all ratings.",
);

export { filterQuery };

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
  const reasonRow = (code: string) => {
    const cells = categories.map((c) => cell(c, code));
    const total = metric(`escalation_reasons.${code}`, r.escalation_reasons[code] ?? 0);
    const th = html`<th scope="row">${reasonText(code)} <code>${code}</code></th>`;
    return html`<tr>${th}${cells}<td class="num">${total}</td></tr>`;
  };
  const categoryColumns = categories.map((c) => ({ num: c.replace(/_/g, " ") }));
  return html`<table id="reasons-by-category">
<caption>${REASONS_CAPTION}</caption>
${tableHead("Reason", ...categoryColumns, { num: "All categories" })}
<tbody>
<tr><th scope="row">Escalated messages</th>${categories.map(
    (c) => html`<td class="num">${metric(`by_category.${c}.escalated`, r.by_category[c]?.escalated ?? 0)}
<span class="label">of ${metric(`by_category.${c}.messages`, r.by_category[c]?.messages ?? 0)}</span></td>`,
  )}<td class="num">${metric("outcomes.escalated", r.outcomes.escalated)}</td></tr>
${reasons.map(reasonRow)}
</tbody>
</table>`;
}

function ratingsTable(r: MetricsReport): Html {
  const { handoff_ratings: h } = r;
  const row = (label: string, path: string, value: number, cls = "") => {
    const th = html`<th scope="row"${cls ? html` class="${cls}"` : ""}>${label}</th>`;
    const share = formatShare(value, h.rated);
    return html`<tr>${th}<td class="num">${metric(path, value)}</td><td class="num">${share}</td></tr>`;
  };
  const missing = (s: (typeof HANDOFF_SECTIONS)[number]) =>
    row(`Missing: ${SECTION_LABEL[s]}`, `handoff_ratings.missing_section.${s}`, h.missing_section[s], "step-1");
  const wrong = (k: (typeof WRONG_ESCALATION_KINDS)[number]) =>
    row(
      `Wrong escalation: ${WRONG_ESCALATION_LABEL[k].toLowerCase()}`,
      `handoff_ratings.wrong_escalation.${k}`,
      h.wrong_escalation[k],
      "step-1",
    );
  return html`<table id="handoff-ratings">
<caption>${RATINGS_CAPTION}</caption>
${tableHead("Rating", { num: "Ratings" }, { num: "Share" })}
<tbody>
${row("Rated", "handoff_ratings.rated", h.rated)}
${row("Useful", "handoff_ratings.useful", h.useful, "step-1")}
${HANDOFF_SECTIONS.map(missing)}
${WRONG_ESCALATION_KINDS.map(wrong)}
</tbody>
</table>`;
}

function verdictsTable(r: MetricsReport): Html {
  const { reviews } = r;
  const verdictRow = (v: (typeof REVIEW_VERDICTS)[number]) => {
    const count = metric(`reviews.by_verdict.${v}`, reviews.by_verdict[v]);
    const share = formatShare(reviews.by_verdict[v], reviews.reviewed);
    const th = html`<th scope="row" class="step-1">${VERDICT_LABEL[v]}</th>`;
    return html`<tr>${th}<td class="num">${count}</td><td class="num">${share}</td></tr>`;
  };
  const agreement = metric("reviews.agreement", reviews.agreement, (v) => (v === null ? NONE : formatShare(v, 1)));
  return html`<table id="review-verdicts">
<caption>Reviewers' verdicts on this period's decisions (one per decision, the latest).</caption>
${tableHead("Verdict", { num: "Decisions" }, { num: "Share" })}
<tbody>
<tr><th scope="row">Reviewed</th><td class="num">${metric("reviews.reviewed", reviews.reviewed)}</td><td></td></tr>
${REVIEW_VERDICTS.map(verdictRow)}
</tbody>
</table>
<p>Agreement (right call, of reviewed): ${agreement}.</p>`;
}

function reportBody(r: MetricsReport, query: string): Html {
  const replied = metric("escalation_first_reply.replied", r.escalation_first_reply.replied);
  const queueLink = html`<a href="/admin/review?${query}">Open the review queue</a>`;
  return html`<p>${r.range.from} to ${r.range.to} (UTC), computed ${r.as_of.slice(0, 16).replace("T", " ")} UTC.</p>
<section aria-labelledby="reasons">
<h2 id="reasons">Why Deskmate handed off</h2>
${reasonsByCategory(r)}
</section>
<section aria-labelledby="first-reply">
<h2 id="first-reply">Time from handoff to the first human reply</h2>
<p>Median ${metric("escalation_first_reply.median_minutes", r.escalation_first_reply.median_minutes, formatMinutes)}
over ${replied} escalated tickets a person has replied to
(of ${metric("tickets.escalated", r.tickets.escalated)} escalated tickets first seen in the period).</p>
</section>
<section aria-labelledby="ratings">
<h2 id="ratings">Handoff ratings</h2>
${ratingsTable(r)}
</section>
<section aria-labelledby="verdicts">
<h2 id="verdicts">Review verdicts</h2>
${verdictsTable(r)}
<p>${queueLink} for the decisions of this period nobody has reviewed yet.</p>
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
  return consoleLayout({
    title: "Escalations",
    body,
    signedIn: { csrf, current: ESCALATIONS_PATH, query: filterQuery(data.values) },
  });
}
