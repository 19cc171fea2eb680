import { html, raw } from "hono/html";
import type { KnowledgeSources } from "../../ports/ledger.ts";
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

function gapsSection(report: MetricsReport): Html {
  const gaps = report.knowledge_gaps;
  return html`<section aria-labelledby="gaps">
<h2 id="gaps">Knowledge gaps by category</h2>
<p>Messages where retrieval found nothing or policy refused a reply its sources did not back.</p>
${
  gaps.length === 0
    ? html`<p class="notice">No knowledge gaps in this period.</p>`
    : html`<table>
<caption>Most gaps first; the share is of the category's messages in the period.</caption>
${tableHead("Category", { num: "Gaps" }, { num: "Messages" }, { num: "Share" })}
<tbody>
${gaps.map((g) => {
  const messages = report.by_category[g.category]?.messages ?? 0;
  const shown = formatCount(g.count);
  const count = html`<span data-gap-category="${g.category}" data-value="${String(g.count)}">${shown}</span>`;
  return html`<tr><th scope="row">${g.category}</th>
<td class="num">${count}</td>
<td class="num">${formatCount(messages)}</td><td class="num">${formatShare(g.count, messages)}</td></tr>`;
})}
</tbody>
</table>`
}
<p>Example questions are not shown: the ledger stores ids, codes and numbers, never what customers wrote,
so a gap's questions are read in the helpdesk (open the category's tickets there).</p>
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
    const sources = await ledger.knowledgeSources(query);
    const range = html`${report.range.from} to ${report.range.to} (UTC)`;
    return html`<p>${range}: where Deskmate's knowledge fell short, and what it leaned on.</p>
${gapsSection(report)}
${staleSection(report, sources)}
${citedSection(sources)}`;
  },
};
