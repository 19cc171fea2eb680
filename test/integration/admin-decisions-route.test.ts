import { describe, expect, it } from "vitest";
import type { DecisionRecord } from "../../src/domain/ledger.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { createHarness } from "../support/worker-harness.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";

const TOKEN = "test-admin-token-0123456789";

function decision(overrides: Partial<DecisionRecord>): DecisionRecord {
  return {
    platform: "zendesk",
    account: "acme",
    ticketId: "101",
    commentId: "c-1",
    eventId: "evt-1",
    requesterId: "u-1",
    decidedAt: "2026-12-01T10:00:00.000Z",
    mode: "draft",
    outcome: "escalate",
    reasons: ["human_requested"],
    category: "billing",
    confidence: 0.9,
    arm: null,
    publicReply: false,
    models: ["claude-haiku-5-5"],
    tokens: { input: 100, output: 20, cacheRead: 0, cacheWrite: 0 },
    modelCostUsd: 0.0002,
    helpdeskReads: 5,
    helpdeskWrites: 2,
    latencyMs: 1200,
    sources: [],
    action: null,
    handoff: null,
    fingerprint: "fp-1",
    messageExcerpt: "Where is my refund for order [number]?",
    ...overrides,
  };
}

async function setup(options: { ledger?: boolean; token?: string } = {}) {
  const db = sqliteD1();
  const ledger = d1Ledger(db);
  await ledger.recordDecision(decision({ eventId: "evt-1", decidedAt: "2026-12-01T10:00:00.000Z" }));
  await ledger.recordDecision(
    decision({ eventId: "evt-2", ticketId: "102", decidedAt: "2026-12-02T09:00:00.000Z", category: "=HYPERLINK(1)" }),
  );
  await ledger.recordDecision(decision({ eventId: "evt-3", account: "other", decidedAt: "2026-12-02T09:30:00.000Z" }));
  await ledger.recordDecision(decision({ eventId: "evt-4", decidedAt: "2026-12-09T09:30:00.000Z" }));
  const h = createHarness({
    env: {
      DESKMATE_ADMIN_TOKEN: options.token ?? TOKEN,
      ...(options.ledger === false ? {} : { LEDGER: db as unknown as D1Database }),
    },
    // The harness binds a ledger of its own by default; "no ledger" must mean none at all.
    ...(options.ledger === false ? { ledgerDb: null } : {}),
  });
  const get = (path: string, auth: string | null = `Bearer ${TOKEN}`) =>
    h.runtime.app.request(path, { headers: auth ? { authorization: auth } : {} }, h.env);
  return { get };
}

const RANGE = "platform=zendesk&account=acme&from=2026-12-01&to=2026-12-02";

describe("GET /admin/decisions", () => {
  it("lists one account's decisions of the range, newest first, a page at a time", async () => {
    const { get } = await setup();
    const first = await get(`/admin/decisions?${RANGE}&limit=1`);
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as { decisions: DecisionRecord[]; next_cursor: string | null };
    expect(page1.decisions.map((d) => d.eventId)).toEqual(["evt-2"]);
    expect(page1.next_cursor).not.toBeNull();
    const second = await get(`/admin/decisions?${RANGE}&limit=1&cursor=${encodeURIComponent(page1.next_cursor ?? "")}`);
    const page2 = (await second.json()) as { decisions: DecisionRecord[]; next_cursor: string | null };
    expect(page2.decisions.map((d) => d.eventId)).toEqual(["evt-1"]);
    expect(page2.next_cursor).toBeNull();
  });

  it("carries each decision's masked message excerpt", async () => {
    const { get } = await setup();
    const res = await get(`/admin/decisions?${RANGE}`);
    const page = (await res.json()) as { decisions: Array<Record<string, unknown>> };
    expect(page.decisions.map((d) => d.messageExcerpt)).toEqual([
      "Where is my refund for order [number]?",
      "Where is my refund for order [number]?",
    ]);
  });

  it("names every bad parameter at once", async () => {
    const { get } = await setup();
    const res = await get("/admin/decisions?platform=freshdesk&account=a%20b&from=2026-13-01&to=yesterday&limit=0");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fields: Array<{ name: string }> };
    expect(body.fields.map((f) => f.name).sort()).toEqual(["account", "from", "limit", "platform", "to"]);
  });

  it("refuses a range that ends before it starts, and a cursor it did not issue", async () => {
    const { get } = await setup();
    const backwards = await get("/admin/decisions?platform=zendesk&account=acme&from=2026-12-05&to=2026-12-01");
    expect(((await backwards.json()) as { fields: Array<{ name: string }> }).fields.map((f) => f.name)).toEqual(["to"]);
    const cursor = await get(`/admin/decisions?${RANGE}&cursor=not-a-cursor`);
    expect(cursor.status).toBe(400);
    expect(((await cursor.json()) as { fields: Array<{ name: string }> }).fields.map((f) => f.name)).toEqual([
      "cursor",
    ]);
  });

  it("asks for the admin token, and says how to bind the ledger when there is none", async () => {
    const { get } = await setup();
    expect((await get(`/admin/decisions?${RANGE}`, null)).status).toBe(401);
    expect((await get(`/admin/decisions?${RANGE}`, "Bearer wrong")).status).toBe(401);
    const unbound = await setup({ ledger: false });
    const res = await unbound.get(`/admin/decisions?${RANGE}`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { message: string }).message).toContain("wrangler d1 create deskmate-ledger");
  });
});

describe("GET /admin/export.csv and /admin/export.ndjson", () => {
  it("exports every decision of the range as CSV, with formula-looking cells made inert", async () => {
    const { get } = await setup();
    const res = await get(`/admin/export.csv?${RANGE}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).trim().split("\n");
    expect(lines[0]?.split(",").slice(0, 3)).toEqual(["decided_at", "platform", "account"]);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("evt-2");
    expect(lines[1]).toContain("'=HYPERLINK(1)");
    expect(lines[2]).toContain("evt-1");
  });

  it("ends each CSV line with the message excerpt", async () => {
    const { get } = await setup();
    const res = await get(`/admin/export.csv?${RANGE}`);
    const lines = (await res.text()).trim().split("\n");
    expect(lines[0]?.split(",").at(-1)).toBe("message_excerpt");
    // The canary's variant sits before it, after the fingerprint; empty on rows without one.
    expect(lines[0]?.split(",").slice(-3)).toEqual(["fingerprint", "variant", "message_excerpt"]);
    expect(lines[1]?.endsWith(",Where is my refund for order [number]?")).toBe(true);
  });

  it("exports the same rows as NDJSON, one whole decision per line", async () => {
    const { get } = await setup();
    const res = await get(`/admin/export.ndjson?${RANGE}`);
    const rows = (await res.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as DecisionRecord);
    expect(rows.map((r) => [r.eventId, r.account])).toEqual([
      ["evt-2", "acme"],
      ["evt-1", "acme"],
    ]);
  });
});
