import type { DriftRun, GoldenTurn, StoredGoldenCase } from "../domain/drift.ts";
import type { Outcome } from "../domain/plan.ts";
import type { Platform } from "../domain/support-event.ts";

/* The drift tables' rows as D1 returns them (migrations/0009_drift_check.sql), and their domain shapes. */

export interface GoldenCaseRow {
  platform: string;
  account: string;
  case_id: string;
  decision_event_id: string;
  name: string;
  subject: string;
  turns: string;
  expected_outcomes: string;
  expected_reasons: string;
  added_by: string;
  added_at: string;
}

export interface DriftRunRow {
  platform: string;
  account: string;
  run_id: string;
  trigger: string;
  started_at: string;
  finished_at: string;
  model: string;
  k: number;
  cases: number;
  passed: number;
  skipped: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

export interface DriftResultRow {
  case_id: string;
  case_name: string;
  k: number;
  passes: number;
  passed: number;
  outcomes_seen: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

export function caseFromRow(row: GoldenCaseRow): StoredGoldenCase {
  return {
    id: row.case_id,
    source: "review",
    name: row.name,
    subject: row.subject,
    turns: JSON.parse(row.turns) as GoldenTurn[],
    expect: {
      outcomes: JSON.parse(row.expected_outcomes) as Outcome[],
      reasons: JSON.parse(row.expected_reasons) as string[],
    },
    platform: row.platform as Platform,
    account: row.account,
    decisionEventId: row.decision_event_id,
    addedBy: row.added_by,
    addedAt: row.added_at,
  };
}

export function runFromRow(row: DriftRunRow): DriftRun {
  return {
    runId: row.run_id,
    platform: row.platform as Platform,
    account: row.account,
    trigger: row.trigger === "manual" ? "manual" : "scheduled",
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    model: row.model,
    k: row.k,
    cases: row.cases,
    passed: row.passed,
    skipped: row.skipped,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd: row.cost_usd,
  };
}
