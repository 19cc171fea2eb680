import { wilsonInterval } from "../../src/metrics/wilson-interval.ts";
import { newcombeInterval } from "../../src/rollout/newcombe-interval.ts";

/**
 * What the rollout part's cast must produce, from the definitions in the README (readiness, the arm
 * comparison's verdicts, the guard's trip rule), so each printed number has a value to be checked against.
 */

export type Verdict = "better" | "no difference detected" | "worse" | "not enough data";

/** A readiness row as the cast makes it: scored decisions, agreeing ones, scored answer pairs, agreeing ones. */
export interface ReadinessCast {
  category: string;
  samples: number;
  decisionsAgreeing: number;
  answers: number;
  answersAgreeing: number;
}

/** The verdict and the reasons a category is held back, as README "Readiness" defines them. */
export function expectedReadiness(cast: ReadinessCast, threshold: number, minSamples: number) {
  const decisionLow = wilsonInterval(cast.decisionsAgreeing, cast.samples)?.low ?? 0;
  const answerLow = cast.answers > 0 ? (wilsonInterval(cast.answersAgreeing, cast.answers)?.low ?? 0) : null;
  const because: string[] = [];
  if (cast.samples < minSamples) because.push("samples");
  if (decisionLow < threshold) because.push("decision_agreement");
  if (answerLow !== null && answerLow < threshold) because.push("answer_agreement");
  return { decisionLow, answerLow, ready: because.length === 0, because };
}

/** A share's difference (treatment minus baseline) with its 95% Newcombe interval; null without a denominator. */
export function shareDifference(treatment: { count: number; of: number }, baseline: { count: number; of: number }) {
  return newcombeInterval(treatment.count, treatment.of, baseline.count, baseline.of);
}

/** A share's verdict (README "How to read it"): the 95% Newcombe interval against zero. */
export function shareVerdict(
  treatment: { count: number; of: number },
  baseline: { count: number; of: number },
  better: "higher" | "lower",
  minSamples: number,
): Verdict {
  if (Math.min(treatment.of, baseline.of) < minSamples) return "not enough data";
  const interval = newcombeInterval(treatment.count, treatment.of, baseline.count, baseline.of);
  if (!interval) return "not enough data";
  if (interval.low > 0) return better === "higher" ? "better" : "worse";
  if (interval.high < 0) return better === "higher" ? "worse" : "better";
  return "no difference detected";
}

/**
 * A median's verdict when every assistant time is below every control time (the cast makes it so):
 * each bootstrap resample's difference of medians is then negative, so the whole interval is.
 */
export function fasterVerdict(assistantOf: number, controlOf: number, minSamples: number): Verdict {
  return Math.min(assistantOf, controlOf) < minSamples ? "not enough data" : "better";
}

export function overallVerdict(verdicts: Verdict[]): Verdict {
  if (verdicts.includes("worse")) return "worse";
  if (verdicts.includes("not enough data")) return "not enough data";
  if (verdicts.includes("better")) return "better";
  return "no difference detected";
}

/** The guard's trip rule (README "Stage guard"): a rate above its maximum over at least the minimum samples. */
export function guardTrips(bad: number, of: number, maxRate: number, minSamples: number): boolean {
  return of >= minSamples && bad / of > maxRate;
}
