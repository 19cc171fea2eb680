import { html } from "hono/html";
import type { CanaryComparison, CanaryExperimentReport } from "../admin/canary-experiment-report.ts";
import type { Html } from "./console-layout.ts";
import { comparisonRow } from "./comparison-row.ts";
import { metric } from "./overview-page.ts";
import { tableHead } from "./table-head.ts";

/**
 * The Experiment page's canary section: each canary fingerprint against the current settings, the same
 * numbers as GET /admin/experiment?compare=canary. Every data-metric path starts with `canary.` and is
 * then the path in that answer (`canary.canaries.0.metrics.csat_good.canary.count`).
 */
export function canarySection(report: CanaryExperimentReport): Html {
  const body =
    report.canaries.length === 0
      ? html`<p class="notice" data-canaries="none">No canary ticket was first decided in these days. Set a
<code>canary</code> block and <code>canary_percent</code> to try a change on a share of assistant-arm
tickets first.</p>`
      : report.canaries.map((c, i) => canaryTable(c, i, report.min_samples));
  return html`<section aria-labelledby="experiment-canary">
<h2 id="experiment-canary">Canary against current</h2>
${body}
<p>The numbers equal <code>GET /admin/experiment?compare=canary</code> for the same filters.</p>
</section>`;
}

function canaryTable(c: CanaryComparison, i: number, minSamples: number): Html {
  const prefix = `canary.canaries.${i}.`;
  return html`<table data-canary="${c.fingerprint}">
<caption>Canary <code>${c.fingerprint}</code>: ${metric(`${prefix}canary.tickets`, c.canary.tickets)} tickets,
against ${metric(`${prefix}current.tickets`, c.current.tickets)} current assistant tickets first decided between
${c.from.slice(0, 16).replace("T", " ")} and ${c.to.slice(0, 16).replace("T", " ")} UTC. Each difference is canary
minus current, with its 95% interval; a verdict needs ${minSamples} measured tickets on each side. Overall:
<strong data-verdict="${prefix}overall">${c.verdict}</strong>.</caption>
${tableHead("Metric", { num: "Canary" }, { num: "Current" }, { num: "Difference" }, { num: "95% interval" }, "Verdict")}
<tbody>
${c.metrics.map((m) =>
  comparisonRow(
    m,
    [
      { key: "canary", value: m.canary },
      { key: "current", value: m.current },
    ],
    prefix,
  ),
)}
</tbody>
</table>`;
}
