import { applyD1Migrations, type D1Migration } from "cloudflare:test";
import { env as bindings } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { DecisionRecord } from "../../src/domain/ledger.ts";
import type { Env } from "../../src/env.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";

/** The follow-up check's query (a CTE, ordered ?NNN parameters, a correlated NOT EXISTS) on real D1. */
describe("open tickets on D1 inside workerd", () => {
  const env = bindings as Env & { LEDGER_MIGRATIONS: D1Migration[] };

  it("lists the tickets without a later solve or human reply, with their latest escalation and category", async () => {
    if (env.LEDGER === undefined) throw new Error("LEDGER: not bound; wrangler.toml needs its [[d1_databases]] entry");
    await applyD1Migrations(env.LEDGER, env.LEDGER_MIGRATIONS);
    const ledger = d1Ledger(env.LEDGER);
    const account = { platform: "zendesk" as const, account: "workerd-follow-up" };
    const row = (ticketId: string, eventId: string, decidedAt: string, outcome: DecisionRecord["outcome"]) =>
      ({
        ...account,
        ticketId,
        commentId: null,
        eventId,
        requesterId: "u1",
        decidedAt,
        mode: "autosend",
        outcome,
        reasons: outcome === "escalate" ? ["human_requested"] : [],
        category: "billing",
        confidence: null,
        arm: null,
        publicReply: true,
        models: [],
        tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
        modelCostUsd: 0,
        helpdeskReads: 1,
        helpdeskWrites: 1,
        latencyMs: null,
        sources: [],
        action: null,
        handoff: null,
        fingerprint: "sha256:workerd",
        messageExcerpt: null,
      }) satisfies DecisionRecord;
    await ledger.recordDecision(row("1", "e1", "2026-12-06T10:00:00Z", "escalate"));
    await ledger.recordDecision(row("2", "e2", "2026-12-06T11:00:00Z", "escalate"));
    await ledger.recordLifecycle({
      ...account,
      ticketId: "2",
      eventId: "l1",
      kind: "human_public_reply",
      at: "2026-12-06T12:00:00Z",
      requesterId: "u1",
      rating: null,
      detail: null,
    });
    const open = await ledger.openTickets({
      ...account,
      from: "2026-12-06T00:00:00Z",
      to: "2026-12-07T00:00:00Z",
      limit: 10,
    });
    expect(open).toEqual([
      {
        ticketId: "1",
        firstDecidedAt: "2026-12-06T10:00:00.000Z",
        lastDecidedAt: "2026-12-06T10:00:00.000Z",
        lastEscalatedAt: "2026-12-06T10:00:00.000Z",
        category: "billing",
      },
    ]);
  });
});
