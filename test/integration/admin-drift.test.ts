import { describe, expect, it } from "vitest";
import type { Platform } from "../../src/domain/support-event.ts";
import { bundledGoldenSet } from "../../src/rollout/bundled-golden-set.ts";
import { goldenReply } from "../support/golden-replies.ts";
import { stageIntercomScenario } from "../support/intercom-scenarios.ts";
import { useBothHelpdesks } from "../support/both-helpdesks.ts";
import { SCENARIOS, stageScenario } from "../support/scenarios.ts";
import { TEST_INTERCOM_APP_ID } from "../support/signed-intercom-request.ts";
import { createHarness } from "../support/worker-harness.ts";
import { ticketCreated } from "../support/zendesk-events.ts";

const { zendesk, intercom, anthropic } = useBothHelpdesks();

const TOKEN = "admin-test-token";
const DRIFT_CRON = "41 4 * * *";
const BUNDLED = bundledGoldenSet().length;
/** A question no bundled case holds: the mock model escalates it (test/support/golden-replies.ts). */
const INVOICE = "model API error";

async function worker() {
  const h = createHarness({ env: { ANTHROPIC_API_KEY: "test-key", DESKMATE_ADMIN_TOKEN: TOKEN } });
  const index = SCENARIOS.findIndex((s) => s.name === INVOICE);
  const staged = stageScenario(zendesk, SCENARIOS[index]!, index);
  expect((await h.deliver(ticketCreated({ id: staged.ticketId, requesterId: staged.requesterId }))).status).toBe(202);
  expect((await h.deliverIntercom(stageIntercomScenario(intercom, SCENARIOS[index]!, index).payload)).status).toBe(202);
  const call = (method: string, path: string, body?: unknown) =>
    h.runtime.app.request(
      path,
      {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      },
      h.env,
    );
  return { h, call };
}

describe("GET /admin/drift and POST /admin/golden-cases", () => {
  it.each([
    ["zendesk", "acme"],
    ["intercom", TEST_INTERCOM_APP_ID],
  ] as const)(
    "a %s decision becomes a golden case of masked text, replayed by the next run",
    async (platform, account) => {
      const { h, call } = await worker();
      const [decision] = await h.decisions(platform as Platform, account);
      const added = await call("POST", "/admin/golden-cases", {
        platform,
        account,
        event_id: decision!.eventId,
        expected_outcome: "answer",
      });
      expect(added.status).toBe(201);
      const { case: stored } = (await added.json()) as { case: { id: string; turns: unknown[] } };
      expect(stored.id).toBe(`review:${decision!.eventId}`);
      expect(stored.turns).toEqual([{ by: "c", text: decision!.messageExcerpt }]);

      anthropic.reset();
      anthropic.setFallback(goldenReply());
      await h.runtime.runScheduled(DRIFT_CRON, Date.parse("2026-12-07T04:41:00Z"));
      const res = await call("GET", `/admin/drift?platform=${platform}&account=${account}`);
      expect(res.status).toBe(200);
      const report = (await res.json()) as {
        goldenSet: { bundled: number; added: number };
        runs: Array<{ cases: number; passed: number; passRate: number; interval: { low: number; method: string } }>;
        lastRun: { results: Array<{ caseId: string; passed: boolean; outcomesSeen: Record<string, number> }> };
      };
      expect(report.goldenSet).toEqual({ bundled: BUNDLED, added: 1 });
      expect(report.runs).toHaveLength(1);
      expect(report.runs[0]).toMatchObject({ cases: BUNDLED + 1, passed: BUNDLED, passRate: BUNDLED / (BUNDLED + 1) });
      expect(report.runs[0]?.interval.method).toBe("wilson");
      // The model hands the invoice question over three times where the admin expects an answer: failing, listed first.
      expect(report.lastRun.results[0]).toMatchObject({ caseId: stored.id, passed: false });
      expect(Object.keys(report.lastRun.results[0]!.outcomesSeen)[0]).toMatch(/^escalate/);
    },
  );

  it("names what is wrong: bad fields (400), an unknown decision (404), no token (401)", async () => {
    const { call, h } = await worker();
    const bad = await call("POST", "/admin/golden-cases", {
      platform: "zendesk",
      account: "acme",
      expected_outcome: "maybe",
    });
    expect(bad.status).toBe(400);
    const names = ((await bad.json()) as { fields: Array<{ name: string }> }).fields.map((f) => f.name);
    expect(names).toEqual(["event_id", "expected_outcome"]);
    const unknown = await call("POST", "/admin/golden-cases", {
      platform: "zendesk",
      account: "acme",
      event_id: "no-such-event",
      expected_outcome: "escalate",
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toBe("unknown_decision");
    expect((await call("GET", "/admin/drift?platform=zendesk")).status).toBe(400);
    expect((await h.runtime.app.request("/admin/drift?platform=zendesk&account=acme", {}, h.env)).status).toBe(401);
    const empty = await call("GET", "/admin/drift?platform=zendesk&account=acme");
    expect(await empty.json()).toMatchObject({ runs: [], lastRun: null, goldenSet: { bundled: BUNDLED, added: 0 } });
  });
});
