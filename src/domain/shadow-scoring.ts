import type { DecisionRecord, LifecycleEvent } from "./ledger.ts";

/** A decision as shadow scoring reads it (src/rollout/): what was decided and what was proposed. */
export type ShadowDecision = Pick<
  DecisionRecord,
  "ticketId" | "eventId" | "decidedAt" | "mode" | "outcome" | "category" | "proposedReply" | "proposedGroup"
>;

/** What a human did on the ticket afterwards: replied (with its masked text), moved it, solved it, tagged it. */
export type ShadowEvent = Pick<LifecycleEvent, "ticketId" | "eventId" | "kind" | "at" | "detail" | "replyText">;

/**
 * One account's shadow and draft decisions of a range with what followed: every decision other than a
 * skip of the tickets that have such a decision in the range (a later decision ends the window in
 * which a human's action answers an earlier one), and those tickets' replies, group changes, solves
 * and human tag changes.
 */
export interface ShadowRows {
  decisions: ShadowDecision[];
  events: ShadowEvent[];
  /** The model judge's verdicts on the range's decisions (failed calls left out); absent = none. */
  judgements?: Array<Pick<AgreementJudgement, "decisionEventId" | "replyEventId" | "agrees">>;
}

/** The model judge's verdict on one pair: a decision's proposed reply and the human's reply. */
export interface AgreementJudgement {
  platform: DecisionRecord["platform"];
  account: string;
  ticketId: string;
  decisionEventId: string;
  /** The human reply's lifecycle event id (`comment:<id>`). */
  replyEventId: string;
  /** The decision's time (ISO-8601): the judgement is counted and retained with its decision. */
  decidedAt: string;
  judgedAt: string;
  /** Null when the call failed (its tokens still count). */
  agrees: boolean | null;
  model: string;
  tokens: DecisionRecord["tokens"];
  modelCostUsd: number;
}
