import { applyD1Migrations, createExecutionContext, type D1Migration } from "cloudflare:test";
import { env as bindings } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { DecisionRecord } from "../../src/domain/ledger.ts";
import type { Env } from "../../src/env.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import worker from "../../src/index.ts";

/** The metrics read (subqueries, NOT EXISTS, UNION) and the route on real D1, not only node:sqlite. */
describe("GET /admin/metrics inside workerd", () => {
  const TOKEN = "workerd-admin-token-0123456789";
  const env = { ...(bindings as Env & { LEDGER_MIGRATIONS: D1Migration[] }), DESKMATE_ADMIN_TOKEN: TOKEN };

  it("counts the rows of one workspace's week from D1", async () => {
    if (env.LEDGER === undefined) throw new Error("LEDGER: not bound; wrangler.toml needs its [[d1_databases]] entry");
    await applyD1Migrations(env.LEDGER, env.LEDGER_MIGRATIONS);
    const ledger = d1Ledger(env.LEDGER);
    const answered: DecisionRecord = {
      platform: "intercom",
      account: "ws_metrics",
      ticketId: "301",
      commentId: "part-1",
      eventId: "notif_m1",
      requesterId: "contact-1",
      decidedAt: "2026-03-02T10:00:00Z",
      mode: "autosend",
      outcome: "answer",
      reasons: [],
      category: "shipping",
      confidence: 0.9,
      arm: null,
      publicReply: true,
      models: ["claude-sonnet-4-5"],
      tokens: { input: 900, output: 120, cacheRead: 0, cacheWrite: 0 },
      modelCostUsd: 0.004,
      helpdeskReads: 3,
      helpdeskWrites: 1,
      latencyMs: 1800,
      sources: [],
      action: null,
      handoff: null,
      fingerprint: "sha256:workerd",
      messageExcerpt: null,
    };
    await ledger.recordDecision(answered);
    const base = { platform: "intercom" as const, account: "ws_metrics", requesterId: null, detail: null };
    await ledger.recordLifecycle({
      ...base,
      ticketId: "301",
      kind: "solved",
      at: "2026-03-02T12:00:00Z",
      eventId: "s1",
      rating: null,
    });
    // A conversation the assistant never touched, rated: the human-only baseline.
    await ledger.recordLifecycle({
      ...base,
      ticketId: "302",
      kind: "csat",
      at: "2026-03-03T09:00:00Z",
      eventId: "c2",
      rating: "good",
    });

    const res = await worker.fetch(
      new Request(
        "https://deskmate.test/admin/metrics?platform=intercom&account=ws_metrics&from=2026-03-02&to=2026-03-08",
        {
          headers: { authorization: `Bearer ${TOKEN}` },
        },
      ) as Request<unknown, IncomingRequestCfProperties>,
      env,
      createExecutionContext(),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      range: { from: "2026-03-02", to: "2026-03-08" },
      messages: 1,
      tickets: { handled: 1, ai_resolved: 1, stayed_resolved: 1, human_only: 1 },
      csat: { human_only: { rated: 1, good: 1 } },
      cost: { model_usd: 0.004, per_stayed_resolved_usd: 0.004 },
    });
  });
});
