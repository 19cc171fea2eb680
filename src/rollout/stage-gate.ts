import type { GuardMeasure } from "../domain/stage-guard.ts";
import { wilsonInterval } from "../metrics/wilson-interval.ts";

/** `events` of `samples`: false resolutions of AI-resolved tickets, or bad ratings of rated ones. */
export interface RateCount {
  events: number;
  samples: number;
}

/** What the guard counted for one cohort (a category, or later a canary fingerprint) over its window. */
export interface CohortCounts {
  cohort: string;
  /** Reopened or re-contacted (src/metrics' false resolution) of the AI-resolved tickets. */
  falseResolution: RateCount;
  /** Rated bad of the rated tickets. */
  badCsat: RateCount;
}

export interface GateThresholds {
  /** A rate strictly above its maximum trips; exactly at it does not. */
  maxFalseResolutionRate: number;
  maxBadCsatRate: number;
  /** Each rate is judged only over at least this many samples (its own denominator). */
  minSamples: number;
}

/** One measure of one cohort, as the guard read it. */
export interface MeasureReading {
  measure: GuardMeasure;
  events: number;
  samples: number;
  /** events / samples; null without samples. */
  rate: number | null;
  /** Wilson 95% interval of the rate, for people reading it (the gate itself uses the point estimate). */
  interval: { low: number; high: number } | null;
  threshold: number;
  /** At least the minimum samples. */
  enough: boolean;
  /** Enough samples and the rate strictly above the threshold. */
  exceeded: boolean;
}

export type GateVerdict =
  /** A measure is over its threshold: autosend of the cohort falls back to draft. */
  | { status: "trip"; reading: MeasureReading; readings: MeasureReading[] }
  /** Every measure with enough samples is at or under its threshold, and at least one has enough. */
  | { status: "clear"; readings: MeasureReading[] }
  /** No measure has enough samples to judge (a cohort with no autosends lands here). */
  | { status: "not_enough_data"; readings: MeasureReading[] };

/**
 * The stage gate of one cohort. The point estimate decides, once a measure has the minimum samples:
 * falling back to draft is the cheap direction (agents review the drafts), so the gate acts on the
 * first clear sign of harm rather than waiting for the interval's lower bound to clear the threshold,
 * which would let nearly twice as many bad replies out first (20 tickets at 15%: 4 against 7). Pure.
 */
export function evaluateStageGate(counts: CohortCounts, thresholds: GateThresholds): GateVerdict {
  const readings = [
    reading("false_resolution_rate", counts.falseResolution, thresholds.maxFalseResolutionRate, thresholds),
    reading("bad_csat_rate", counts.badCsat, thresholds.maxBadCsatRate, thresholds),
  ];
  const over = readings.find((r) => r.exceeded);
  if (over) return { status: "trip", reading: over, readings };
  return readings.some((r) => r.enough) ? { status: "clear", readings } : { status: "not_enough_data", readings };
}

/**
 * Whether a cohort tripped by `trippedBy` may re-enable itself (only ever asked when a setting allows
 * it): no measure is over its threshold, and the measure that tripped it is back at or under its
 * threshold over at least the minimum samples. Too few samples never re-enable: no evidence is not
 * evidence of recovery.
 */
export function recovered(verdict: GateVerdict, trippedBy: GuardMeasure): boolean {
  if (verdict.status === "trip") return false;
  const measure = verdict.readings.find((r) => r.measure === trippedBy);
  return measure?.enough === true && !measure.exceeded;
}

function reading(measure: GuardMeasure, count: RateCount, threshold: number, t: GateThresholds): MeasureReading {
  const { events, samples } = count;
  const rate = samples === 0 ? null : events / samples;
  const enough = samples >= t.minSamples && samples > 0;
  return {
    measure,
    events,
    samples,
    rate,
    interval: wilsonInterval(events, samples),
    threshold,
    enough,
    exceeded: enough && rate !== null && rate > threshold,
  };
}
