import { describe, expect, it } from "vitest";
import { defaultSettings } from "../../src/config/settings-schema.ts";
import type { Plan } from "../../src/domain/plan.ts";
import { d1DriftLedger } from "../../src/ledger/d1-drift-ledger.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { DECISIONS_PER_INVOCATION, runDriftCheck } from "../../src/nightly/run-drift-check.ts";
import type { Decider } from "../../src/pipeline/decider.ts";
import { bundledGoldenSet } from "../../src/rollout/bundled-golden-set.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";

const BUNDLED = bundledGoldenSet().length;
const ACME = { platform: "zendesk" as const, account: "acme" };
const WORKSPACE = { platform: "intercom" as const, account: "ws_1" };

/** An engine that escalates every message: what triage and policy return, without a model. */
const escalates: Decider = async () =>
  ({ outcome: "escalate", reasons: ["human_requested"], addTags: [], removeTags: [] }) as Plan;

describe("runDriftCheck's budget per invocation", () => {
  it("shares the invocation's decisions across accounts; what does not fit is skipped", async () => {
    const driftLedger = d1DriftLedger(sqliteD1());
    const { logger } = createMemoryLogger();
    const summary = await runDriftCheck(
      {
        driftLedger,
        logger,
        accounts: async () => [ACME, WORKSPACE],
        forAccount: () => ({
          settings: async () => defaultSettings,
          decideBundled: escalates,
          decideAccount: escalates,
        }),
      },
      { now: new Date("2026-12-07T04:41:00Z"), trigger: "scheduled", maxDecisions: BUNDLED * 3 + 3 },
    );
    expect(summary.runs.map((r) => [r.run.account, r.run.cases, r.run.skipped])).toEqual([
      ["acme", BUNDLED, 0],
      ["ws_1", 1, BUNDLED - 1],
    ]);
    expect(DECISIONS_PER_INVOCATION).toBeGreaterThanOrEqual(BUNDLED * 3);
  });
});
