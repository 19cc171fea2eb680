import { EVAL_TRIGGERS, type DatasetMetrics, type Proportion } from "./triage-metrics.ts";

/** Plain-text report for one dataset: counts, rates and Wilson 95% intervals. */
export function formatMetrics(m: DatasetMetrics): string {
  const lines = [`== dataset ${m.dataset} (${m.rows} rows)`];
  lines.push(
    `${"trigger".padEnd(20)}${"recall".padEnd(36)}${"false-positive rate".padEnd(36)}fired on null-labelled rows`,
  );
  for (const trigger of EVAL_TRIGGERS) {
    const t = m.triggers[trigger];
    lines.push(
      `${trigger.padEnd(20)}${show(t.recall).padEnd(36)}${show(t.falsePositiveRate).padEnd(36)}${show(t.nullFireRate)}`,
    );
  }
  const note = m.unlabelled.length > 0 ? `; not labelled in this dataset: ${m.unlabelled.join(", ")}` : "";
  lines.push(
    `benign fire rate    ${show(m.benignFireRate)} (rows with every labelled ` +
      `trigger 0 where a hard trigger fires${note})`,
  );
  lines.push(`intent accuracy     ${show(m.intentAccuracy)} (on rows the rules classify)`);
  lines.push(`intent coverage     ${show(m.intentCoverage)} (rows classified / rows with an intent label)`);
  return lines.join("\n");
}

function show(p: Proportion): string {
  if (p.total === 0) return "n/a (0 rows)";
  return `${pct(p.rate)} ${p.hits}/${p.total} [${pct(p.low)}, ${pct(p.high)}]`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
