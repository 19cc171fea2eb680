import type { DriftAttempt, GoldenExpectation } from "../domain/drift.ts";

/** Whether one run reached the expectation: an expected outcome, with every expected reason. */
export function attemptPasses(attempt: DriftAttempt, expect: GoldenExpectation): boolean {
  return expect.outcomes.includes(attempt.outcome) && expect.reasons.every((r) => attempt.reasons.includes(r));
}

/** `escalate:legal+vip`, `answer`: what a run reached, as one key (reasons sorted). */
export function attemptKey(attempt: DriftAttempt): string {
  return attempt.reasons.length ? `${attempt.outcome}:${[...attempt.reasons].sort().join("+")}` : attempt.outcome;
}

export interface GoldenCaseScore {
  k: number;
  passes: number;
  /** pass^k: every one of the k runs passed. */
  passed: boolean;
  outcomesSeen: Record<string, number>;
}

/**
 * A case's k runs scored: it passes only when all k passed (pass^k), so a model that gets a case
 * right two times in three counts as drifted on it. No runs is no pass. Pure.
 */
export function scoreGoldenCase(attempts: readonly DriftAttempt[], expect: GoldenExpectation): GoldenCaseScore {
  const passes = attempts.filter((a) => attemptPasses(a, expect)).length;
  const outcomesSeen: Record<string, number> = {};
  for (const attempt of attempts) {
    const key = attemptKey(attempt);
    outcomesSeen[key] = (outcomesSeen[key] ?? 0) + 1;
  }
  return { k: attempts.length, passes, passed: attempts.length > 0 && passes === attempts.length, outcomesSeen };
}
