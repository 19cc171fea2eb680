import { newcombeInterval } from "./newcombe-interval.ts";
import { median, medianDifferenceInterval } from "./median-difference-interval.ts";

/** What the comparison reads of one ticket, whichever cohort it is in (an arm, a canary, a fingerprint). */
export interface CohortTicket {
  /** The ticket's latest satisfaction rating; null when unrated. */
  rating: "good" | "bad" | null;
  /** The ticket was solved (its first solve is the end of `resolutionMinutes`). */
  solved: boolean;
  /** Reopened after its first solve. */
  reopened: boolean;
  /** The requester opened a new ticket after the first solve. */
  recontacted: boolean;
  /** From the first customer message to the first public reply (assistant or human); null: none yet. */
  firstResponseMinutes: number | null;
  /** From the first customer message to the first solve; null: not solved. */
  resolutionMinutes: number | null;
}

export type Verdict = "better" | "no difference detected" | "worse" | "not enough data";

export const NEWCOMBE_METHOD = "Newcombe hybrid score interval (method 10) for a difference of proportions, 95%";
export const BOOTSTRAP_METHOD = "seeded percentile bootstrap (2,000 resamples) of the difference of medians, 95%";

/** A share in one cohort: `count` of `of` (e.g. good of rated). */
export interface Share {
  count: number;
  of: number;
  /** count / of; null when `of` is 0. */
  rate: number | null;
}

/** A median in one cohort over `of` tickets. */
export interface Median {
  of: number;
  /** Null when `of` is 0. */
  median: number | null;
}

interface Compared {
  metric: string;
  /** Which direction is an improvement for the treatment cohort. */
  better: "higher" | "lower";
  /** Treatment minus baseline; null when either side has nothing to measure. */
  difference: number | null;
  /** The 95% interval of the difference; null with it. */
  interval: { low: number; high: number } | null;
  method: string;
  verdict: Verdict;
}

export interface ShareComparison extends Compared {
  kind: "share";
  treatment: Share;
  baseline: Share;
}

export interface MedianComparison extends Compared {
  kind: "median";
  unit: "minutes";
  treatment: Median;
  baseline: Median;
}

export type MetricComparison = ShareComparison | MedianComparison;

export interface CohortComparison {
  treatment: { tickets: number };
  baseline: { tickets: number };
  /** Each cohort needs at least this many measured tickets for a metric's verdict. */
  minSamples: number;
  metrics: MetricComparison[];
  /**
   * worse when any metric is worse (a harm shows as soon as it is detected); otherwise not enough data
   * while any metric lacks samples; otherwise better when any metric is better; else no difference detected.
   */
  verdict: Verdict;
}

/**
 * Two cohorts of tickets compared on satisfaction (good of rated), reopen and re-contact rates (of
 * solved tickets), and the median times to first response and to resolution: each with its counts,
 * the difference (treatment minus baseline), its 95% interval and a verdict. Pure and generic: the
 * experiment compares the assistant arm against control, the canary compares candidate against current.
 */
export function compareCohorts(
  treatment: readonly CohortTicket[],
  baseline: readonly CohortTicket[],
  options: { minSamples: number },
): CohortComparison {
  const { minSamples } = options;
  const rated = (t: CohortTicket) => t.rating !== null;
  const metrics: MetricComparison[] = [
    compareShares("csat_good", "higher", treatment, baseline, rated, (t) => t.rating === "good", minSamples),
    compareShares(
      "reopen_rate",
      "lower",
      treatment,
      baseline,
      (t) => t.solved,
      (t) => t.reopened,
      minSamples,
    ),
    compareShares(
      "recontact_rate",
      "lower",
      treatment,
      baseline,
      (t) => t.solved,
      (t) => t.recontacted,
      minSamples,
    ),
    compareMedians("first_response_minutes", treatment, baseline, (t) => t.firstResponseMinutes, minSamples),
    compareMedians("resolution_minutes", treatment, baseline, (t) => t.resolutionMinutes, minSamples),
  ];
  return {
    treatment: { tickets: treatment.length },
    baseline: { tickets: baseline.length },
    minSamples,
    metrics,
    verdict: overallVerdict(metrics.map((m) => m.verdict)),
  };
}

function compareShares(
  metric: string,
  better: "higher" | "lower",
  treatment: readonly CohortTicket[],
  baseline: readonly CohortTicket[],
  counted: (t: CohortTicket) => boolean,
  hit: (t: CohortTicket) => boolean,
  minSamples: number,
): ShareComparison {
  const share = (tickets: readonly CohortTicket[]): Share => {
    const of = tickets.filter(counted);
    const count = of.filter(hit).length;
    return { count, of: of.length, rate: of.length ? count / of.length : null };
  };
  const t = share(treatment);
  const b = share(baseline);
  const interval = newcombeInterval(t.count, t.of, b.count, b.of);
  return {
    kind: "share",
    metric,
    better,
    treatment: t,
    baseline: b,
    difference: interval?.difference ?? null,
    interval: interval ? { low: interval.low, high: interval.high } : null,
    method: NEWCOMBE_METHOD,
    verdict: verdictOf(interval, better, Math.min(t.of, b.of) >= minSamples),
  };
}

function compareMedians(
  metric: string,
  treatment: readonly CohortTicket[],
  baseline: readonly CohortTicket[],
  value: (t: CohortTicket) => number | null,
  minSamples: number,
): MedianComparison {
  const values = (tickets: readonly CohortTicket[]) =>
    tickets.map(value).filter((v): v is number => v !== null && Number.isFinite(v));
  const t = values(treatment);
  const b = values(baseline);
  const interval = medianDifferenceInterval(t, b);
  return {
    kind: "median",
    metric,
    unit: "minutes",
    better: "lower",
    treatment: { of: t.length, median: median(t) },
    baseline: { of: b.length, median: median(b) },
    difference: interval?.difference ?? null,
    interval: interval ? { low: interval.low, high: interval.high } : null,
    method: BOOTSTRAP_METHOD,
    verdict: verdictOf(interval, "lower", Math.min(t.length, b.length) >= minSamples),
  };
}

/** An interval clear of 0 is a detected difference, its sign says which way; one spanning 0 is none detected. */
function verdictOf(
  interval: { low: number; high: number } | null,
  better: "higher" | "lower",
  enough: boolean,
): Verdict {
  if (!enough || !interval) return "not enough data";
  if (interval.low > 0) return better === "higher" ? "better" : "worse";
  if (interval.high < 0) return better === "higher" ? "worse" : "better";
  return "no difference detected";
}

function overallVerdict(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes("worse")) return "worse";
  if (verdicts.includes("not enough data")) return "not enough data";
  if (verdicts.includes("better")) return "better";
  return "no difference detected";
}
