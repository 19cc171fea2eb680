import type { DecisionRecord, LifecycleEvent } from "./ledger.ts";

/** A decision as shadow scoring reads it (src/rollout/): what was decided and what was proposed. */
export type ShadowDecision = Pick<
  DecisionRecord,
  "ticketId" | "eventId" | "decidedAt" | "mode" | "outcome" | "category" | "proposedReply" | "proposedGroup"
>;

/** What a human did on the ticket afterwards: replied (with its masked text), moved it, solved it. */
export type ShadowEvent = Pick<LifecycleEvent, "ticketId" | "eventId" | "kind" | "at" | "detail" | "replyText">;

/**
 * One account's shadow and draft decisions of a range with what followed: every decision other than a
 * skip of the tickets that have such a decision in the range (a later decision ends the window in
 * which a human's action answers an earlier one), and those tickets' replies, group changes and solves.
 */
export interface ShadowRows {
  decisions: ShadowDecision[];
  events: ShadowEvent[];
}
