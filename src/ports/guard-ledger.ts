import type { ReportEvent } from "../domain/ledger.ts";
import type { GuardDecision, GuardEvent } from "../domain/stage-guard.ts";
import type { Platform } from "../domain/support-event.ts";

/** A (platform, account) pair (the same shape as `GuardAccount`, declared here: ledger.ts imports this file). */
export interface GuardAccount {
  platform: Platform;
  account: string;
}

/** One account's autosent tickets decided in [from, to) (ISO-8601 instants), for the stage guard. */
export interface GuardRowsQuery extends GuardAccount {
  from: string;
  to: string;
}

/** The rows the guard judges: every decision and lifecycle event of the tickets `guardRows` covers. */
export interface GuardRows {
  decisions: GuardDecision[];
  events: ReportEvent[];
}

/** The stage guard's part of the outcome ledger (migrations/0008_guard_events.sql). */
export interface GuardLedger {
  /** Appends one guard action (a trip or a re-enable). */
  recordGuardEvent(event: GuardEvent): Promise<void>;
  /** The account's guard actions, newest first; `limit` 1..1000 (default 100). */
  guardEvents(account: GuardAccount, options?: { limit?: number }): Promise<GuardEvent[]>;
  /** The latest action of each cohort of the account: a `tripped` one is a current fallback. */
  guardStates(account: GuardAccount): Promise<GuardEvent[]>;
  /**
   * Every decision and lifecycle event of the tickets that got an autosent reply (a public reply
   * outside the `control` arm) in [from, to): whole tickets, so the metrics classify them as a report would.
   */
  guardRows(query: GuardRowsQuery): Promise<GuardRows>;
}
