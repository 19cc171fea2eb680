import { describe, expect, it } from "vitest";
import type { DecisionRecord, LifecycleEvent } from "../../src/domain/ledger.ts";
import type { Env } from "../../src/env.ts";
import type { ExperimentReport } from "../../src/http/admin/experiment-report.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { newcombeInterval } from "../../src/rollout/newcombe-interval.ts";
import { DAY, decision, event, HOUR } from "../support/ledger-rows.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";
import { createHarness } from "../support/worker-harness.ts";

const TOKEN = "test-admin-token-0123456789";
// The ledger-rows helpers start on Monday 2 March 2026, 10:00 UTC.
const WEEK = "from=2026-03-02&to=2026-03-08";

/**
 * 40 tickets per arm on `platform`: the assistant replies at once and solves in a day; in control a
 * human replies after 2 hours and solves 2 hours later than the assistant. 35 rated per arm (30 good
 * against 20), 4 reopened per arm.
 */
function cohorts(platform: "zendesk" | "intercom", account: string) {
  const decisions: DecisionRecord[] = [];
  const events: LifecycleEvent[] = [];
  for (const arm of ["assistant", "control"] as const) {
    for (let i = 0; i < 40; i++) {
      const ticketId = `${arm}-${i}`;
      const start = i * HOUR;
      const ids = { platform, account, ticketId };
      decisions.push(
        decision({
          ...ids,
          arm,
          decidedAt: new Date(Date.parse("2026-03-02T10:00:00Z") + start).toISOString(),
          publicReply: arm === "assistant",
        }),
      );
      if (arm === "control") events.push(event("human_public_reply", start + 2 * HOUR, ids));
      const solved = start + DAY + (arm === "control" ? 2 * HOUR : 0);
      events.push(event("solved", solved, ids));
      if (i < 4) events.push(event("reopened", solved + HOUR, ids));
      const good = arm === "assistant" ? 30 : 20;
      if (i < 35) events.push(event("csat", solved + 2 * HOUR, { ...ids, rating: i < good ? "good" : "bad" }));
    }
  }
  return { decisions, events };
}

async function setup(rows: { decisions: DecisionRecord[]; events: LifecycleEvent[] }, env: Partial<Env> = {}) {
  const db = sqliteD1();
  const ledger = d1Ledger(db);
  for (const d of rows.decisions) await ledger.recordDecision(d);
  for (const e of rows.events) await ledger.recordLifecycle(e);
  const h = createHarness({ env: { DESKMATE_ADMIN_TOKEN: TOKEN, ...env }, ledgerDb: db });
  return (query: string, auth: string | null = `Bearer ${TOKEN}`) =>
    h.runtime.app.request(`/admin/experiment?${query}`, { headers: auth ? { authorization: auth } : {} }, h.env);
}

const metric = (report: ExperimentReport, name: string) => report.metrics.find((m) => m.metric === name);

describe("GET /admin/experiment", () => {
  it("compares the arms with counts, differences, intervals and verdicts (Zendesk)", async () => {
    const get = await setup(cohorts("zendesk", "acme"));
    const response = await get(`platform=zendesk&account=acme&${WEEK}`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as ExperimentReport;
    expect(report).toMatchObject({
      range: { from: "2026-03-02", to: "2026-03-08" },
      arms: { assistant: { tickets: 40 }, control: { tickets: 40 } },
      min_samples: 30,
      verdict: "better",
    });
    const csat = metric(report, "csat_good");
    const expected = newcombeInterval(30, 35, 20, 35);
    expect(csat).toMatchObject({
      assistant: { count: 30, of: 35 },
      control: { count: 20, of: 35 },
      verdict: "better",
      method: expect.stringContaining("Newcombe"),
    });
    expect(csat?.difference).toBeCloseTo(10 / 35, 10);
    expect(csat?.interval?.low).toBeCloseTo(expected?.low ?? Number.NaN, 10);
    expect(csat?.interval?.high).toBeCloseTo(expected?.high ?? Number.NaN, 10);
    expect(metric(report, "reopen_rate")).toMatchObject({
      assistant: { count: 4, of: 40 },
      control: { count: 4, of: 40 },
      difference: 0,
      verdict: "no difference detected",
    });
    expect(metric(report, "first_response_minutes")).toMatchObject({
      assistant: { of: 40, median: 0 },
      control: { of: 40, median: 120 },
      difference: -120,
      verdict: "better",
      method: expect.stringContaining("bootstrap"),
    });
    expect(metric(report, "resolution_minutes")).toMatchObject({ difference: -120, verdict: "better" });
  });

  it("the same on Intercom, under the workspace id", async () => {
    const get = await setup(cohorts("intercom", "ws123"));
    const report = (await (await get(`platform=intercom&account=ws123&${WEEK}`)).json()) as ExperimentReport;
    expect(report.arms).toEqual({ assistant: { tickets: 40 }, control: { tickets: 40 } });
    expect(metric(report, "csat_good")?.verdict).toBe("better");
  });

  it("below experiment_min_samples every verdict is not enough data", async () => {
    const get = await setup(cohorts("zendesk", "acme"), { DESKMATE_EXPERIMENT_MIN_SAMPLES: "100" });
    const report = (await (await get(`platform=zendesk&account=acme&${WEEK}`)).json()) as ExperimentReport;
    expect(report.min_samples).toBe(100);
    expect(report.metrics.map((m) => m.verdict)).toEqual(Array(5).fill("not enough data"));
    expect(report.verdict).toBe("not enough data");
  });

  it("tickets first decided outside the range are left out", async () => {
    const get = await setup(cohorts("zendesk", "acme"));
    const report = (await (
      await get("platform=zendesk&account=acme&from=2026-03-09&to=2026-03-10")
    ).json()) as ExperimentReport;
    expect(report.arms).toEqual({ assistant: { tickets: 0 }, control: { tickets: 0 } });
    expect(report.verdict).toBe("not enough data");
  });

  it("names every bad parameter, and refuses without the admin token", async () => {
    const get = await setup({ decisions: [], events: [] });
    const bad = await get("platform=zendesk&from=2026-03-02");
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { fields: Array<{ name: string }> };
    expect(body.fields.map((f) => f.name).sort()).toEqual(["account", "to"]);
    expect((await get(`platform=zendesk&account=acme&${WEEK}`, null)).status).toBe(401);
  });
});
