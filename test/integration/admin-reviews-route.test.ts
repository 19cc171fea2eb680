import { describe, expect, it } from "vitest";
import type { Handoff } from "../../src/domain/handoff.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { at, DAY, decision, HOUR } from "../support/ledger-rows.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";
import { createHarness } from "../support/worker-harness.ts";

const TOKEN = "test-admin-token-0123456789";
// The ledger-rows helpers start on Monday 2 March 2026, 10:00 UTC.
const RANGE = "platform=zendesk&account=acme&from=2026-03-02&to=2026-03-08";

const handoff: Handoff = {
  reasons: [{ code: "human_requested", text: "The customer asked for a person." }],
  urgency: "normal",
  customerWants: "a person to call back",
  customer: { name: null, verified: null, organization: null, tags: [], customerSince: null, recentTickets: [] },
  facts: ["order 1042 shipped on 1 March"],
  sourcesChecked: [],
  actionsAttempted: [],
  sentimentTrend: null,
  suggestedNextStep: "Call back today.",
  missing: [],
};

interface QueueAnswer {
  decisions: Array<{ eventId: string; outcome: string; handoff: Handoff | null; sources: unknown[] }>;
}

async function setup(options: { ledger?: boolean } = {}) {
  const db = sqliteD1();
  const ledger = d1Ledger(db);
  const escalate = { outcome: "escalate" as const, reasons: ["human_requested"], publicReply: false, handoff };
  await ledger.recordDecision(decision({ eventId: "esc-2", ticketId: "2", decidedAt: at(2 * HOUR), ...escalate }));
  await ledger.recordDecision(decision({ eventId: "ans-1", ticketId: "1", decidedAt: at(HOUR) }));
  await ledger.recordDecision(decision({ eventId: "esc-0", ticketId: "3", decidedAt: at(0), ...escalate }));
  await ledger.recordDecision(decision({ eventId: "ask-1", ticketId: "4", outcome: "ask", decidedAt: at(0) }));
  await ledger.recordDecision(
    decision({ eventId: "esc-next-week", ticketId: "5", decidedAt: at(7 * DAY), ...escalate }),
  );
  await ledger.recordDecision(decision({ eventId: "esc-other", account: "globex", decidedAt: at(0), ...escalate }));
  const h = createHarness({ env: { DESKMATE_ADMIN_TOKEN: TOKEN }, ledgerDb: options.ledger === false ? null : db });
  const request = (path: string, init: RequestInit = {}, auth: string | null = `Bearer ${TOKEN}`) =>
    h.runtime.app.request(
      path,
      { ...init, headers: { ...(auth ? { authorization: auth } : {}), ...(init.headers ?? {}) } },
      h.env,
    );
  const get = (path: string, auth?: string | null) => request(path, {}, auth);
  const post = (body: unknown, auth?: string | null) =>
    request(
      "/admin/reviews",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      },
      auth,
    );
  return { get, post, ledger, lines: h.lines };
}

const review = (overrides: Record<string, unknown> = {}) => ({
  event_id: "esc-0",
  platform: "zendesk",
  account: "acme",
  verdict: "right_call",
  comment: "Good call",
  ...overrides,
});

describe("GET /admin/review-queue", () => {
  it("lists the range's unreviewed escalations and answers, oldest first, with handoff and sources", async () => {
    const { get } = await setup();
    const res = await get(`/admin/review-queue?${RANGE}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as QueueAnswer;
    expect(body.decisions.map((d) => d.eventId)).toEqual(["esc-0", "ans-1", "esc-2"]);
    expect(body.decisions[0]?.handoff).toEqual(handoff);
    expect(body.decisions[1]?.sources).toEqual([{ id: "kb-1", ageDays: 10 }]);
    const first = (await (await get(`/admin/review-queue?${RANGE}&limit=1`)).json()) as QueueAnswer;
    expect(first.decisions.map((d) => d.eventId)).toEqual(["esc-0"]);
  });

  it("drops a decision from the queue once it has a verdict", async () => {
    const { get, post } = await setup();
    expect((await post(review())).status).toBe(201);
    const body = (await (await get(`/admin/review-queue?${RANGE}`)).json()) as QueueAnswer;
    expect(body.decisions.map((d) => d.eventId)).toEqual(["ans-1", "esc-2"]);
  });

  it("names every bad parameter, and asks for the admin token", async () => {
    const { get } = await setup();
    const bad = await get("/admin/review-queue?platform=x&account=acme&from=2026-03-02&to=2026-03-08&limit=0");
    expect(bad.status).toBe(400);
    const problems = (await bad.json()) as { fields: Array<{ name: string }> };
    expect(problems.fields.map((f) => f.name)).toEqual(["platform", "limit"]);
    expect((await get(`/admin/review-queue?${RANGE}`, null)).status).toBe(401);
    expect((await get(`/admin/review-queue?${RANGE}`, "Bearer wrong")).status).toBe(401);
  });

  it("says how to bind the ledger when there is none", async () => {
    const { get } = await setup({ ledger: false });
    const res = await get(`/admin/review-queue?${RANGE}`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: "ledger_missing" });
  });
});

describe("POST /admin/reviews", () => {
  it("records a verdict (201) with its comment masked, and a second verdict replaces it", async () => {
    const { post, ledger, lines } = await setup();
    const res = await post(review({ comment: "Customer mail jane.doe@example.com was enough" }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { review: Record<string, unknown> };
    expect(body.review).toMatchObject({
      decisionEventId: "esc-0",
      verdict: "right_call",
      comment: "Customer mail [email] was enough",
      reviewer: "admin",
    });
    expect((await post(review({ verdict: "should_have_asked", comment: null }))).status).toBe(201);
    expect(await ledger.verdict({ platform: "zendesk", account: "acme" }, "esc-0")).toMatchObject({
      verdict: "should_have_asked",
      comment: null,
    });
    // The log names the decision and the verdict, never the comment.
    expect(JSON.stringify(lines)).not.toContain("jane.doe");
    expect(JSON.stringify(lines)).toContain("review recorded");
  });

  it("answers 404 for a decision the account does not hold", async () => {
    const { post, ledger } = await setup();
    const res = await post(review({ event_id: "esc-other" }));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "unknown_decision" });
    expect(await ledger.verdict({ platform: "zendesk", account: "acme" }, "esc-other")).toBeNull();
  });

  it("names each bad field at once", async () => {
    const { post } = await setup();
    const res = await post({ event_id: "", platform: "freshdesk", verdict: "meh", comment: "x".repeat(1001) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fields: Array<{ name: string; message: string }> };
    expect(body.fields.map((f) => f.name)).toEqual(["event_id", "platform", "account", "verdict", "comment"]);
    expect(body.fields.find((f) => f.name === "verdict")?.message).toContain("right_call");
    const notJson = await post("{verdict:");
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { fields: Array<{ name: string }> }).fields[0]?.name).toBe("(body)");
  });

  it("asks for the admin token", async () => {
    const { post, ledger } = await setup();
    expect((await post(review(), null)).status).toBe(401);
    expect(await ledger.verdict({ platform: "zendesk", account: "acme" }, "esc-0")).toBeNull();
  });
});
