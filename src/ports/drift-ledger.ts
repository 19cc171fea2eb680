import type { DriftCaseResult, DriftRun, GoldenExpectation, StoredGoldenCase } from "../domain/drift.ts";
import type { LedgerAccount } from "./ledger.ts";

/** A review-queue decision to add to the golden set, with what it should have reached. */
export interface NewGoldenCase extends LedgerAccount {
  decisionEventId: string;
  expect: GoldenExpectation;
  addedBy: string;
  /** ISO-8601. */
  addedAt: string;
}

/**
 * Why a decision could not become a case: there is no such decision in the account, or its row kept
 * no message excerpt (decided before excerpts were kept, or a skip that read no message).
 */
export type GoldenCaseRefusal = "unknown_decision" | "no_excerpt";

/**
 * The drift check's part of the outcome ledger (migrations/0009_drift_check.sql): the golden cases
 * admins add from the review queue, and the results of every replay.
 */
export interface DriftLedger {
  /** Adds (or, for a decision already added, re-expects) the case; its text is the decision's masked excerpt. */
  addGoldenCase(input: NewGoldenCase): Promise<StoredGoldenCase | GoldenCaseRefusal>;
  /** The account's added cases, oldest first. */
  goldenCases(account: LedgerAccount): Promise<StoredGoldenCase[]>;
  /** Every account with added cases. */
  goldenCaseAccounts(): Promise<LedgerAccount[]>;
  /** Stores a run and its case results in one transaction. */
  recordDriftRun(run: DriftRun, results: readonly DriftCaseResult[]): Promise<void>;
  /** The account's newest runs, newest first; `limit` 1..365. */
  driftRuns(account: LedgerAccount, limit: number): Promise<DriftRun[]>;
  /** One run's case results, failing cases first, then by case id. */
  driftResults(account: LedgerAccount, runId: string): Promise<DriftCaseResult[]>;
  /**
   * Retention: deletes the account's runs started before `cutoff` (ISO-8601) with their results;
   * returns the runs deleted.
   */
  deleteRunsOlderThan(account: LedgerAccount, cutoff: string): Promise<number>;
}
