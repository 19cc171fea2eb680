import { applyD1Migrations, type D1Migration } from "cloudflare:test";
import { env as bindings } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { DecisionRecord } from "../../src/domain/ledger.ts";
import type { Env } from "../../src/env.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";

/** The migration and the adapter on real D1 (the LEDGER binding of wrangler.toml), not only node:sqlite. */
describe("ledger on D1 inside workerd", () => {
  const env = bindings as Env & { LEDGER_MIGRATIONS: D1Migration[] };

  it("applies the migration, stores a decision once and reads it back", async () => {
    if (env.LEDGER === undefined) throw new Error("LEDGER: not bound; wrangler.toml needs its [[d1_databases]] entry");
    await applyD1Migrations(env.LEDGER, env.LEDGER_MIGRATIONS);
    const ledger = d1Ledger(env.LEDGER);
    const row: DecisionRecord = {
      platform: "intercom",
      account: "ws_workerd",
      ticketId: "215",
      commentId: "part-9",
      eventId: "notif_1",
      requesterId: "contact-3",
      decidedAt: "2026-12-06T12:00:00Z",
      mode: "draft",
      outcome: "answer",
      reasons: ["grounded"],
      category: "shipping",
      confidence: 0.9,
      arm: null,
      publicReply: false,
      models: ["claude-sonnet-4-5"],
      tokens: { input: 900, output: 120, cacheRead: 0, cacheWrite: 800 },
      modelCostUsd: 0.0049,
      helpdeskReads: 3,
      helpdeskWrites: 1,
      latencyMs: 1800,
      sources: [{ id: "article-1", ageDays: 3 }],
      action: null,
      handoff: null,
      fingerprint: "sha256:workerd",
      messageExcerpt: "Where is parcel [number]? Reach me at [email]",
    };
    expect(await ledger.recordDecision(row)).toBe(true);
    expect(await ledger.recordDecision(row)).toBe(false);
    const page = await ledger.decisions({
      platform: "intercom",
      account: "ws_workerd",
      from: "2026-12-06T00:00:00Z",
      to: "2026-12-07T00:00:00Z",
    });
    expect(page).toEqual({ rows: [row], nextCursor: null });

    // A rating and a verdict are upserts fed by a SELECT of their decision: D1 must parse and apply them.
    const account = { platform: "intercom" as const, account: "ws_workerd" };
    const escalation: DecisionRecord = { ...row, eventId: "notif_2", outcome: "escalate", reasons: ["fraud"] };
    await ledger.recordDecision(escalation);
    const rate = (rating: "useful" | "missing_section:facts", ratedAt: string) =>
      ledger.rateHandoff({ ...account, decisionEventId: "notif_2", rating, rater: "7430198", ratedAt });
    expect(await rate("useful", "2026-12-06T13:00:00Z")).toBe("recorded");
    expect(await rate("missing_section:facts", "2026-12-06T14:00:00Z")).toBe("recorded");
    expect(await ledger.handoffRating(account, "notif_2", "7430198")).toMatchObject({
      rating: "missing_section:facts",
    });
    expect(
      await ledger.rateHandoff({
        ...account,
        decisionEventId: "notif_1",
        rating: "useful",
        rater: "7430198",
        ratedAt: "2026-12-06T13:00:00Z",
      }),
    ).toBe("not_an_escalation");
    const verdict = { ...account, decisionEventId: "notif_2", comment: null, reviewer: "admin" };
    expect(await ledger.recordVerdict({ ...verdict, verdict: "right_call", reviewedAt: "2026-12-06T15:00:00Z" })).toBe(
      "recorded",
    );
    expect(
      await ledger.recordVerdict({ ...verdict, verdict: "handoff_incomplete", reviewedAt: "2026-12-06T16:00:00Z" }),
    ).toBe("recorded");
    const range = { ...account, from: "2026-12-06T00:00:00Z", to: "2026-12-07T00:00:00Z" };
    expect((await ledger.reviewQueue(range)).map((d) => d.eventId)).toEqual(["notif_1"]);
    expect(await ledger.reviewCounts({ ...range, asOf: "2026-12-07T00:00:00Z" })).toEqual({
      ratings: [{ rating: "missing_section:facts", count: 1 }],
      verdicts: [{ verdict: "handoff_incomplete", count: 1 }],
    });

    // The Knowledge page's read opens the JSON columns with json_each and ->>: D1 must run it as SQLite does.
    await ledger.recordDecision({
      ...row,
      eventId: "notif_3",
      outcome: "ask",
      reasons: ["stale_knowledge"],
      sources: [],
    });
    expect(await ledger.knowledgeSources(range)).toEqual({
      cited: [{ id: "article-1", citations: 1, lastCitedAt: "2026-12-06T12:00:00.000Z", ageDays: 3 }],
      staleBlocked: { decisions: 1, bySource: [{ id: null, decisions: 1, maxAgeDays: null }] },
    });

    // The gap examples number rows per category with a window function: D1 must run it as SQLite does.
    await ledger.recordDecision({ ...row, eventId: "notif_4", outcome: "escalate", reasons: ["no_grounding"] });
    await ledger.recordDecision({ ...row, eventId: "notif_5", outcome: "ask", reasons: ["knowledge_gap"] });
    expect(await ledger.knowledgeGapExamples({ ...range, perCategory: 1 })).toEqual([
      {
        category: "shipping",
        ticketId: "215",
        eventId: "notif_5",
        decidedAt: "2026-12-06T12:00:00Z",
        excerpt: "Where is parcel [number]? Reach me at [email]",
      },
    ]);
  });
});
