import { applyD1Migrations, createScheduledController, type D1Migration } from "cloudflare:test";
import { env as bindings } from "cloudflare:workers";
import { getResponse } from "msw";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Env } from "../../src/env.ts";
import worker from "../../src/index.ts";
import { d1DriftLedger } from "../../src/ledger/d1-drift-ledger.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { bundledGoldenSet } from "../../src/rollout/bundled-golden-set.ts";
import { createAnthropicMock } from "../support/anthropic-mock.ts";
import { goldenReply } from "../support/golden-replies.ts";
import { decision } from "../support/ledger-rows.ts";
import { createZendeskSandbox } from "../support/zendesk-sandbox.ts";

/**
 * The drift check's Cron Trigger as Cloudflare runs it: the `scheduled` handler for its cron, the
 * Claude client inside workerd, results in the local D1. Outbound requests are answered by the mocks.
 */
const sandbox = createZendeskSandbox();
const anthropic = createAnthropicMock();
const realFetch = globalThis.fetch;
beforeAll(() => {
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const response = await getResponse([...anthropic.handlers, ...sandbox.handlers], request);
    if (!response) throw new Error(`unexpected outbound request ${request.method} ${request.url}`);
    return response;
  };
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

describe("the drift check Cron Trigger inside workerd", () => {
  it("replays the golden set against the model and stores the run in the local D1", async () => {
    const env = { ...(bindings as Env & { LEDGER_MIGRATIONS: D1Migration[] }), ANTHROPIC_API_KEY: "workerd-test-key" };
    if (env.LEDGER === undefined) throw new Error("LEDGER: not bound; wrangler.toml needs its [[d1_databases]] entry");
    await applyD1Migrations(env.LEDGER, env.LEDGER_MIGRATIONS);
    await d1Ledger(env.LEDGER).recordDecision(decision({ eventId: "evt-drift" }));
    anthropic.setFallback(goldenReply());

    const now = Date.now();
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: "41 4 * * *" }), env);

    const runs = await d1DriftLedger(env.LEDGER).driftRuns({ platform: "zendesk", account: "acme" }, 5);
    const cases = bundledGoldenSet().length;
    expect(runs[0]).toMatchObject({ trigger: "scheduled", k: 3, cases, passed: cases });
    expect(anthropic.requests.length).toBeGreaterThan(0);
    expect(sandbox.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });
});
