import { html, raw } from "hono/html";
import { UNKNOWN_CATEGORY } from "../../metrics/compute-metrics.ts";
import type { KnowledgeGapExample, KnowledgeSources } from "../../ports/ledger.ts";
import type { MetricsReport } from "../admin/metrics-report.ts";
import type { Html } from "./console-layout.ts";
import { formatCount, formatShare, NONE } from "./format-number.ts";
import { metric } from "./overview-page.ts";
import type { ReportPage } from "./report-page-route.ts";
import { tableHead } from "./table-head.ts";

/** An age in whole days for people: 0 → "today", 1 → "1 day", 400 → "400 days"; a dash when unknown. */
export function formatAgeDays(days: number | null): string {
  if (days === null) return NONE;
  const whole = Math.max(0, Math.floor(days));
  if (whole === 0) return "today";
  return `${formatCount(whole)} ${whole === 1 ? "day" : "days"}`;
}

/** Example questions shown per gap category: enough to see the pattern, few enough to scan. */
const EXAMPLES_PER_CATEGORY = 3;

// This page's own layout, kept here so the shared stylesheet stays as other pages need it.
const STYLE = `
ul.examples { margin: 0; padding-left: 1.1rem; } ul.examples li { margin: .15rem 0; }
ul.examples small { color: var(--muted); white-space: nowrap; }
`;

function examplesCell(category: string, examples: readonly KnowledgeGapExample[]): Html {
  if (examples.length === 0) return html`<td><em>none recorded</em></td>`;
  return html`<td><ul class="examples" data-gap-examples="${category}">
${examples.map(
  (e) => html`<li><q data-example>${e.excerpt}</q>
<small>ticket ${e.ticketId}, ${e.decidedAt.slice(0, 10)}</small></li>`,
)}
</ul></td>`;
}

function gapsSection(report: MetricsReport, examples: readonly KnowledgeGapExample[]): Html {
  const gaps = report.knowledge_gaps;
  const byCategory = new Map<string, KnowledgeGapExample[]>();
  for (const e of examples) {
    const key = e.category ?? UNKNOWN_CATEGORY;
    byCategory.set(key, [...(byCategory.get(key) ?? []), e]);
  }
  return html`<section aria-labelledby="gaps">
<h2 id="gaps">Knowledge gaps by category</h2>
<p>Messages where retrieval found nothing or policy refused a reply its sources did not back.</p>
${
  gaps.length === 0
    ? html`<p class="notice">No knowledge gaps in this period.</p>`
    : html`<table>
<caption>Most gaps first; the share is of the category's messages in the period.</caption>
${tableHead("Category", { num: "Gaps" }, { num: "Messages" }, { num: "Share" }, "Recent questions (masked)")}
<tbody>
${gaps.map((g) => {
  const messages = report.by_category[g.category]?.messages ?? 0;
  const shown = formatCount(g.count);
  const count = html`<span data-gap-category="${g.category}" data-value="${String(g.count)}">${shown}</span>`;
  return html`<tr><th scope="row">${g.category}</th>
<td class="num">${count}</td>
<td class="num">${formatCount(messages)}</td><td class="num">${formatShare(g.count, messages)}</td>
${examplesCell(g.category, byCategory.get(g.category) ?? [])}</tr>`;
})}
</tbody>
</table>`
}
<p>Questions are the newest ${EXAMPLES_PER_CATEGORY} of each category as the ledger keeps them: a short excerpt
with e-mails, phone numbers, cards, ids, long numbers and links masked. Messages decided before excerpts
were kept have none; read those in the helpdesk.</p>
</section>`;
}

function staleSection(report: MetricsReport, sources: KnowledgeSources): Html {
  const { staleBlocked } = sources;
  const shown = formatCount(staleBlocked.decisions);
  const blocked = html`<span data-stale-decisions data-value="${String(staleBlocked.decisions)}">${shown}</span>`;
  const escalated = metric("escalation_reasons.stale_knowledge", report.escalation_reasons.stale_knowledge ?? 0);
  return html`<section aria-labelledby="stale">
<h2 id="stale">Stale passages that blocked answers</h2>
<p>Decisions held back because the only passages they rested on were too old for a volatile topic
(reason <code>stale_knowledge</code>): ${blocked}
in this period, ${escalated} of them escalated.</p>
${
  staleBlocked.bySource.length === 0
    ? ""
    : html`<table>
<caption>By source, most blocked first: update these first.</caption>
${tableHead("Source", { num: "Decisions blocked" }, { num: "Oldest age seen" })}
<tbody>
${staleBlocked.bySource.map(
  (
    s,
  ) => html`<tr><th scope="row">${s.id === null ? html`<em>source not recorded</em>` : html`<code>${s.id}</code>`}</th>
<td class="num">${formatCount(s.decisions)}</td><td class="num">${formatAgeDays(s.maxAgeDays)}</td></tr>`,
)}
</tbody>
</table>`
}
</section>`;
}

// raw: a constant of ours, written as the markup it was inlined as (the apostrophes stay unescaped).
const CITED_CAPTION = raw(
  "Articles and knowledge-pack passages the period's answers cited, most cited first; " +
    "the age is the source's age when it was last cited.",
);

function citedSection(sources: KnowledgeSources): Html {
  return html`<section aria-labelledby="cited">
<h2 id="cited">Sources cited most</h2>
${
  sources.cited.length === 0
    ? html`<p class="notice">No answer cited a source in this period.</p>`
    : html`<table>
<caption>${CITED_CAPTION}</caption>
${tableHead("Source", { num: "Answers citing it" }, { num: "Age when last cited" }, "Last cited (UTC)")}
<tbody>
${sources.cited.map(
  (s) => html`<tr><th scope="row"><code>${s.id}</code></th>
<td class="num"><span data-cited="${s.id}" data-value="${String(s.citations)}">${formatCount(s.citations)}</span></td>
<td class="num">${formatAgeDays(s.ageDays)}</td><td>${s.lastCitedAt.slice(0, 16).replace("T", " ")}</td></tr>`,
)}
</tbody>
</table>`
}
</section>`;
}

/** GET /admin/knowledge: gaps per category, stale passages that blocked answers, and the sources cited most. */
export const KNOWLEDGE_PAGE: ReportPage = {
  path: "/admin/knowledge",
  title: "Knowledge",
  body: async ({ report, ledger, query }) => {
    const [sources, examples] = await Promise.all([
      ledger.knowledgeSources(query),
      ledger.knowledgeGapExamples({ ...query, perCategory: EXAMPLES_PER_CATEGORY }),
    ]);
    const range = html`${report.range.from} to ${report.range.to} (UTC)`;
    return html`<style>${raw(STYLE)}</style>
<p>${range}: where Deskmate's knowledge fell short, and what it leaned on.</p>
${gapsSection(report, examples)}
${staleSection(report, sources)}
${citedSection(sources)}`;
  },
};
