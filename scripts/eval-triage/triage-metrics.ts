import { wilsonInterval } from "./wilson-interval.ts";

export const EVAL_TRIGGERS = [
  "human_agent",
  "legal_regulatory",
  "fraud_unauthorized",
  "account_security",
  "negative_sentiment",
] as const;
export type EvalTrigger = (typeof EVAL_TRIGGERS)[number];

/** The triggers that escalate on their own; the benign fire rate counts these. */
export const HARD_EVAL_TRIGGERS: readonly EvalTrigger[] = [
  "human_agent",
  "legal_regulatory",
  "fraud_unauthorized",
  "account_security",
];

export type Label = 0 | 1 | null;

export interface ScoredRow {
  /** Trigger labels of the row; null when the row carries none. */
  labels: Record<EvalTrigger, Label> | null;
  fired: Record<EvalTrigger, boolean>;
  /** undefined: the row has no intent label at all. */
  intentLabel: string | null | undefined;
  intent: string | null;
}

/** `hits` out of `total`, with a Wilson 95% interval. */
export interface Proportion {
  hits: number;
  total: number;
  rate: number;
  low: number;
  high: number;
}

export interface TriggerMetrics {
  recall: Proportion;
  falsePositiveRate: Proportion;
  /** How often it fires on rows where this trigger is not labelled (null). */
  nullFireRate: Proportion;
}

export interface DatasetMetrics {
  dataset: string;
  rows: number;
  triggers: Record<EvalTrigger, TriggerMetrics>;
  /** Triggers with no label on any row of this dataset: left out of the benign definition. */
  unlabelled: EvalTrigger[];
  benignFireRate: Proportion;
  intentAccuracy: Proportion;
  intentCoverage: Proportion;
}

export function proportion(hits: number, total: number): Proportion {
  const [low, high] = wilsonInterval(hits, total);
  return { hits, total, rate: total === 0 ? Number.NaN : hits / total, low, high };
}

export function computeMetrics(dataset: string, rows: readonly ScoredRow[]): DatasetMetrics {
  const unlabelled = EVAL_TRIGGERS.filter((t) => rows.every((row) => row.labels === null || row.labels[t] === null));
  const labelled = EVAL_TRIGGERS.filter((t) => !unlabelled.includes(t));
  const triggers = Object.fromEntries(EVAL_TRIGGERS.map((t) => [t, triggerMetrics(rows, t)])) as Record<
    EvalTrigger,
    TriggerMetrics
  >;
  // Benign: every trigger labelled in this dataset is 0 on the row (a null makes it not benign).
  const benign = rows.filter((row) => row.labels !== null && labelled.every((t) => row.labels?.[t] === 0));
  const benignFired = benign.filter((row) => HARD_EVAL_TRIGGERS.some((t) => row.fired[t])).length;
  const withIntent = rows.filter((row) => typeof row.intentLabel === "string");
  const covered = withIntent.filter((row) => row.intent !== null);
  const correct = covered.filter((row) => row.intent === row.intentLabel).length;
  return {
    dataset,
    rows: rows.length,
    triggers,
    unlabelled,
    benignFireRate: proportion(benignFired, benign.length),
    intentAccuracy: proportion(correct, covered.length),
    intentCoverage: proportion(covered.length, withIntent.length),
  };
}

function triggerMetrics(rows: readonly ScoredRow[], trigger: EvalTrigger): TriggerMetrics {
  let tp = 0,
    positives = 0,
    fp = 0,
    negatives = 0,
    nullFired = 0,
    nulls = 0;
  for (const row of rows) {
    if (row.labels === null) continue;
    const fired = row.fired[trigger];
    const label = row.labels[trigger];
    if (label === 1) {
      positives++;
      if (fired) tp++;
    } else if (label === 0) {
      negatives++;
      if (fired) fp++;
    } else {
      nulls++;
      if (fired) nullFired++;
    }
  }
  return {
    recall: proportion(tp, positives),
    falsePositiveRate: proportion(fp, negatives),
    nullFireRate: proportion(nullFired, nulls),
  };
}
