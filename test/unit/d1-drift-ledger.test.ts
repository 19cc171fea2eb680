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
});
