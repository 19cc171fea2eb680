import { html } from "hono/html";
import type { ExperimentMetric } from "../admin/experiment-report.ts";
import type { Html } from "./console-layout.ts";
import { formatMinutes, NONE } from "./format-number.ts";
import { metric } from "./overview-page.ts";

/*
 * One metric of a cohort comparison as a table row, shared by the Experiment page's two comparisons:
 * the arms (assistant, control) and each canary (canary, current).
 */

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

/** A metric of either comparison: the arms' (assistant, control) or the canary's (canary, current). */
type ComparedMetric = Pick<ExperimentMetric, "metric" | "kind" | "difference" | "interval" | "verdict">;
type Side = ExperimentMetric["assistant"];

/** A share as "80.0% (56 of 70)", or the median time with how many tickets it is over. */
function side(s: Side, path: string): Html {
  if ("count" in s) {
    const rate = s.rate === null ? NONE : PERCENT.format(s.rate);
    const counts = html`${metric(`${path}.count`, s.count)} of ${metric(`${path}.of`, s.of)}`;
    return html`${rate}<br><span class="label">${counts}</span>`;
  }
  const median = metric(`${path}.median`, s.median, formatMinutes);
  return html`${median}<br><span class="label">over ${metric(`${path}.of`, s.of)}</span>`;
}

/** A difference of shares in percentage points, of times in minutes, signed. */
function signed(m: ComparedMetric, value: number | null): string {
  if (value === null) return NONE;
  if (m.kind === "share") return `${POINTS.format(value * 100)} pts`;
  const text = formatMinutes(Math.abs(value));
  return value < 0 ? `−${text}` : value > 0 ? `+${text}` : text;
}

/**
 * One metric's row: both sides, the difference and its interval, the verdict. `prefix` is the metric's
 * path in the API answer (`metrics.<name>` there), so every number's data-metric names where it comes from.
 */
export function comparisonRow(
  m: ComparedMetric,
  sides: readonly [{ key: string; value: Side }, { key: string; value: Side }],
  prefix = "",
): Html {
  const { label, help } = LABELS[m.metric] ?? { label: m.metric, help: "" };
  const path = `${prefix}metrics.${m.metric}`;
  const interval = m.interval
    ? html`${metric(`${path}.interval.low`, m.interval.low, () => signed(m, m.interval?.low ?? null))} to ${metric(
        `${path}.interval.high`,
        m.interval.high,
        () => signed(m, m.interval?.high ?? null),
      )}`
    : NONE;
  return html`<tr>
<th scope="row">${label}<br><span class="label">${help}</span></th>
<td class="num">${side(sides[0].value, `${path}.${sides[0].key}`)}</td>
<td class="num">${side(sides[1].value, `${path}.${sides[1].key}`)}</td>
<td class="num">${metric(`${path}.difference`, m.difference, (v) => signed(m, v))}</td>
<td class="num">${interval}</td>
<td data-verdict="${prefix}${m.metric}">${m.verdict}</td>
</tr>`;
}
