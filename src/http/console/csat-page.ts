import { html } from "hono/html";
import type { MetricsReport } from "../admin/metrics-report.ts";
import { wilsonInterval } from "../../metrics/wilson-interval.ts";
import type { Html } from "./console-layout.ts";
import { formatShare } from "./format-number.ts";
import { metric } from "./overview-page.ts";
import type { ReportPage } from "./report-page-route.ts";

const PATHS = [
  { key: "ai_resolved", label: "AI-resolved", help: "tickets Deskmate answered or acted on and that resolved" },
  { key: "escalated", label: "Escalated", help: "tickets Deskmate handed to a person" },
  { key: "human_only", label: "Human-only (baseline)", help: "tickets Deskmate never decided on" },
] as const;

const PERCENT = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 0 });

/** The 95% interval as people read it: "62% to 91%"; a dash without ratings. */
export function formatInterval(good: number, rated: number): string {
  const interval = wilsonInterval(good, rated);
  return interval ? `${PERCENT.format(interval.low)} to ${PERCENT.format(interval.high)}` : "—";
}

function csatTable(csat: MetricsReport["csat"]): Html {
  return html`<table>
<caption>Customer satisfaction ratings of the period's tickets, by the path each ticket took.</caption>
<thead><tr><th scope="col">Path</th><th scope="col" class="num">Rated</th><th scope="col" class="num">Good</th>
<th scope="col" class="num">Share good</th><th scope="col" class="num">95% interval</th></tr></thead>
<tbody>
${PATHS.map(({ key, label, help }) => {
  const { rated, good } = csat[key];
  return html`<tr>
<th scope="row">${label}<br><span class="label">${help}</span></th>
<td class="num">${metric(`csat.${key}.rated`, rated)}</td>
<td class="num">${metric(`csat.${key}.good`, good)}</td>
<td class="num">${formatShare(good, rated)}</td>
<td class="num" data-interval="${key}">${formatInterval(good, rated)}</td>
</tr>`;
})}
</tbody>
</table>`;
}

/** GET /admin/csat: ratings by path, with counts, the share good and its Wilson 95% interval. */
export const CSAT_PAGE: ReportPage = {
  path: "/admin/csat",
  title: "CSAT",
  body: ({ report }) => html`<p>${report.range.from} to ${report.range.to} (UTC). A share from a handful of ratings
says little: the 95% interval (Wilson score) is the range the true share most likely lies in, and it
narrows as ratings come in. Compare paths only where their intervals barely overlap.</p>
<section aria-labelledby="csat-by-path">
<h2 id="csat-by-path">By path</h2>
${csatTable(report.csat)}
<p>The counts equal the <code>csat</code> fields of <code>GET /admin/metrics</code> for the same filters.</p>
</section>`,
};
