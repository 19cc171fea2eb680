import { describe, expect, it } from "vitest";
import type { DecisionRecord, LifecycleEvent } from "../../src/domain/ledger.ts";
import type { HandoffRatingValue, ReviewVerdictValue } from "../../src/domain/review.ts";
import type { Env } from "../../src/env.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { computeMetrics } from "../../src/metrics/compute-metrics.ts";
import { at, DAY, decision, event, HOUR } from "../support/ledger-rows.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";
import { createHarness } from "../support/worker-harness.ts";

const TOKEN = "test-admin-token-0123456789";
// The ledger-rows helpers start on Monday 2 March 2026, 10:00 UTC.
const WEEK = "from=2026-03-02&to=2026-03-08";
const ACME = `platform=zendesk&account=acme&${WEEK}`;

interface Answer {
  range: { from: string; to: string };
  as_of: string;
  definitions: { resolution_wait_hours: number; stayed_resolved_days: number };
  messages: number;
  outcomes: Record<string, number>;
  tickets: Record<string, number>;
  escalation_reasons: Record<string, number>;
  by_category: Record<string, { messages: number; escalated: number; ai_resolved: number }>;
  csat: Record<string, { rated: number; good: number }>;
  cost: { model_usd: number; per_stayed_resolved_usd: number | null; input_tokens: number; output_tokens: number };
  knowledge_gaps: Array<{ category: string; count: number }>;
  handoff_ratings: {
    rated: number;
    useful: number;
    missing_section: Record<string, number>;
    wrong_escalation: Record<string, number>;
  };
  reviews: { reviewed: number; by_verdict: Record<string, number>; agreement: number | null };
}

interface Problems {
  error: string;
  fields: Array<{ name: string; message: string }>;
}

async function setup(
  rows: { decisions?: DecisionRecord[]; events?: LifecycleEvent[] } = {},
  env: Partial<Env> & { ledger?: boolean } = {},
  db = sqliteD1(),
) {
  const ledger = d1Ledger(db);
  for (const d of rows.decisions ?? []) await ledger.recordDecision(d);
  for (const e of rows.events ?? []) await ledger.recordLifecycle(e);
  const { ledger: bound = true, ...vars } = env;
  const h = createHarness({
    env: { DESKMATE_ADMIN_TOKEN: TOKEN, ...vars },
    ledgerDb: bound ? db : null,
  });
  const request = (path: string, init: RequestInit = {}, auth: string | null = `Bearer ${TOKEN}`) =>
    h.runtime.app.request(
      path,
      { ...init, headers: { ...(auth ? { authorization: auth } : {}), ...(init.headers ?? {}) } },
      h.env,
    );
  return { get: (path: string, auth?: string | null) => request(path, {}, auth), request };
}

const zd = (ticketId: string) => ({ platform: "zendesk" as const, account: "acme", ticketId });

/** A week of one Zendesk account: one ticket per path, plus rows the report must leave out. */
function acmeWeek() {
  const decisions = [
    // Stayed resolved: solved alone, rated good (confirmed).
    decision({ ...zd("1"), tokens: { input: 1000, output: 100, cacheRead: 0, cacheWrite: 0 }, modelCostUsd: 0.02 }),
    // False resolution: solved, then reopened the next day.
    decision({ ...zd("2"), category: "shipping", modelCostUsd: 0.03 }),
    // Escalated on a human request; a human replied 30 minutes later; rated bad.
    decision({ ...zd("3"), outcome: "escalate", reasons: ["human_requested"], modelCostUsd: 0.01 }),
    // Asked, then the customer went silent: unresolved, and retrieval had found nothing.
    decision({ ...zd("4"), outcome: "ask", reasons: ["knowledge_gap"], category: "shipping", modelCostUsd: 0.01 }),
    // Skipped (a person owns it): human-only.
    decision({ ...zd("5"), outcome: "skip", reasons: ["human_owned"], category: null, modelCostUsd: 0 }),
    // First seen the week before: its answer in the range counts as a message, the ticket does not.
    decision({ ...zd("6"), decidedAt: new Date(Date.parse("2026-02-25T10:00:00Z")).toISOString() }),
    decision({ ...zd("6"), decidedAt: new Date(Date.parse("2026-03-03T10:00:00Z")).toISOString() }),
    // Another account and a day after the range: not in this report.
    decision({ ...zd("1"), account: "globex" }),
    decision({ ...zd("7"), decidedAt: "2026-03-09T00:00:00.000Z" }),
  ];
  const events = [
    event("solved", 2 * HOUR, zd("1")),
    event("csat", DAY, { ...zd("1"), rating: "good" }),
    event("solved", 2 * HOUR, zd("2")),
    event("reopened", DAY, zd("2")),
    event("human_public_reply", 30 * 60_000, zd("3")),
    event("csat", 2 * DAY, { ...zd("3"), rating: "bad" }),
    // Never touched by Deskmate, rated good: the baseline.
    event("solved", 3 * HOUR, zd("8")),
    event("csat", DAY, { ...zd("8"), rating: "good" }),
  ];
  return { decisions, events };
}

describe("GET /admin/metrics", () => {
  it("answers the metrics of the account's week, as computeMetrics counts its rows", async () => {
    const rows = acmeWeek();
    const { get } = await setup(rows);
    const res = await get(`/admin/metrics?${ACME}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Answer;
    expect(body.range).toEqual({ from: "2026-03-02", to: "2026-03-08" });
    expect(body.definitions).toEqual({ resolution_wait_hours: 72, stayed_resolved_days: 7 });
    expect(Number.isNaN(Date.parse(body.as_of))).toBe(false);
    const acme = (r: { account: string }) => r.account === "acme";
    const expected = computeMetrics(rows.decisions.filter(acme), rows.events.filter(acme), {
      from: "2026-03-02",
      to: "2026-03-08",
      now: new Date(body.as_of),
    });
    // The rating and review blocks come from their own read (tested below); the rest is computeMetrics.
    const { range: _r, as_of: _a, definitions: _d, handoff_ratings: _h, reviews: _v, ...metrics } = body;
    expect(metrics).toEqual(expected);
    // And the numbers themselves, worked out by hand from the rows above.
    expect(body.messages).toBe(6);
    expect(body.outcomes).toEqual({ answered: 3, asked: 1, acted: 0, escalated: 1, skipped: 1 });
    expect(body.tickets).toMatchObject({
      handled: 4,
      ai_resolved: 2,
      confirmed: 1,
      stayed_resolved: 1,
      false_resolutions: 1,
      reopened: 1,
      recontacted: 0,
      escalated: 1,
      unresolved: 1,
    });
    expect(body.escalation_reasons).toMatchObject({ human_requested: 1, legal: 0, fraud: 0 });
    expect(Object.values(body.escalation_reasons).reduce((a, b) => a + b, 0)).toBe(1);
    expect(body.csat).toEqual({
      ai_resolved: { rated: 1, good: 1 },
      escalated: { rated: 1, good: 0 },
      human_only: { rated: 1, good: 1 },
    });
    expect(body.cost).toMatchObject({ model_usd: 0.08, per_stayed_resolved_usd: 0.08, input_tokens: 6000 });
    expect(body.knowledge_gaps).toEqual([{ category: "shipping", count: 1 }]);
  });

  it("answers all zeros and no cost per resolution for an account with no rows", async () => {
    const { get } = await setup(acmeWeek());
    const res = await get(`/admin/metrics?platform=intercom&account=ws-empty&${WEEK}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Answer;
    expect(body.messages).toBe(0);
    expect(body.outcomes).toEqual({ answered: 0, asked: 0, acted: 0, escalated: 0, skipped: 0 });
    expect(Object.values(body.tickets).every((n) => n === 0)).toBe(true);
    // The same keys as any report, all zero: a dashboard never meets a missing reason or category.
    expect(body.escalation_reasons).toHaveProperty("human_requested", 0);
    expect(Object.values(body.escalation_reasons).every((n) => n === 0)).toBe(true);
    expect(body.by_category).toHaveProperty("billing", { messages: 0, escalated: 0, ai_resolved: 0 });
    expect(Object.values(body.by_category).every((c) => c.messages + c.escalated + c.ai_resolved === 0)).toBe(true);
    expect(body.csat).toEqual({
      ai_resolved: { rated: 0, good: 0 },
      escalated: { rated: 0, good: 0 },
      human_only: { rated: 0, good: 0 },
    });
    expect(body.cost).toMatchObject({ model_usd: 0, per_stayed_resolved_usd: null, input_tokens: 0, output_tokens: 0 });
    expect(body.knowledge_gaps).toEqual([]);
  });

  it("counts with the account's own resolution_wait_hours", async () => {
    // On two workspaces: answered, then the customer wrote again 30 hours later and nothing followed.
    const decisions: DecisionRecord[] = [];
    const events: LifecycleEvent[] = [];
    for (const account of ["ws1", "ws2"]) {
      const ic = { platform: "intercom" as const, account, ticketId: "9" };
      decisions.push(decision(ic));
      events.push(event("customer_message", 30 * HOUR, ic));
    }
    const { get, request } = await setup({ decisions, events });
    const put = await request("/admin/settings/intercom", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ workspace_id: "ws1", settings: { resolution_wait_hours: 24 } }),
    });
    expect(put.status).toBe(200);
    const metrics = async (account: string) =>
      (await (await get(`/admin/metrics?platform=intercom&account=${account}&${WEEK}`)).json()) as Answer;
    // With a 24-hour wait the customer was silent long enough before writing again; with 72 not.
    const ws1 = await metrics("ws1");
    expect(ws1.definitions.resolution_wait_hours).toBe(24);
    expect(ws1.tickets).toMatchObject({ ai_resolved: 1, unresolved: 0 });
    const ws2 = await metrics("ws2");
    expect(ws2.definitions.resolution_wait_hours).toBe(72);
    expect(ws2.tickets).toMatchObject({ ai_resolved: 0, unresolved: 1 });
  });

  it("takes the Zendesk account's wait from the worker's DESKMATE_RESOLUTION_WAIT_HOURS", async () => {
    const { get } = await setup({}, { DESKMATE_RESOLUTION_WAIT_HOURS: "48" } as Partial<Env>);
    const body = (await (await get(`/admin/metrics?${ACME}`)).json()) as Answer;
    expect(body.definitions.resolution_wait_hours).toBe(48);
  });

  it("asks for the admin token, as the other admin routes do", async () => {
    const { get } = await setup();
    const none = await get(`/admin/metrics?${ACME}`, null);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect((await get(`/admin/metrics?${ACME}`, "Bearer wrong")).status).toBe(401);
    const unconfigured = await setup({}, { DESKMATE_ADMIN_TOKEN: " " });
    const res = await unconfigured.get(`/admin/metrics?${ACME}`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toBe("admin_token_missing");
  });

  it.each([
    ["nothing", "", ["account", "from", "platform", "to"]],
    ["an unknown platform", `platform=freshdesk&account=acme&${WEEK}`, ["platform"]],
    ["an account that is no id", `platform=zendesk&account=a%20b&${WEEK}`, ["account"]],
    ["days in another format", "platform=zendesk&account=acme&from=2026-3-2&to=08.03.2026", ["from", "to"]],
    ["a day that does not exist", "platform=zendesk&account=acme&from=2026-02-30&to=2026-03-08", ["from"]],
    ["from after to", "platform=zendesk&account=acme&from=2026-03-08&to=2026-03-02", ["to"]],
    ["a range over 366 days", "platform=zendesk&account=acme&from=2025-01-01&to=2026-03-08", ["to"]],
    ["an as_of that is a date, not an instant", `${ACME}&as_of=2026-03-12`, ["as_of"]],
    ["an as_of without a time zone", `${ACME}&as_of=2026-03-12T10:00:00`, ["as_of"]],
    ["an as_of that is no time", `${ACME}&as_of=yesterday`, ["as_of"]],
    ["a bad as_of next to a bad platform", `platform=x&account=acme&${WEEK}&as_of=soon`, ["as_of", "platform"]],
  ])("names every bad parameter with its fix: %s", async (_case, query, names) => {
    const { get } = await setup();
    const res = await get(`/admin/metrics?${query}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Problems;
    expect(body.error).toBe("invalid_request");
    expect(body.fields.map((f) => f.name).sort()).toEqual(names);
    for (const field of body.fields) expect(field.message.length).toBeGreaterThan(10);
  });

  it("names as_of and its fix when it is no instant", async () => {
    const { get } = await setup(acmeWeek());
    const res = await get(`/admin/metrics?${ACME}&as_of=2026-13-40T00:00:00Z`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Problems;
    expect(body.fields).toEqual([{ name: "as_of", message: expect.stringContaining("ISO-8601 instant") }]);
  });

  it("computes the report as of a past instant: rows dated after it are left out", async () => {
    const rows = acmeWeek();
    // A reopen of ticket 1 on day 3 and a later answer on ticket 9, both after the as_of below.
    rows.events.push(event("reopened", 3 * DAY, zd("1")));
    rows.decisions.push(decision({ ...zd("9"), decidedAt: at(3 * DAY), modelCostUsd: 0.5 }));
    const { get } = await setup(rows);
    const asOf = at(DAY + 12 * HOUR);
    const past = (await (await get(`/admin/metrics?${ACME}&as_of=${asOf}`)).json()) as Answer;
    expect(past.as_of).toBe(asOf);
    // On day 1.5 ticket 1 was solved alone and rated good; its reopen and ticket 9 had not happened.
    expect(past.messages).toBe(6);
    expect(past.cost.model_usd).toBe(0.08);
    expect(past.tickets).toMatchObject({ ai_resolved: 2, reopened: 1, false_resolutions: 1, resolution_pending: 1 });
    // Ticket 2's reopen (day 1) counts, ticket 1's (day 3) not yet; the customer of ticket 4 is still
    // inside the 72-hour wait.
    expect(past.tickets).toMatchObject({ unresolved: 0, waiting: 1 });
    // The same days as of now: ticket 1 reopened too, and ticket 9's answer is in (and stayed resolved).
    const now = (await (await get(`/admin/metrics?${ACME}`)).json()) as Answer;
    expect(now.messages).toBe(7);
    expect(now.tickets).toMatchObject({ reopened: 2, false_resolutions: 2, stayed_resolved: 1 });
  });

  it("counts the handoff ratings and review verdicts of the range's decisions, as of the report's time", async () => {
    const escalation = (eventId: string, ticketId: string, decidedAt = at(0)) =>
      decision({ ...zd(ticketId), eventId, outcome: "escalate", reasons: ["human_requested"], decidedAt });
    const rows = {
      decisions: [
        escalation("esc-a", "11"),
        escalation("esc-b", "12"),
        escalation("esc-c", "13"),
        decision({ ...zd("14"), eventId: "ans-d" }),
        // Decided the week before: its rating and verdict belong to that week's report.
        escalation("esc-old", "15", "2026-02-25T10:00:00.000Z"),
      ],
    };
    const db = sqliteD1();
    const ledger = d1Ledger(db);
    const { get } = await setup(rows, {}, db);
    const acme = { platform: "zendesk" as const, account: "acme" };
    const rate = (decisionEventId: string, rater: string, rating: HandoffRatingValue, ratedAt = at(HOUR)) =>
      ledger.rateHandoff({ ...acme, decisionEventId, rater, rating, ratedAt });
    const review = (decisionEventId: string, verdict: ReviewVerdictValue, reviewedAt = at(HOUR)) =>
      ledger.recordVerdict({ ...acme, decisionEventId, verdict, comment: null, reviewer: "admin", reviewedAt });
    await rate("esc-a", "agent-1", "useful");
    await rate("esc-a", "agent-2", "missing_section:facts");
    await rate("esc-b", "agent-1", "wrong_escalation:should_have_answered");
    // Agent 1 changes their mind on day 2: the later rating replaces the first.
    await rate("esc-c", "agent-1", "useful");
    await rate("esc-c", "agent-1", "missing_section:next_step", at(2 * DAY));
    await rate("esc-old", "agent-1", "useful");
    await review("esc-a", "right_call");
    await review("esc-b", "should_have_answered");
    await review("ans-d", "right_call");
    await review("esc-c", "handoff_incomplete", at(2 * DAY));
    await review("esc-old", "should_have_asked");

    const body = (await (await get(`/admin/metrics?${ACME}`)).json()) as Answer;
    expect(body.handoff_ratings).toEqual({
      rated: 4,
      useful: 1,
      missing_section: {
        reasons: 0,
        customer_wants: 0,
        customer: 0,
        facts: 1,
        sources: 0,
        actions: 0,
        sentiment: 0,
        next_step: 1,
      },
      wrong_escalation: { should_have_answered: 1, should_have_asked: 0 },
    });
    expect(body.reviews).toEqual({
      reviewed: 4,
      by_verdict: { right_call: 2, should_have_answered: 1, should_have_asked: 0, handoff_incomplete: 1 },
      agreement: 0.5,
    });
    // As of day 1 the day-2 rating and verdict had not been given yet.
    const past = (await (await get(`/admin/metrics?${ACME}&as_of=${at(DAY)}`)).json()) as Answer;
    expect(past.handoff_ratings).toMatchObject({ rated: 3, useful: 1, missing_section: { facts: 1, next_step: 0 } });
    expect(past.reviews).toMatchObject({ reviewed: 3, agreement: 2 / 3 });
  });

  it("says how to bind the ledger when there is none", async () => {
    const { get } = await setup({}, { ledger: false });
    const res = await get(`/admin/metrics?${ACME}`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe("ledger_missing");
    expect(body.message).toContain("wrangler d1 create deskmate-ledger");
  });

  it("answers 503 and logs the failure when the ledger cannot be read", async () => {
    const unavailable = {
      prepare: () => {
        throw new Error("D1_ERROR: database is unavailable");
      },
    };
    const h = createHarness({
      env: { DESKMATE_ADMIN_TOKEN: TOKEN, LEDGER: unavailable as unknown as D1Database },
    });
    const res = await h.runtime.app.request(
      `/admin/metrics?${ACME}`,
      { headers: { authorization: `Bearer ${TOKEN}` } },
      h.env,
    );
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toBe("ledger_unavailable");
    expect(h.lines.find((l) => l.msg === "ledger read failed")).toMatchObject({ platform: "zendesk", account: "acme" });
  });
});
