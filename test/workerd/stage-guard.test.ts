import { applyD1Migrations, createScheduledController, type D1Migration } from "cloudflare:test";
import { env as bindings } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../../src/env.ts";
import worker from "../../src/index.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { decision, event } from "../support/ledger-rows.ts";

const DAY = 86_400_000;

/**
 * The stage guard's Cron Trigger as Cloudflare runs it: the worker's `scheduled` handler with the
 * hourly cron of wrangler.toml, against the local D1 (migration 0008 included). It reads the ledger only,
 * so no helpdesk is called.
 */
describe("the stage guard Cron Trigger inside workerd", () => {
  const env = bindings as Env & { LEDGER_MIGRATIONS: D1Migration[] };

  it("records a trip for a category whose autosends were falsely resolved", async () => {
    if (env.LEDGER === undefined) throw new Error("LEDGER: not bound; wrangler.toml needs its [[d1_databases]] entry");
    await applyD1Migrations(env.LEDGER, env.LEDGER_MIGRATIONS);
    const ledger = d1Ledger(env.LEDGER);
    const now = Date.now();
    for (let i = 0; i < 20; i++) {
      const ticketId = `guard-${i}`;
      await ledger.recordDecision(
        decision({ ticketId, category: "refund", decidedAt: new Date(now - 10 * DAY).toISOString() }),
      );
      if (i < 5)
        await ledger.recordLifecycle(event("reopened", 0, { ticketId, at: new Date(now - 9 * DAY).toISOString() }));
    }

    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: "41 * * * *" }), env);

    const states = await ledger.guardStates({ platform: "zendesk", account: "acme" });
    expect(states).toEqual([
      expect.objectContaining({
        cohort: "refund",
        action: "tripped",
        reason: "false_resolution_rate",
        rate: 0.25,
        samples: 20,
        actor: "guard",
      }),
    ]);
  });
});
