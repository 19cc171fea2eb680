import { html } from "hono/html";
import type { Platform } from "../../domain/support-event.ts";
import { canaryExperimentReport } from "../admin/canary-experiment-report.ts";
import { type ExperimentMetric, type ExperimentReport, experimentReport } from "../admin/experiment-report.ts";
import { canarySection } from "./canary-section.ts";
import { comparisonRow } from "./comparison-row.ts";
import type { Html } from "./console-layout.ts";
import { metric } from "./overview-page.ts";
import type { ReportPage } from "./report-page-route.ts";
import { tableHead } from "./table-head.ts";

function row(m: ExperimentMetric): Html {
  return comparisonRow(m, [
    { key: "assistant", value: m.assistant },
    { key: "control", value: m.control },
  ]);
}

function body(report: ExperimentReport): Html {
  const { assistant, control } = report.arms;
  const methods = [...new Set(report.metrics.map((m) => m.method))];
  return html`<p>${report.range.from} to ${report.range.to} (UTC): tickets first decided in these days, by the
arm fixed at their first decision. Assistant: ${metric("arms.assistant.tickets", assistant.tickets)} tickets;
control (Deskmate recorded only, people handled them): ${metric("arms.control.tickets", control.tickets)}.
Overall: <strong data-verdict="overall">${report.verdict}</strong>.</p>
<section aria-labelledby="experiment-arms">
<h2 id="experiment-arms">Assistant against control</h2>
<table>
<caption>Each difference is assistant minus control, with its 95% interval. A verdict needs at least
${metric("min_samples", report.min_samples)} measured tickets in each arm (experiment_min_samples).</caption>
${tableHead(
  "Metric",
  { num: "Assistant" },
  { num: "Control" },
  { num: "Difference" },
  { num: "95% interval" },
  "Verdict",
)}
<tbody>
${report.metrics.map(row)}
</tbody>
</table>
<p>How to read it: <em>better</em> or <em>worse</em> means the whole interval lies on one side of no
difference; <em>no difference detected</em> means it spans zero (not that the arms are equal: a narrower
interval needs more tickets). Overall is worse as soon as any metric is worse, and not enough data while
any metric lacks samples. Methods: ${methods.join("; ")}.</p>
<p>The numbers equal <code>GET /admin/experiment</code> for the same filters.</p>
</section>`;
}

/**
 * GET /admin/arms: the console's Experiment page, the same reports as GET /admin/experiment (which
 * holds the API's path, so the page lives beside it): the arms, then each canary against current
 * (`compare=canary`).
 */
export function experimentPage(minSamples: (platform: Platform, account: string) => Promise<number>): ReportPage {
  return {
    path: "/admin/arms",
    title: "Experiment",
    body: async ({ ledger, query }) => {
      const samples = await minSamples(query.platform, query.account);
      const { report } = await experimentReport(ledger, query, samples);
      const canary = await canaryExperimentReport(ledger, query, samples);
      return html`${body(report)}${canarySection(canary.report)}`;
    },
  };
}
