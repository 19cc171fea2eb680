import { describe, expect, it } from "vitest";
import { d1DriftLedger } from "../../src/ledger/d1-drift-ledger.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { decision } from "../support/ledger-rows.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";

const ACME = { platform: "zendesk" as const, account: "acme" };
const add = (eventId: string, outcome: "answer" | "escalate" = "answer") => ({
  ...ACME,
  decisionEventId: eventId,
  expect: { outcomes: [outcome], reasons: [] },
  addedBy: "admin",
  addedAt: "2026-12-07T10:00:00Z",
});

async function ledgerWith(excerpt: string | null) {
  const db = sqliteD1();
  await d1Ledger(db).recordDecision(decision({ eventId: "d-1", messageExcerpt: excerpt }));
  return d1DriftLedger(db);
}

describe("the drift ledger's golden cases", () => {
  it("adds a decision once: adding it again changes its expectation, never duplicates it", async () => {
    const drift = await ledgerWith("Where is my refund? Card [card]");
    expect(await drift.addGoldenCase(add("d-1"))).toMatchObject({ id: "review:d-1" });
    await drift.addGoldenCase(add("d-1", "escalate"));
    const cases = await drift.goldenCases(ACME);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      turns: [{ by: "c", text: "Where is my refund? Card [card]" }],
      expect: { outcomes: ["escalate"], reasons: [] },
    });
    expect(await drift.goldenCaseAccounts()).toEqual([ACME]);
  });

  it("refuses an unknown decision and one that kept no excerpt", async () => {
    const drift = await ledgerWith(null);
    expect(await drift.addGoldenCase(add("nope"))).toBe("unknown_decision");
    expect(await drift.addGoldenCase(add("d-1"))).toBe("no_excerpt");
    expect(await drift.goldenCases(ACME)).toEqual([]);
  });

  it("names the field of a bad input", async () => {
    const drift = await ledgerWith("text");
    await expect(drift.addGoldenCase({ ...add("d-1"), expect: { outcomes: [], reasons: [] } })).rejects.toThrow(
      /expected_outcome: send one of answer, ask, act, escalate/,
    );
    await expect(drift.driftRuns(ACME, 0)).rejects.toThrow(/runs: 0 is out of range/);
  });

  it("deletes the runs started before the retention cutoff with their results, in this account only", async () => {
    const drift = await ledgerWith("text");
    const run = (runId: string, startedAt: string, account = "acme") => ({
      runId,
      platform: "zendesk" as const,
      account,
      trigger: "scheduled" as const,
      startedAt,
      finishedAt: startedAt,
      model: "m",
      k: 1,
      cases: 1,
      passed: 1,
      skipped: 0,
      inputTokens: 1,
      outputTokens: 1,
      costUsd: 0,
    });
    const result = {
      caseId: "c",
      caseName: "c",
      k: 1,
      passes: 1,
      passed: true,
      outcomesSeen: {},
      inputTokens: 1,
      outputTokens: 1,
      costUsd: 0,
    };
    await drift.recordDriftRun(run("old", "2025-01-01T00:00:00Z"), [result]);
    await drift.recordDriftRun(run("new", "2026-12-01T00:00:00Z"), [result]);
    await drift.recordDriftRun(run("other", "2025-01-01T00:00:00Z", "globex"), [result]);
    expect(await drift.deleteRunsOlderThan(ACME, "2026-01-01T00:00:00Z")).toBe(1);
    expect((await drift.driftRuns(ACME, 10)).map((r) => r.runId)).toEqual(["new"]);
    expect(await drift.driftResults(ACME, "old")).toEqual([]);
    expect(await drift.driftResults(ACME, "new")).toHaveLength(1);
    expect(await drift.driftRuns({ platform: "zendesk", account: "globex" }, 10)).toHaveLength(1);
  });
});
