import { applyD1Migrations, createScheduledController, type D1Migration } from "cloudflare:test";
import { env as bindings } from "cloudflare:workers";
import { getResponse } from "msw";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Env } from "../../src/env.ts";
import worker from "../../src/index.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { decision } from "../support/ledger-rows.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";

/**
 * The Cron Trigger as Cloudflare runs it: the worker's `scheduled` handler with a ScheduledController,
 * against the local D1 of wrangler.toml. Outbound requests are answered by the sandbox (as in worker.test.ts).
 */
const sandbox = createZendeskSandbox();
const realFetch = globalThis.fetch;
beforeAll(() => {
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const response = await getResponse(sandbox.handlers, request);
    if (!response) throw new Error(`unexpected outbound request ${request.method} ${request.url}`);
    return response;
  };
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

describe("the nightly Cron Trigger inside workerd", () => {
  const env = bindings as Env & { LEDGER_MIGRATIONS: D1Migration[] };

  it("stores a solve and a rating the webhooks missed into the local D1", async () => {
    if (env.LEDGER === undefined) throw new Error("LEDGER: not bound; wrangler.toml needs its [[d1_databases]] entry");
    await applyD1Migrations(env.LEDGER, env.LEDGER_MIGRATIONS);
    const ledger = d1Ledger(env.LEDGER);
    const now = Date.now();
    const ticket = sandbox.addTicket({
      subject: "Parcel",
      requesterId: SANDBOX.customerWithoutOrgId,
      comments: [{ authorId: SANDBOX.customerWithoutOrgId, body: "Where is my parcel?" }],
    });
    await ledger.recordDecision(
      decision({ ticketId: String(ticket.id), eventId: "evt-cron", decidedAt: new Date(now + 5_000).toISOString() }),
    );
    sandbox.setStatus(ticket.id, "solved");
    sandbox.rate(ticket.id, "good");

    await worker.scheduled(createScheduledController({ scheduledTime: now + 3_600_000, cron: "17 3 * * *" }), env);

    const page = await ledger.lifecycle({
      platform: "zendesk",
      account: "acme",
      from: new Date(now - 86_400_000).toISOString(),
      to: new Date(now + 86_400_000).toISOString(),
      ticketIds: [String(ticket.id)],
    });
    expect(page.rows.map((e) => e.kind).sort()).toEqual(["csat", "solved"]);
    expect(sandbox.requests.some((r) => r.path === `/api/v2/tickets/${ticket.id}`)).toBe(true);
  });
});
