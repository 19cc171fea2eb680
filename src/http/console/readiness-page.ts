import { html } from "hono/html";
import type { Settings } from "../../config/settings-schema.ts";
import type { Platform } from "../../domain/support-event.ts";
import type { CategoryReadiness, ScoredShare } from "../../rollout/shadow-readiness.ts";
import { type ReadinessReport, readinessReport } from "../admin/readiness-report.ts";
import type { Html } from "./console-layout.ts";
import { formatCount, NONE } from "./format-number.ts";
import { metric } from "./overview-page.ts";
import type { ReportPage } from "./report-page-route.ts";
import { tableHead } from "./table-head.ts";

export const READINESS_PAGE_PATH = "/admin/readiness/page";

const PERCENT = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 0 });
const rate = (value: number | null) => (value === null ? NONE : PERCENT.format(value));

/** A share as people read it: "92% (46 of 50)" and its interval "81% to 97%", each number tagged. */
function shareCells(path: string, share: ScoredShare): Html {
  const interval = share.interval;
  return html`<td class="num">${metric(`${path}.rate`, share.rate, rate)}
<br><span class="label">${metric(`${path}.count`, share.count)} of ${metric(`${path}.total`, share.total)}</span></td>
<td class="num">${
    interval
      ? html`${metric(`${path}.low`, interval.low, rate)} to ${metric(`${path}.high`, interval.high, rate)}`
      : NONE
  }</td>`;
}

/** Paths name the API answer's leaves (`categories.0.samples`), so the page and the JSON can be compared. */
function categoryRow(c: CategoryReadiness, index: number): Html {
  const path = `categories.${index}`;
  const status = c.ready
    ? html`<strong data-ready="${c.category}">ready</strong>`
    : html`<span data-not-ready="${c.category}">not yet: ${c.not_ready_because.join(", ").replaceAll("_", " ")}</span>`;
  return html`<tr>
<th scope="row" data-category="${c.category}">${c.category}</th>
<td class="num">${metric(`${path}.samples`, c.samples)}</td>
${shareCells(`${path}.decision_agreement`, c.decision_agreement)}
${shareCells(`${path}.answer_agreement`, c.answer_agreement)}
${shareCells(`${path}.draft_acceptance`, c.draft_acceptance)}
${shareCells(`${path}.human_tagged`, c.human_tagged)}
<td>${c.human_tagged.top_tags.map((t, i) => {
    const count = metric(`${path}.human_tagged.top_tags.${i}.count`, t.count);
    return html`${i ? ", " : ""}<span data-tag="${t.tag}">${t.tag}</span> (${count})`;
  })}</td>
<td>${status}</td>
</tr>`;
}

function body(report: ReadinessReport): Html {
  const d = report.definitions;
  return html`<p>${report.range.from} to ${report.range.to} (UTC). Each shadow or draft decision is compared with
what the human did next (within ${d.window_days} days, before the ticket's next decision): did they escalate
where Deskmate would have, to the same group; did they answer where it would have answered or asked; do the
facts of the two replies agree (prices, dates, numbers, links); was a suggested reply sent, edited or discarded.
"Human tagged" is the share of decisions after which a person added tags (Deskmate's own tags never count):
shown to read, not part of readiness.</p>
<p>A category is <strong>ready for autosend</strong> when at least
${metric("definitions.min_samples", d.min_samples)} decisions were scored and the lower end of the 95% interval
(Wilson score) of decision agreement, and of answer agreement where there are answers, reaches
${metric("definitions.threshold", d.threshold, rate)}. Ready now:
<span data-ready-categories>${report.ready_categories.length ? report.ready_categories.join(", ") : "none"}</span>.</p>
<section aria-labelledby="readiness">
<h2 id="readiness">By category</h2>
${
  report.categories.length === 0
    ? html`<p class="notice">No shadow or draft decision in this period:
run Deskmate in shadow or draft mode first.</p>`
    : html`<table>
<caption>Scored decisions per category with the share that agreed and its 95% interval (Wilson).</caption>
${tableHead(
  "Category",
  { num: "Scored" },
  { num: "Decision agreement" },
  { num: "95% interval" },
  { num: "Answer agreement" },
  { num: "95% interval" },
  { num: "Draft acceptance" },
  { num: "95% interval" },
  { num: "Human tagged" },
  { num: "95% interval" },
  "Tags added most",
  "Autosend",
)}
<tbody>${report.categories.map(categoryRow)}</tbody>
</table>
<p>Decisions no human acted on yet are not scored. The numbers equal <code>GET /admin/readiness</code>
for the same filters (${formatCount(report.categories.reduce((n, c) => n + c.pending, 0))} pending).</p>`
}
</section>`;
}

/** GET /admin/readiness/page: readiness per category, from the same report as GET /admin/readiness. */
export function readinessPage(settings: (platform: Platform, account: string) => Promise<Settings>): ReportPage {
  return {
    path: READINESS_PAGE_PATH,
    title: "Readiness",
    body: async ({ ledger, query }) => {
      const { report } = await readinessReport(ledger, query, await settings(query.platform, query.account));
      return body(report);
    },
  };
}
