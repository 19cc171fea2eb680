import type { GuardMeasure } from "../domain/stage-guard.ts";
import {
  type CohortCounts,
  evaluateStageGate,
  type GateThresholds,
  type GateVerdict,
  type MeasureReading,
  recovered,
} from "./stage-gate.ts";

export type StageGuardAction =
  | { cohort: string; action: "trip"; reading: MeasureReading }
  | { cohort: string; action: "re_enable"; reading: MeasureReading };

export interface StageGuardPlan {
  actions: StageGuardAction[];
  /** Every cohort's verdict, for the run's log and the console. */
  verdicts: Array<{ cohort: string; verdict: GateVerdict }>;
}

/**
 * What one guard run does: trip every cohort that autosends and has a measure over its threshold; and,
 * only with `autoReenable`, re-enable every fallen-back cohort whose tripping measure `recovered`.
 * Without it the guard never raises the level: a fallen-back cohort stays in draft until an admin
 * re-enables it. `active` maps each fallen-back cohort to the measure that tripped it. Pure.
 */
export function stageGuardActions(args: {
  counts: readonly CohortCounts[];
  active: ReadonlyMap<string, GuardMeasure>;
  thresholds: GateThresholds;
  autoReenable: boolean;
}): StageGuardPlan {
  const { active, thresholds } = args;
  const byCohort = new Map(args.counts.map((c) => [c.cohort, c]));
  // A fallen-back cohort with no autosends left in its window is still judged (as having no samples).
  for (const cohort of active.keys()) {
    if (!byCohort.has(cohort)) byCohort.set(cohort, empty(cohort));
  }
  const actions: StageGuardAction[] = [];
  const verdicts: StageGuardPlan["verdicts"] = [];
  for (const cohort of [...byCohort.keys()].sort()) {
    const verdict = evaluateStageGate(byCohort.get(cohort) ?? empty(cohort), thresholds);
    verdicts.push({ cohort, verdict });
    const trippedBy = active.get(cohort);
    if (trippedBy === undefined) {
      if (verdict.status === "trip") actions.push({ cohort, action: "trip", reading: verdict.reading });
      continue;
    }
    if (args.autoReenable && recovered(verdict, trippedBy)) {
      const reading = verdict.readings.find((r) => r.measure === trippedBy);
      if (reading) actions.push({ cohort, action: "re_enable", reading });
    }
  }
  return { actions, verdicts };
}

function empty(cohort: string): CohortCounts {
  return { cohort, falseResolution: { events: 0, samples: 0 }, badCsat: { events: 0, samples: 0 } };
}
