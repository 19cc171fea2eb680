import type { Outcome } from "./plan.ts";
import type { Platform } from "./support-event.ts";

/**
 * The drift check's shared types: the golden set (cases whose right outcome is known) and what a
 * replay of it against the live model found. Cases hold masked text only.
 */

/** One turn of a case's conversation: customer (c), assistant (a) or human agent (h). */
export interface GoldenTurn {
  by: "c" | "a" | "h";
  text: string;
}

/** What a run of a case must reach: one of these outcomes, with every one of these reasons. */
export interface GoldenExpectation {
  outcomes: Outcome[];
  reasons: string[];
}

/**
 * A case of the golden set. Bundled cases ship with Deskmate and answer from the bundled golden
 * articles (so a help center's own content never decides whether the model drifted); cases an admin
 * added from the review queue answer from the account's own knowledge, like the ticket they came from.
 */
export interface GoldenCase {
  /** `bundled:<slug>` or `review:<decision event id>`. */
  id: string;
  source: "bundled" | "review";
  name: string;
  subject: string;
  /** The conversation, oldest first; the last turn is the customer message decided on. */
  turns: GoldenTurn[];
  expect: GoldenExpectation;
}

/** A case an admin added from the review queue, as the ledger stores it. */
export interface StoredGoldenCase extends GoldenCase {
  source: "review";
  platform: Platform;
  account: string;
  decisionEventId: string;
  addedBy: string;
  /** ISO-8601. */
  addedAt: string;
}

/** One replay of one case: the outcome and reasons the engine reached. */
export interface DriftAttempt {
  outcome: Outcome;
  reasons: readonly string[];
}

/** A case's k runs in one drift run. It passes only when every one of its k runs passed (pass^k). */
export interface DriftCaseResult {
  caseId: string;
  caseName: string;
  k: number;
  passes: number;
  passed: boolean;
  /** How often each outcome was seen, keyed `outcome` or `outcome:reason+reason`. */
  outcomesSeen: Record<string, number>;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** One drift run of one account: the golden set replayed against the live model. */
export interface DriftRun {
  runId: string;
  platform: Platform;
  account: string;
  /** What started it: the Cron Trigger or an admin by hand. */
  trigger: "scheduled" | "manual";
  /** ISO-8601. */
  startedAt: string;
  finishedAt: string;
  /** The decision model the account's settings named. */
  model: string;
  k: number;
  /** Cases replayed, and those that passed all k runs. */
  cases: number;
  passed: number;
  /** Cases of the golden set left out because the run's case or cost budget was spent. */
  skipped: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}
