import { describe, expect, it } from "vitest";
import { d1DriftLedger } from "../../src/ledger/d1-drift-ledger.ts";
import type { DriftCheckSummary } from "../../src/nightly/run-drift-check.ts";
import { bundledGoldenSet } from "../../src/rollout/bundled-golden-set.ts";
import { modelReplies, sampleModelOutput } from "../support/anthropic-mock.ts";
import { GOLDEN_REFUNDS, goldenCaseOf, goldenReply } from "../support/golden-replies.ts";
import { stageIntercomScenario } from "../support/intercom-scenarios.ts";
import { useBothHelpdesks } from "../support/both-helpdesks.ts";
import { recordedReply, SCENARIOS, stageScenario } from "../support/scenarios.ts";
import { TEST_INTERCOM_APP_ID } from "../support/signed-intercom-request.ts";
import { createHarness } from "../support/worker-harness.ts";
import { ticketCreated } from "../support/zendesk-events.ts";

const { zendesk, intercom, anthropic } = useBothHelpdesks();

const DRIFT_CRON = "41 4 * * *";
const AT = Date.parse("2026-12-07T04:41:00Z");
const BUNDLED = bundledGoldenSet().length;
/** Cases whose outcome triage decides: the model is asked only to enrich the handoff. */
const withModel = { ANTHROPIC_API_KEY: "test-key" };

/** A worker whose ledger holds one decided ticket on Zendesk and one on Intercom. */
async function workerWithBothAccounts(env: Record<string, string> = {}) {
  const h = createHarness({ env: { ...withModel, ...env } });
  const index = SCENARIOS.findIndex((s) => s.name === "answer from the help center");
  const staged = stageScenario(zendesk, SCENARIOS[index]!, index);
  expect((await h.deliver(ticketCreated({ id: staged.ticketId, requesterId: staged.requesterId }))).status).toBe(202);
  const { payload } = stageIntercomScenario(intercom, SCENARIOS[index]!, index);
  expect((await h.deliverIntercom(payload)).status).toBe(202);
  return h;
}

function helpdeskWrites() {
  return [...zendesk.requests, ...intercom.requests].filter((r) => r.method !== "GET").length;
}

describe("the drift check (Cron Trigger)", () => {
  it("replays the golden set k times per case on each account, passes pass^k, and writes nothing", async () => {
    const h = await workerWithBothAccounts();
    anthropic.reset();
    anthropic.setFallback(goldenReply());
    const writesBefore = helpdeskWrites();
    const summary = (await h.runtime.runScheduled(DRIFT_CRON, AT)) as DriftCheckSummary;
    expect(helpdeskWrites()).toBe(writesBefore);
    expect(summary.runs.map((r) => `${r.run.platform}:${r.run.account}`).sort()).toEqual([
      `intercom:${TEST_INTERCOM_APP_ID}`,
      "zendesk:acme",
    ]);
    const runs = await d1DriftLedger(h.ledgerDb!).driftRuns({ platform: "zendesk", account: "acme" }, 10);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: "scheduled", k: 3, cases: BUNDLED, passed: BUNDLED, skipped: 0 });
    expect(runs[0]!.costUsd).toBeGreaterThan(0);
    expect(runs[0]!.inputTokens).toBeGreaterThan(0);
    // Every model call belongs to a bundled case: k = 3 decisions per case on each of the two accounts.
    expect(anthropic.requests.every((call) => goldenCaseOf(call) !== null)).toBe(true);
    const results = await d1DriftLedger(h.ledgerDb!).driftResults(
      { platform: "zendesk", account: "acme" },
      runs[0]!.runId,
    );
    expect(results.find((r) => r.caseId === "bundled:legal-threat")).toMatchObject({
      k: 3,
      passes: 3,
      passed: true,
      outcomesSeen: { "escalate:legal": 3 },
    });
    expect(results.find((r) => r.caseId === "bundled:answer-from-the-help-center")?.outcomesSeen).toEqual({
      answer: 3,
    });
  });

  it("fails a case the model gets right only two times in three (pass^k), on both platforms", async () => {
    const h = await workerWithBothAccounts();
    let calls = 0;
    const sound = () =>
      modelReplies.output(
        sampleModelOutput({
          reply: "Returning an opened headset carries a $25 restocking fee.",
          cited_source_ids: [GOLDEN_REFUNDS],
        }),
      );
    const handsOver = () =>
      modelReplies.output(sampleModelOutput({ outcome: "escalate", reply: null, cited_source_ids: [] }));
    // On each account the case is decided 3 times (one call each); the second time the model hands it over.
    anthropic.setFallback(
      goldenReply({
        "answer with an ungrounded price": () => {
          calls += 1;
          return calls % 3 === 2 ? handsOver() : sound();
        },
      }),
    );
    await h.runtime.runScheduled(DRIFT_CRON, AT);
    const ledger = d1DriftLedger(h.ledgerDb!);
    for (const account of [
      { platform: "zendesk" as const, account: "acme" },
      { platform: "intercom" as const, account: TEST_INTERCOM_APP_ID },
    ]) {
      const [run] = await ledger.driftRuns(account, 1);
      expect(run).toMatchObject({ cases: BUNDLED, passed: BUNDLED - 1 });
      const [failing] = await ledger.driftResults(account, run!.runId);
      expect(failing).toMatchObject({ caseId: "bundled:answer-with-an-ungrounded-price", passed: false, passes: 2 });
      expect(failing?.outcomesSeen.answer).toBe(2);
      expect(Object.keys(failing?.outcomesSeen ?? {}).filter((key) => key.startsWith("escalate"))).toHaveLength(1);
    }
  });

  it("is off without a model key: one line says why, no model call, nothing stored", async () => {
    const h = createHarness({});
    expect(await h.runtime.runScheduled(DRIFT_CRON, AT)).toBeNull();
    const lines = h.lines.filter((l) => String(l.msg).startsWith("drift check"));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.msg).toContain("ANTHROPIC_API_KEY not set");
    expect(anthropic.requests).toHaveLength(0);
  });

  it("skips an account whose drift_check_enabled is off", async () => {
    const h = await workerWithBothAccounts({ DESKMATE_DRIFT_CHECK_ENABLED: "false" });
    anthropic.reset();
    const summary = (await h.runtime.runScheduled(DRIFT_CRON, AT)) as DriftCheckSummary;
    expect(summary).toMatchObject({ accounts: 2, accountsSkipped: 2, runs: [] });
    expect(anthropic.requests).toHaveLength(0);
    expect(h.lines.filter((l) => l.msg === "drift check skipped: drift_check_enabled is off")).toHaveLength(2);
  });

  it("stops at the case budget and counts the rest as skipped", async () => {
    const h = await workerWithBothAccounts({ DESKMATE_DRIFT_CHECK_MAX_CASES: "2", DESKMATE_DRIFT_CHECK_RUNS: "1" });
    anthropic.reset();
    anthropic.setFallback(goldenReply());
    await h.runtime.runScheduled(DRIFT_CRON, AT);
    const [run] = await d1DriftLedger(h.ledgerDb!).driftRuns({ platform: "zendesk", account: "acme" }, 1);
    expect(run).toMatchObject({ k: 1, cases: 2, passed: 2, skipped: BUNDLED - 2 });
  });

  it("starts no case once the run's model cost reached the cost budget", async () => {
    const h = await workerWithBothAccounts({ DESKMATE_DRIFT_CHECK_MAX_COST_USD: "0.01" });
    anthropic.reset();
    anthropic.setFallback(goldenReply());
    await h.runtime.runScheduled(DRIFT_CRON, AT);
    const ledger = d1DriftLedger(h.ledgerDb!);
    const [run] = await ledger.driftRuns({ platform: "zendesk", account: "acme" }, 1);
    expect(run!.cases).toBeGreaterThan(0);
    expect(run!.cases + run!.skipped).toBe(BUNDLED);
    expect(run!.skipped).toBeGreaterThan(0);
    // The last case started while less than the budget was spent (so did the dearest), and it is spent now.
    const costs = (await ledger.driftResults({ platform: "zendesk", account: "acme" }, run!.runId)).map(
      (r) => r.costUsd,
    );
    const total = costs.reduce((sum, c) => sum + c, 0);
    expect(total - Math.max(...costs)).toBeLessThan(0.01);
    expect(run!.costUsd).toBeGreaterThanOrEqual(0.01);
  });

  it("with the scenario suite's recorded outputs (the demo's model), flags the two that invent or mis-cite", async () => {
    const h = await workerWithBothAccounts({ DESKMATE_DRIFT_CHECK_RUNS: "1" });
    anthropic.reset();
    anthropic.setFallback(recordedReply);
    await h.runtime.runScheduled(DRIFT_CRON, AT);
    const ledger = d1DriftLedger(h.ledgerDb!);
    const [run] = await ledger.driftRuns({ platform: "zendesk", account: "acme" }, 1);
    expect(run).toMatchObject({ cases: BUNDLED, passed: BUNDLED - 2 });
    const failing = (await ledger.driftResults({ platform: "zendesk", account: "acme" }, run!.runId)).filter(
      (r) => !r.passed,
    );
    expect(failing.map((r) => [r.caseId, r.outcomesSeen])).toEqual([
      ["bundled:answer-citing-a-source-that-was-not-retrieved", { "escalate:no_grounding": 1 }],
      ["bundled:answer-with-an-ungrounded-price", { "escalate:no_grounding": 1 }],
    ]);
  });

  it("prices tokens like decisions: a model without a price counts 0 and the run says so", async () => {
    const h = await workerWithBothAccounts({
      DESKMATE_DECISION_MODEL: "claude-unpriced-9",
      DESKMATE_DRIFT_CHECK_RUNS: "1",
    });
    anthropic.reset();
    anthropic.setFallback(goldenReply());
    h.lines.splice(0);
    await h.runtime.runScheduled(DRIFT_CRON, AT);
    const warned = h.lines.filter(
      (l) => l.msg === "model has no price: its cost counts as 0" && l.job === "drift_check",
    );
    expect(warned.map((l) => [l.account, l.model])).toEqual([
      [TEST_INTERCOM_APP_ID, "claude-unpriced-9"],
      ["acme", "claude-unpriced-9"],
    ]);
    const [run] = await d1DriftLedger(h.ledgerDb!).driftRuns({ platform: "zendesk", account: "acme" }, 1);
    expect(run).toMatchObject({ model: "claude-unpriced-9", cases: BUNDLED });
  });

  it("deletes the account's runs older than retention_days when it runs", async () => {
    const h = await workerWithBothAccounts({ DESKMATE_RETENTION_DAYS: "30", DESKMATE_DRIFT_CHECK_MAX_CASES: "1" });
    const ledger = d1DriftLedger(h.ledgerDb!);
    const old = new Date(AT - 31 * 24 * 3_600_000).toISOString();
    await ledger.recordDriftRun(
      {
        runId: "old-run",
        platform: "zendesk",
        account: "acme",
        trigger: "scheduled",
        startedAt: old,
        finishedAt: old,
        model: "m",
        k: 3,
        cases: 0,
        passed: 0,
        skipped: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
      },
      [],
    );
    anthropic.setFallback(goldenReply());
    await h.runtime.runScheduled(DRIFT_CRON, AT);
    const runs = await ledger.driftRuns({ platform: "zendesk", account: "acme" }, 10);
    expect(runs.map((r) => r.startedAt)).toEqual([new Date(AT).toISOString()]);
  });
});
