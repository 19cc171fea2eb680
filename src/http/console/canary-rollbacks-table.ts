import { html } from "hono/html";
import type { guardOverview } from "../admin/admin-guard-route.ts";
import type { Html } from "./console-layout.ts";
import type { ConsoleReport } from "./console-report.ts";
import { CSRF_FIELD } from "./csrf-token.ts";
import { formatInterval } from "./csat-page.ts";
import { formatShare, NONE } from "./format-number.ts";
import { filterQuery } from "./overview-filters.ts";
import { metric } from "./overview-page.ts";

type GuardView = Awaited<ReturnType<typeof guardOverview>>;

const WHY: Record<string, string> = {
  false_resolution_rate: "false resolutions (reopened or re-contacted)",
  bad_csat_rate: "bad ratings",
};
const rate = (value: number | null) => (value === null ? NONE : formatShare(value, 1));

/**
 * The Guard page's canary section: each rolled-back canary (by fingerprint) with why, its rate and
 * samples, and a re-enable form posting `canary` to the same route as a category's.
 */
export function canaryRollbacksTable(
  view: GuardView,
  options: { csrf: string; data: ConsoleReport; action: string },
): Html {
  if (view.canary_rollbacks.length === 0) {
    return html`<p class="notice" data-canary-rollbacks="none">No canary has been rolled back.</p>`;
  }
  const { values } = options.data;
  return html`<table id="canary-rollbacks">
<caption>Canaries the guard rolled back: their tickets decide with the current settings until re-enabled.</caption>
<thead><tr><th scope="col">Canary fingerprint</th><th scope="col">Since</th><th scope="col">Why</th>
<th scope="col" class="num">Rate</th><th scope="col" class="num">Samples</th>
<th scope="col" class="num">95% interval (Wilson)</th><th scope="col" class="num">Maximum</th>
<th scope="col">Canary</th></tr></thead>
<tbody>
${view.canary_rollbacks.map(
  (r, i) => html`<tr data-canary="${r.canary}">
<th scope="row"><code>${r.canary}</code></th>
<td>${r.since.slice(0, 16).replace("T", " ")} UTC</td>
<td>${WHY[r.reason] ?? r.reason}</td>
<td class="num">${metric(`canary_rollbacks.${i}.rate`, r.rate, rate)}</td>
<td class="num">${metric(`canary_rollbacks.${i}.samples`, r.samples)}</td>
<td class="num">${
    r.rate === null || r.samples === null ? NONE : formatInterval(Math.round(r.rate * r.samples), r.samples)
  }</td>
<td class="num">${metric(`canary_rollbacks.${i}.threshold`, r.threshold, rate)}</td>
<td><form method="post" action="${options.action}?${filterQuery(values)}" aria-label="Re-enable canary ${r.canary}">
<input type="hidden" name="${CSRF_FIELD}" value="${options.csrf}">
<input type="hidden" name="platform" value="${values.platform}">
<input type="hidden" name="account" value="${values.account}">
<input type="hidden" name="canary" value="${r.canary}">
<button type="submit">Re-enable canary</button>
</form></td>
</tr>`,
)}
</tbody>
</table>`;
}
