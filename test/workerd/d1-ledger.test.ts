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
  });
});
