import { html, raw } from "hono/html";
import { type DailyTrends, MAX_TREND_DAYS } from "../../metrics/daily-trends.ts";
import type { Html } from "./console-layout.ts";
import { formatMinutes, formatUsd, NONE } from "./format-number.ts";

type Series = Exclude<keyof DailyTrends, "days">;

const PERCENT = new Intl.NumberFormat("en-US", {
  style: "percent",
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const formatRate = (value: number | null) => (value === null ? NONE : PERCENT.format(value));

/** The charts, in page order; `unit` tells the chart script how to label the axis. */
export const TREND_CHARTS: ReadonlyArray<{ key: Series; title: string; unit: "rate" | "usd" | "minutes" }> = [
  { key: "resolution_rate", title: "Resolution rate (AI-resolved of handled tickets)", unit: "rate" },
  {
    key: "false_resolution_rate",
    title: "False-resolution rate (reopened or re-contacted, of AI-resolved)",
    unit: "rate",
  },
  { key: "escalation_rate", title: "Escalation rate (escalated of handled tickets)", unit: "rate" },
  { key: "cost_per_stayed_resolved_usd", title: "Cost per stayed-resolved ticket", unit: "usd" },
  { key: "first_reply_median_minutes", title: "Median first human reply after a handoff", unit: "minutes" },
];

const FORMAT = { rate: formatRate, usd: formatUsd, minutes: formatMinutes } as const;

/**
 * The sentence a screen reader hears instead of the chart: the days with a value, the lowest and
 * highest (with their day) and the last day's value.
 */
export function trendSummary(
  days: readonly string[],
  values: ReadonlyArray<number | null>,
  format: (v: number | null) => string,
): string {
  const known = values.flatMap((v, i) => (v === null ? [] : [{ v, day: days[i] ?? "" }]));
  if (known.length === 0) return `No value on any of the ${days.length} days.`;
  const low = known.reduce((a, b) => (b.v < a.v ? b : a));
  const high = known.reduce((a, b) => (b.v > a.v ? b : a));
  const last = values[values.length - 1] ?? null;
  return (
    `${known.length} of ${days.length} days have a value; ` +
    `lowest ${format(low.v)} on ${low.day}, highest ${format(high.v)} on ${high.day}; ` +
    `last day ${format(last)}.`
  );
}

/**
 * JSON inside a <script type="application/json"> block: `<` escaped so no value can close the element.
 * CSP allows the block (it is data, never run); the chart script reads it.
 */
export function jsonForScriptBlock(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/** The Overview's daily trends: a uPlot chart per series (drawn by a static script), each with a table. */
export function trendCharts(trends: DailyTrends | null): Html {
  if (trends === null) {
    return html`<section aria-labelledby="trends"><h2 id="trends">Daily trends</h2>
<p class="notice">Daily trends cover at most ${MAX_TREND_DAYS} days: choose a shorter range to see them.</p></section>`;
  }
  const data = {
    days: trends.days,
    series: TREND_CHARTS.map((c) => ({ key: c.key, unit: c.unit, values: trends[c.key] })),
  };
  return html`<section aria-labelledby="trends">
<h2 id="trends">Daily trends</h2>
<p>Each day counts the tickets first seen that day, as of now (UTC days).</p>
<link rel="stylesheet" href="/console/vendor/uPlot.min.css">
<script type="application/json" id="trend-data">${raw(jsonForScriptBlock(data))}</script>
<div class="trends">
${TREND_CHARTS.map((c) => {
  const values = trends[c.key];
  const format = FORMAT[c.unit];
  const summary = trendSummary(trends.days, values, format);
  const row = (day: string, i: number) => {
    const exact = String(values[i] ?? "null");
    const shown = format(values[i] ?? null);
    const cell = html`<td class="num" data-trend="${c.key}" data-day="${day}" data-value="${exact}">${shown}</td>`;
    return html`<tr><th scope="row">${day}</th>${cell}</tr>`;
  };
  return html`<figure class="card trend" aria-labelledby="trend-${c.key}-title">
<figcaption id="trend-${c.key}-title"><strong>${c.title}</strong></figcaption>
<div class="chart" data-chart="${c.key}" role="img" aria-label="${c.title}: ${summary}"></div>
<p class="label" id="trend-${c.key}-summary">${summary}</p>
<details><summary>Values by day</summary>
<table><thead><tr><th scope="col">Day (UTC)</th><th scope="col" class="num">Value</th></tr></thead>
<tbody>${trends.days.map(row)}</tbody></table></details>
</figure>`;
})}
</div>
<script src="/console/vendor/uPlot.iife.min.js" defer></script>
<script src="/console/trend-charts.js" defer></script>
</section>`;
}
