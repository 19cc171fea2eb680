import { html } from "hono/html";
import type { Platform } from "../../domain/support-event.ts";
import { type ExperimentMetric, type ExperimentReport, experimentReport } from "../admin/experiment-report.ts";
import type { Html } from "./console-layout.ts";
import { formatMinutes, NONE } from "./format-number.ts";
import { metric } from "./overview-page.ts";
import type { ReportPage } from "./report-page-route.ts";
import { tableHead } from "./table-head.ts";

const LABELS: Record<string, { label: string; help: string }> = {
  csat_good: { label: "CSAT", help: "good of rated tickets; higher is better" },
  reopen_rate: { label: "Reopen rate", help: "reopened after the first solve, of solved tickets; lower is better" },
  recontact_rate: {
    label: "Re-contact rate",
    help: "a new ticket from the same requester after the first solve, of solved tickets; lower is better",
  },
  first_response_minutes: {
    label: "Time to first response",
    help: "median, from the first customer message to the first public reply (Deskmate or a person)",
  },
  resolution_minutes: {
    label: "Time to resolution",
    help: "median, from the first customer message to the first solve",
  },
};

const PERCENT = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const POINTS = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, signDisplay: "exceptZero" });

/** A share as "80.0% (56 of 70)", or the median time with how many tickets it is over. */
function side(m: ExperimentMetric, arm: "assistant" | "control"): Html {
  const path = `metrics.${m.metric}.${arm}`;
  const s = m[arm];
  if ("count" in s) {
    return html`${s.rate === null ? NONE : PERCENT.format(s.rate)}<br><span class="label">${metric(`${path}.count`, s.count)} of ${metric(`${path}.of`, s.of)}</span>`;
  }
  return html`${metric(`${path}.median`, s.median, formatMinutes)}<br><span class="label">over ${metric(`${path}.of`, s.of)}</span>`;
}

/** A difference of shares in percentage points, of times in minutes, signed. */
function signed(m: ExperimentMetric, value: number | null): string {
  if (value === null) return NONE;
  if (m.kind === "share") return `${POINTS.format(value * 100)} pts`;
  const text = formatMinutes(Math.abs(value));
  return value < 0 ? `−${text}` : value > 0 ? `+${text}` : text;
}

function row(m: ExperimentMetric): Html {
  const { label, help } = LABELS[m.metric] ?? { label: m.metric, help: "" };
  const path = `metrics.${m.metric}`;
  const interval = m.interval
    ? html`${metric(`${path}.interval.low`, m.interval.low, () => signed(m, m.interval?.low ?? null))} to ${metric(
        `${path}.interval.high`,
        m.interval.high,
        () => signed(m, m.interval?.high ?? null),
      )}`
    : NONE;
  return html`<tr>
<th scope="row">${label}<br><span class="label">${help}</span></th>
<td class="num">${side(m, "assistant")}</td>
<td class="num">${side(m, "control")}</td>
<td class="num">${metric(`${path}.difference`, m.difference, (v) => signed(m, v))}</td>
<td class="num">${interval}</td>
<td data-verdict="${m.metric}">${m.verdict}</td>
</tr>`;
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
${tableHead("Metric", { num: "Assistant" }, { num: "Control" }, { num: "Difference" }, { num: "95% interval" }, "Verdict")}
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
 * GET /admin/arms: the console's Experiment page, the same report as GET /admin/experiment (which
 * holds the API's path, so the page lives beside it).
 */
export function experimentPage(minSamples: (platform: Platform, account: string) => Promise<number>): ReportPage {
  return {
    path: "/admin/arms",
    title: "Experiment",
    body: async ({ ledger, query }) => {
      const { report } = await experimentReport(ledger, query, await minSamples(query.platform, query.account));
      return body(report);
    },
  };
}
