import { describe, expect, it } from "vitest";
import type { DriftRun } from "../../src/domain/drift.ts";
import { bundledGoldenSet } from "../../src/rollout/bundled-golden-set.ts";
import { driftTrend } from "../../src/rollout/drift-trend.ts";
import { SCENARIO_CASES } from "../../src/rollout/scenario-cases.ts";
import { attemptPasses, scoreGoldenCase } from "../../src/rollout/score-golden-case.ts";

const legal = { outcomes: ["escalate" as const], reasons: ["legal"] };

describe("a golden case's runs (pass^k)", () => {
  it("passes only when every one of its k runs reached the expectation", () => {
    const right = { outcome: "escalate" as const, reasons: ["legal", "vip"] };
    const wrong = { outcome: "answer" as const, reasons: [] };
    expect(scoreGoldenCase([right, right, right], legal)).toEqual({
      k: 3,
      passes: 3,
      passed: true,
      outcomesSeen: { "escalate:legal+vip": 3 },
    });
    expect(scoreGoldenCase([right, wrong, right], legal)).toEqual({
      k: 3,
      passes: 2,
      passed: false,
      outcomesSeen: { "escalate:legal+vip": 2, answer: 1 },
    });
  });

  it("needs the expected outcome and every expected reason", () => {
    expect(attemptPasses({ outcome: "escalate", reasons: ["fraud"] }, legal)).toBe(false);
    expect(attemptPasses({ outcome: "ask", reasons: ["legal"] }, legal)).toBe(false);
    expect(attemptPasses({ outcome: "ask", reasons: [] }, { outcomes: ["ask", "answer"], reasons: [] })).toBe(true);
  });

  it("does not pass a case that never ran", () => {
    expect(scoreGoldenCase([], legal)).toMatchObject({ k: 0, passes: 0, passed: false });
  });
});

describe("the bundled golden set", () => {
  it("holds every scenario case a live model decides, under stable ids", () => {
    const set = bundledGoldenSet();
    expect(set).toHaveLength(SCENARIO_CASES.filter((c) => c.golden).length);
    expect(set.length).toBe(14);
    expect(set[0]).toMatchObject({ id: "bundled:answer-from-the-help-center", source: "bundled" });
    expect(new Set(set.map((c) => c.id)).size).toBe(set.length);
    // Cases a recorded failure or the pipeline decides are not replayed against a live model.
    expect(set.map((c) => c.name)).not.toContain("model API error");
    expect(set.map((c) => c.name)).not.toContain("ticket a human agent already answered");
  });
});

describe("the drift trend", () => {
  const run = (runId: string, startedAt: string, passed: number, cases: number): DriftRun => ({
    runId,
    platform: "zendesk",
    account: "acme",
    trigger: "scheduled",
    startedAt,
    finishedAt: startedAt,
    model: "claude-sonnet-5-5",
    k: 3,
    cases,
    passed,
    skipped: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
  });

  it("orders runs oldest first with the pass^k rate, its counts and a 95% Wilson interval", () => {
    const points = driftTrend([run("b", "2026-12-02T04:41:00Z", 9, 10), run("a", "2026-12-01T04:41:00Z", 14, 14)]);
    expect(points.map((p) => p.runId)).toEqual(["a", "b"]);
    expect(points[1]).toMatchObject({ passed: 9, cases: 10, passRate: 0.9 });
    // Known values: Wilson 95% of 9/10 is 0.5958 to 0.9821; of 14/14, 0.7847 to 1.
    expect(points[1]?.interval?.low).toBeCloseTo(0.5958, 4);
    expect(points[1]?.interval?.high).toBeCloseTo(0.9821, 4);
    expect(points[1]?.interval?.method).toBe("wilson");
    expect(points[0]?.interval?.low).toBeCloseTo(0.7847, 4);
    expect(points[0]?.interval?.high).toBe(1);
  });

  it("has no rate and no interval for a run where no case ran", () => {
    expect(driftTrend([run("a", "2026-12-01T04:41:00Z", 0, 0)])[0]).toMatchObject({ passRate: null, interval: null });
  });
});
