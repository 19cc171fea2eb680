import { describe, expect, it } from "vitest";
import type { DriftRun } from "../../src/domain/drift.ts";
import { d1DriftLedger } from "../../src/ledger/d1-drift-ledger.ts";
import { bundledGoldenSet } from "../../src/rollout/bundled-golden-set.ts";
import { consoleClient, pageMetrics } from "../support/console-client.ts";
import { at, decision } from "../support/ledger-rows.ts";

const ACME = "platform=zendesk&account=acme&from=2026-03-02&to=2026-03-08";
const BUNDLED = bundledGoldenSet().length;

function rows() {
  return {
    decisions: [
      decision({
        eventId: "esc-0",
        ticketId: "201",
        outcome: "escalate",
        reasons: ["low_confidence"],
        messageExcerpt: "Where do I download last year's invoices?",
      }),
      decision({ eventId: "old-0", ticketId: "202", outcome: "escalate", reasons: ["legal"], messageExcerpt: null }),
    ],
  };
}

function run(runId: string, startedAt: string, passed: number, cases: number): DriftRun {
  return {
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
    inputTokens: 9000,
    outputTokens: 900,
    costUsd: 0.42,
  };
}

describe("the review queue's Add to the golden set, and the Drift page", () => {
  it("adds a card's decision with the expected outcome (CSRF), then the Drift page counts it", async () => {
    const { get, post, signIn, h } = await consoleClient(rows());
    const { cookie, csrf } = await signIn();
    const queue = await (await get(`/admin/review?${ACME}`, cookie)).text();
    // A card with an excerpt has the form; one decided before excerpts were kept has none to replay.
    expect(queue).toContain('action="/admin/golden-set?');
    expect(queue.match(/Add to the golden set/g)).toHaveLength(1);

    const fields = { csrf, event_id: "esc-0", platform: "zendesk", account: "acme", expected_outcome: "answer" };
    const refused = await post(`/admin/golden-set?${ACME}`, { ...fields, csrf: "forged" }, cookie);
    expect(refused.status).toBe(403);
    expect(await d1DriftLedger(h.ledgerDb!).goldenCases({ platform: "zendesk", account: "acme" })).toEqual([]);

    const res = await post(`/admin/golden-set?${ACME}`, fields, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/admin/drift-check?${ACME}`);
    const [stored] = await d1DriftLedger(h.ledgerDb!).goldenCases({ platform: "zendesk", account: "acme" });
    expect(stored).toMatchObject({
      id: "review:esc-0",
      turns: [{ by: "c", text: "Where do I download last year's invoices?" }],
      expect: { outcomes: ["answer"], reasons: [] },
    });
    const page = await (await get(`/admin/drift-check?${ACME}`, cookie)).text();
    expect(page).toContain('aria-current="page">Drift</a>');
    expect(pageMetrics(page)).toMatchObject({
      "drift.golden_set.bundled": String(BUNDLED),
      "drift.golden_set.added": "1",
    });
  });

  it("names the field when a decision cannot become a case", async () => {
    const { post, signIn } = await consoleClient(rows());
    const { cookie, csrf } = await signIn();
    const fields = { csrf, event_id: "old-0", platform: "zendesk", account: "acme", expected_outcome: "escalate" };
    const res = await post(`/admin/golden-set?${ACME}`, fields, cookie);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("event_id: this decision kept no message excerpt");
    const bad = await post(`/admin/golden-set?${ACME}`, { ...fields, expected_outcome: "skip" }, cookie);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("expected_outcome: required");
  });

  it("shows pass^k per run with counts and a Wilson interval, and the last run's failing cases", async () => {
    const { get, signIn, h } = await consoleClient(rows());
    const drift = d1DriftLedger(h.ledgerDb!);
    await drift.recordDriftRun(run("r1", at(0), 14, 14), []);
    await drift.recordDriftRun(run("r2", at(86_400_000), 9, 10), [
      {
        caseId: "bundled:legal-threat",
        caseName: "legal threat",
        k: 3,
        passes: 2,
        passed: false,
        outcomesSeen: { "escalate:legal": 2, answer: 1 },
        inputTokens: 100,
        outputTokens: 10,
        costUsd: 0.01,
      },
    ]);
    const page = await (await get(`/admin/drift-check?${ACME}`, await signIn().then((s) => s.cookie))).text();
    const shown = page.slice(page.indexOf('data-run-id="r2"'), page.indexOf('data-run-id="r1"'));
    expect(pageMetrics(shown)).toMatchObject({
      "drift.run.passed": "9",
      "drift.run.cases": "10",
      "drift.run.pass_rate": "0.9",
    });
    // Wilson 95% of 9 of 10: 60% to 98%.
    expect(shown).toContain('data-interval="wilson">60% to 98%<');
    expect(page).toContain('data-case-id="bundled:legal-threat"');
    expect(page).toContain("escalate:legal ×2, answer ×1");
  });
});
