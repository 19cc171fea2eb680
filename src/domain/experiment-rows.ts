import type { DecisionRecord, LifecycleEvent } from "./ledger.ts";

/**
 * The fields of a decision the rollout comparison reads: which cohort (arm, fingerprint, variant) and
 * whether it replied.
 */
export type ExperimentDecision = Pick<
  DecisionRecord,
  "ticketId" | "eventId" | "decidedAt" | "arm" | "publicReply" | "fingerprint" | "variant"
>;

/** The fields of a lifecycle event the rollout comparison reads. */
export type ExperimentEvent = Pick<LifecycleEvent, "ticketId" | "eventId" | "kind" | "at" | "rating">;

/**
 * Every decision and lifecycle event of the tickets that have a decision with an arm in a range
 * (earlier and later rows too, so each ticket is measured whole).
 */
export interface ExperimentRows {
  decisions: ExperimentDecision[];
  events: ExperimentEvent[];
}
