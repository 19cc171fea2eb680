import { html } from "hono/html";
import type { DriftCaseResult } from "../../domain/drift.ts";
import type { DriftLedger } from "../../ports/drift-ledger.ts";
import type { DriftTrendPoint } from "../../rollout/drift-trend.ts";
import { DRIFT_RUNS_DEFAULT, type DriftReport, driftReport } from "../admin/drift-report.ts";
import type { Html } from "./console-layout.ts";
import { formatCount, formatShare, formatUsd } from "./format-number.ts";
import { metric } from "./overview-page.ts";
import type { ReportPage } from "./report-page-route.ts";
import { tableHead } from "./table-head.ts";

/** The console page; `GET /admin/drift` is the same report as JSON. */
export const DRIFT_PAGE_PATH = "/admin/drift-check";

const PERCENT = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 0 });

function intervalText(point: DriftTrendPoint): string {
  const i = point.interval;
  return i ? `${PERCENT.format(i.low)} to ${PERCENT.format(i.high)}` : "—";
}

function trendTable(runs: readonly DriftTrendPoint[]): Html {
  if (runs.length === 0) {
    return html`<p class="notice">No drift run yet: the first runs at 04:41 UTC (it needs ANTHROPIC_API_KEY).</p>`;
  }
  return html`<table>
<caption>Each run: golden cases that passed all k runs (pass^k), newest last; 95% Wilson interval.</caption>
${tableHead(
  "Run (UTC)",
  "Model",
  { num: "k" },
  { num: "Passed" },
  { num: "Cases" },
  { num: "pass^k" },
  { num: "95% interval" },
  { num: "Skipped" },
  { num: "Cost" },
)}
<tbody>
${[...runs].reverse().map(
  (r) => html`<tr data-run-id="${r.runId}">
<th scope="row">${r.startedAt.slice(0, 16).replace("T", " ")}</th>
<td><code>${r.model}</code></td>
<td class="num">${metric("drift.run.k", r.k)}</td>
<td class="num">${metric("drift.run.passed", r.passed)}</td>
<td class="num">${metric("drift.run.cases", r.cases)}</td>
<td class="num">${metric("drift.run.pass_rate", r.passRate, () => formatShare(r.passed, r.cases))}</td>
<td class="num" data-interval="wilson">${intervalText(r)}</td>
<td class="num">${metric("drift.run.skipped", r.skipped)}</td>
<td class="num">${metric("drift.run.cost_usd", r.costUsd, formatUsd)}</td>
</tr>`,
)}
</tbody>
</table>`;
}

function seen(result: DriftCaseResult): string {
  return Object.entries(result.outcomesSeen)
    .map(([key, count]) => `${key.replace(/_/g, " ")} ×${count}`)
    .join(", ");
}

function failingSection(report: DriftReport): Html {
  const last = report.lastRun;
  if (!last) return html``;
  const failing = last.results.filter((r) => !r.passed);
  return html`<section aria-labelledby="failing">
<h2 id="failing">Failing cases of the last run</h2>
${
  failing.length === 0
    ? html`<p class="notice">Every case passed all ${formatCount(last.k)} runs.</p>`
    : html`<table>
<caption>Cases that failed at least one of their k runs, with what the runs reached.</caption>
${tableHead("Case", { num: "Runs passed" }, "Outcomes seen")}
<tbody>
${failing.map(
  (r) => html`<tr data-case-id="${r.caseId}">
<th scope="row">${r.caseName}<br><code class="label">${r.caseId}</code></th>
<td class="num">${metric("drift.case.passes", r.passes)} of ${formatCount(r.k)}</td>
<td>${seen(r)}</td>
</tr>`,
)}
</tbody>
</table>`
}
</section>`;
}

/**
 * The Drift page: the golden set's size, the pass^k rate of the newest runs with their counts and
 * 95% intervals, and the failing cases of the last run. Cases are added from the review queue.
 */
export function driftPage(driftLedger: () => DriftLedger | null): ReportPage {
  return {
    path: DRIFT_PAGE_PATH,
    title: "Drift",
    body: async ({ query }) => {
      const ledger = driftLedger();
      if (!ledger) throw new Error("LEDGER (D1) is not bound");
      const report = await driftReport(ledger, query, DRIFT_RUNS_DEFAULT);
      return html`<section aria-labelledby="golden">
<h2 id="golden">Golden set</h2>
<p>${metric("drift.golden_set.bundled", report.goldenSet.bundled)} bundled cases and
${metric("drift.golden_set.added", report.goldenSet.added)} added from the review queue
(“Add to the golden set” on a card). Each run decides every case k times against the live model, writing
nothing to the helpdesk; a case passes only if all k runs reach its expected outcome.</p>
</section>
<section aria-labelledby="trend">
<h2 id="trend">pass^k per run</h2>
${trendTable(report.runs)}
</section>
${failingSection(report)}`;
    },
  };
}
