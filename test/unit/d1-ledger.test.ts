import { describe, expect, it } from "vitest";
import type { Handoff } from "../../src/domain/handoff.ts";
import type { DecisionRecord, LifecycleEvent } from "../../src/domain/ledger.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import type { LedgerQuery } from "../../src/ports/ledger.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";

const handoff: Handoff = {
  reasons: [{ code: "human_requested", text: "The customer asked for a person." }],
  urgency: "high",
  customerWants: "Refund for order ****1234",
  customer: {
    name: null,
    verified: true,
    organization: "Acme",
    tags: ["vip"],
    customerSince: "2024-01-02",
    recentTickets: [
      { id: "41", subject: "Late parcel", status: "solved", url: "https://acme.zendesk.com/agent/tickets/41" },
    ],
  },
  facts: ["Order shipped 2026-11-30"],
  sourcesChecked: [{ title: "Refunds", url: "https://help.acme.test/refunds" }],
  actionsAttempted: [{ action: "lookup_order", result: "ok" }],
  sentimentTrend: "worsening",
  suggestedNextStep: "Approve the refund.",
  missing: ["order history"],
};

/** Every field set to a non-default value, so a column mapped to the wrong field shows. */
function decision(overrides: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    platform: "zendesk",
    account: "acme",
    ticketId: "1001",
    commentId: "c-77",
    eventId: "evt-1",
    requesterId: "u-5",
    decidedAt: "2026-12-01T10:00:00.000Z",
    mode: "autosend",
    outcome: "escalate",
    reasons: ["human_requested", "negative_sentiment"],
    category: "billing",
    confidence: 0.87,
    arm: "assistant",
    publicReply: true,
    models: ["claude-sonnet-4-5", "claude-haiku-4-5"],
    tokens: { input: 1234, output: 321, cacheRead: 2048, cacheWrite: 512 },
    modelCostUsd: 0.012345,
    helpdeskReads: 4,
    helpdeskWrites: 2,
    latencyMs: 2150,
    sources: [
      { id: "article-9", ageDays: 12.5 },
      { id: "pack:refunds", ageDays: null },
    ],
    action: { name: "refund_order", result: "denied_by_policy" },
    handoff,
    fingerprint: "sha256:abc123",
    messageExcerpt: "My card was charged twice for order [number], reach me at [email]",
    ...overrides,
  };
}

function lifecycle(overrides: Partial<LifecycleEvent> = {}): LifecycleEvent {
  return {
    platform: "zendesk",
    account: "acme",
    ticketId: "1001",
    kind: "csat",
    at: "2026-12-02T08:00:00Z",
    eventId: "life-1",
    requesterId: "u-5",
    rating: "good",
    detail: "rating 5",
    ...overrides,
  };
}

const WEEK: LedgerQuery = {
  platform: "zendesk",
  account: "acme",
  from: "2026-12-01T00:00:00Z",
  to: "2026-12-08T00:00:00Z",
};

const count = (db: ReturnType<typeof sqliteD1>, table: string) =>
  Number((db.database.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);

describe("d1Ledger", () => {
  it("returns every decision field as written, nulls included", async () => {
    const ledger = d1Ledger(sqliteD1());
    const full = decision();
    const sparse = decision({
      eventId: "evt-2",
      decidedAt: "2026-12-01T09:00:00Z",
      commentId: null,
      requesterId: null,
      mode: "shadow",
      outcome: "skip",
      category: null,
      confidence: null,
      arm: null,
      publicReply: false,
      models: [],
      tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
      modelCostUsd: 0,
      latencyMs: null,
      sources: [],
      action: null,
      handoff: null,
      messageExcerpt: null,
    });
    await ledger.recordDecision(full);
    await ledger.recordDecision(sparse);
    expect((await ledger.decisions(WEEK)).rows).toEqual([full, sparse]);
  });

  it("lists the newest masked questions of each category's knowledge gaps", async () => {
    const ledger = d1Ledger(sqliteD1());
    const gap = (n: number, overrides: Partial<DecisionRecord>) =>
      decision({
        eventId: `gap-${n}`,
        outcome: "escalate",
        reasons: ["knowledge_gap"],
        decidedAt: `2026-12-0${n}T10:00:00.000Z`,
        messageExcerpt: `question ${n}`,
        ...overrides,
      });
    const rows = [
      gap(1, { category: "billing" }),
      gap(2, { category: "billing", reasons: ["no_grounding"], outcome: "ask" }),
      gap(3, { category: "billing" }),
      gap(4, { category: "billing" }),
      gap(5, { category: "shipping" }),
      gap(6, { category: null }),
      // Not examples: no gap reason, a skip, no excerpt (an old row), another account, outside the range.
      gap(7, { category: "shipping", reasons: ["human_requested"] }),
      decision({ eventId: "skip-1", outcome: "skip", reasons: ["knowledge_gap"], messageExcerpt: "skipped" }),
      gap(3, { eventId: "old-1", category: "shipping", messageExcerpt: null }),
      gap(3, { eventId: "other-1", account: "other" }),
      decision({ eventId: "late-1", reasons: ["knowledge_gap"], decidedAt: "2026-12-09T10:00:00.000Z" }),
    ];
    for (const row of rows) await ledger.recordDecision(row);
    const examples = await ledger.knowledgeGapExamples({ ...WEEK, perCategory: 2 });
    expect(examples.map((e) => [e.category, e.excerpt, e.ticketId, e.decidedAt])).toEqual([
      ["billing", "question 4", "1001", "2026-12-04T10:00:00.000Z"],
      ["billing", "question 3", "1001", "2026-12-03T10:00:00.000Z"],
      ["shipping", "question 5", "1001", "2026-12-05T10:00:00.000Z"],
      [null, "question 6", "1001", "2026-12-06T10:00:00.000Z"],
    ]);
    expect((await ledger.knowledgeGapExamples(WEEK)).filter((e) => e.category === "billing")).toHaveLength(3);
    await expect(ledger.knowledgeGapExamples({ ...WEEK, perCategory: 11 })).rejects.toThrow(
      "perCategory: 11 is out of range",
    );
  });

  it("returns every lifecycle field as written", async () => {
    const ledger = d1Ledger(sqliteD1());
    const rated = lifecycle();
    const reopened = lifecycle({
      eventId: "life-2",
      kind: "reopened",
      at: "2026-12-01T08:00:00Z",
      rating: null,
      detail: null,
      requesterId: null,
    });
    await ledger.recordLifecycle(rated);
    await ledger.recordLifecycle(reopened);
    expect((await ledger.lifecycle(WEEK)).rows).toEqual([rated, reopened]);
  });

  it("stores a decision or lifecycle event once when the same event id is written again", async () => {
    const db = sqliteD1();
    const ledger = d1Ledger(db);
    expect(await ledger.recordDecision(decision())).toBe(true);
    // A retried job: same event, maybe recomputed numbers. The first write stands, nothing counts twice.
    expect(await ledger.recordDecision(decision({ modelCostUsd: 9, outcome: "answer" }))).toBe(false);
    expect(await ledger.recordLifecycle(lifecycle())).toBe(true);
    expect(await ledger.recordLifecycle(lifecycle())).toBe(false);
    expect(count(db, "decisions")).toBe(1);
    expect(count(db, "lifecycle_events")).toBe(1);
    expect((await ledger.decisions(WEEK)).rows.map((r) => [r.outcome, r.modelCostUsd])).toEqual([
      ["escalate", 0.012345],
    ]);
    // The same event id on another account is another decision.
    expect(await ledger.recordDecision(decision({ account: "globex" }))).toBe(true);
  });

  it("pages newest first with a cursor, rows sharing a millisecond included exactly once", async () => {
    const ledger = d1Ledger(sqliteD1());
    const times = ["01T01", "02T01", "03T01", "03T01", "04T01"];
    for (const [i, t] of times.entries()) {
      await ledger.recordDecision(decision({ eventId: `evt-${i}`, decidedAt: `2026-12-${t}:00:00Z` }));
    }
    const seen: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await ledger.decisions({ ...WEEK, limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(page.rows.map((r) => r.eventId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual([["evt-4", "evt-3"], ["evt-2", "evt-1"], ["evt-0"]]);
  });

  it("returns one account's rows in [from, to), ordered by instant whatever the offset", async () => {
    const ledger = d1Ledger(sqliteD1());
    await ledger.recordDecision(decision({ eventId: "at-from", decidedAt: "2026-12-01T00:00:00Z" }));
    await ledger.recordDecision(decision({ eventId: "at-to", decidedAt: "2026-12-08T00:00:00Z" }));
    await ledger.recordDecision(decision({ eventId: "before", decidedAt: "2026-11-30T23:59:59Z" }));
    // 09:00 in UTC+02:00 is 07:00Z: earlier than 08:00Z although its text sorts later.
    await ledger.recordDecision(decision({ eventId: "offset", decidedAt: "2026-12-03T09:00:00+02:00" }));
    await ledger.recordDecision(decision({ eventId: "utc", decidedAt: "2026-12-03T08:00:00Z" }));
    await ledger.recordDecision(decision({ eventId: "other-account", account: "globex" }));
    await ledger.recordDecision(decision({ eventId: "other-platform", platform: "intercom" }));
    const { rows } = await ledger.decisions(WEEK);
    expect(rows.map((r) => r.eventId)).toEqual(["utc", "offset", "at-from"]);
    const globex = await ledger.decisions({ ...WEEK, account: "globex" });
    expect(globex.rows.map((r) => r.eventId)).toEqual(["other-account"]);
  });

  it("filters by ticket ids and requester ids", async () => {
    const ledger = d1Ledger(sqliteD1());
    await ledger.recordDecision(decision({ eventId: "a", ticketId: "1", requesterId: "u-1" }));
    await ledger.recordDecision(decision({ eventId: "b", ticketId: "2", requesterId: "u-2" }));
    await ledger.recordDecision(decision({ eventId: "c", ticketId: "3", requesterId: "u-1" }));
    await ledger.recordLifecycle(lifecycle({ eventId: "l1", ticketId: "2", requesterId: "u-2" }));
    await ledger.recordLifecycle(lifecycle({ eventId: "l2", ticketId: "3", requesterId: "u-1" }));
    const ids = async (q: Partial<LedgerQuery>) =>
      (await ledger.decisions({ ...WEEK, ...q })).rows.map((r) => r.eventId).sort();
    expect(await ids({ ticketIds: ["1", "2"] })).toEqual(["a", "b"]);
    expect(await ids({ requesterIds: ["u-1"] })).toEqual(["a", "c"]);
    expect(await ids({ ticketIds: [] })).toEqual([]);
    const life = await ledger.lifecycle({ ...WEEK, requesterIds: ["u-1"] });
    expect(life.rows.map((r) => r.eventId)).toEqual(["l2"]);
  });

  it("deletes decisions and lifecycle events older than the cutoff, of every account", async () => {
    const db = sqliteD1();
    const ledger = d1Ledger(db);
    await ledger.recordDecision(decision({ eventId: "old", decidedAt: "2025-10-01T00:00:00Z" }));
    await ledger.recordDecision(
      decision({ eventId: "old-globex", account: "globex", decidedAt: "2025-10-02T00:00:00Z" }),
    );
    await ledger.recordDecision(decision({ eventId: "kept", decidedAt: "2025-11-01T00:00:00Z" }));
    await ledger.recordLifecycle(lifecycle({ eventId: "old-life", at: "2025-09-01T00:00:00Z" }));
    await ledger.recordLifecycle(lifecycle({ eventId: "kept-life", at: "2025-11-01T00:00:00Z" }));
    expect(await ledger.deleteOlderThan("2025-11-01T00:00:00Z")).toEqual({
      decisions: 2,
      lifecycle: 1,
      handoffRatings: 0,
      reviewVerdicts: 0,
      settingChanges: 0,
    });
    const all = { ...WEEK, from: "2000-01-01T00:00:00Z" };
    expect((await ledger.decisions(all)).rows.map((r) => r.eventId)).toEqual(["kept"]);
    expect((await ledger.lifecycle(all)).rows.map((r) => r.eventId)).toEqual(["kept-life"]);
    expect(count(db, "decisions")).toBe(1);
  });

  it("names the field and the fix for a bad row or query", async () => {
    const ledger = d1Ledger(sqliteD1());
    await expect(ledger.recordDecision(decision({ decidedAt: "yesterday" }))).rejects.toThrow(/^decidedAt: .*ISO-8601/);
    await expect(ledger.recordDecision(decision({ eventId: " " }))).rejects.toThrow(/^eventId: empty/);
    await expect(ledger.decisions({ ...WEEK, from: "2026-12-01" })).rejects.toThrow(/^from: .*ISO-8601/);
    await expect(ledger.decisions({ ...WEEK, from: WEEK.to, to: WEEK.from })).rejects.toThrow(/^from: .*swap/);
    await expect(ledger.decisions({ ...WEEK, limit: 0 })).rejects.toThrow(/^limit: 0 .*1 to 1000/);
    await expect(ledger.lifecycle({ ...WEEK, cursor: "page-2" })).rejects.toThrow(/^cursor: /);
    await expect(ledger.decisions({ ...WEEK, account: "" })).rejects.toThrow(/^account: empty/);
    await expect(ledger.deleteOlderThan("400 days")).rejects.toThrow(/^cutoff: /);
  });
});
