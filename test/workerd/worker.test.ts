import {
  applyD1Migrations,
  createExecutionContext,
  createMessageBatch,
  type D1Migration,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env as bindings } from "cloudflare:workers";
import { getResponse } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Env } from "../../src/env.ts";
import worker from "../../src/index.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import type { QueueMessageBody } from "../../src/domain/queue-message.ts";
import { signedZendeskRequest } from "../support/signed-zendesk-request.ts";
import { ticketCreated } from "../support/zendesk-events.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";
import { createAnthropicMock } from "../support/anthropic-mock.ts";
import { recordedReply, SCENARIOS, stageScenario } from "../support/scenarios.ts";
import { createIntercomSandbox, INTERCOM_SANDBOX } from "../support/intercom-sandbox.ts";
import { stageIntercomScenario } from "../support/intercom-scenarios.ts";
import { signedIntercomRequest, TEST_INTERCOM_CLIENT_SECRET } from "../support/signed-intercom-request.ts";

/**
 * Inside workerd: the bundle loads without nodejs_compat, the fetch-based helpdesk clients run, the
 * webhook route answers and both processing paths (waitUntil and the queue handler) reach the helpdesk.
 * `msw/node` does not load in workerd, so outbound fetches are answered by the sandbox's handlers
 * through msw's `getResponse`.
 */
const sandbox = createZendeskSandbox();
const anthropic = createAnthropicMock();
const intercom = createIntercomSandbox();
const handlers = [...anthropic.handlers, ...sandbox.handlers, ...intercom.handlers];
const realFetch = globalThis.fetch;
beforeAll(async () => {
  // Every customer message writes its decision row to the ledger (LEDGER, the local D1): create its tables.
  const { LEDGER, LEDGER_MIGRATIONS } = bindings as Env & { LEDGER_MIGRATIONS: D1Migration[] };
  if (LEDGER) await applyD1Migrations(LEDGER, LEDGER_MIGRATIONS);
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const response = await getResponse(handlers, request);
    if (!response) throw new Error(`unexpected outbound request ${request.method} ${request.url}`);
    return response;
  };
});
afterAll(() => {
  globalThis.fetch = realFetch;
});
beforeEach(() => {
  sandbox.reset();
  intercom.reset();
  anthropic.reset();
  anthropic.setFallback(recordedReply);
});

/** A request as the runtime hands it to `fetch` (typed with incoming `cf` properties). */
function incoming(url: string, init?: RequestInit): Request<unknown, IncomingRequestCfProperties> {
  return new Request(url, init) as Request<unknown, IncomingRequestCfProperties>;
}

const T101 = { id: 101, requesterId: SANDBOX.customerWithOrgId, organizationId: SANDBOX.organizationId };
// The bindings without the queue, so the webhook falls back to waitUntil.
const { EVENTS_QUEUE: _queue, ...withoutQueue } = bindings as Env;

describe("the worker inside workerd", () => {
  it("serves /healthz", async () => {
    const res = await worker.fetch(
      incoming("https://deskmate.test/healthz"),
      bindings as Env,
      createExecutionContext(),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      store: { kind: "memory" },
      webhook_secrets: { zendesk: "set" },
      queue: "bound",
    });
  });

  it("webhook without a queue → waitUntil → the Zendesk client writes the handoff", async () => {
    const env = withoutQueue;
    const ctx = createExecutionContext();
    const init = await signedZendeskRequest(ticketCreated(T101));
    const res = await worker.fetch(incoming("https://deskmate.test/webhooks/zendesk", init), env, ctx);
    expect(res.status).toBe(202);
    await waitOnExecutionContext(ctx);
    // One write: the handoff note and its tags in one safe update.
    expect(sandbox.writes().map((w) => `${w.method} ${w.path}`)).toEqual(["PUT /api/v2/tickets/101"]);
    expect(sandbox.ticket(101).tags).toContain("deskmate_escalated");
  });

  it("the decision engine runs in workerd: Claude Messages API call, Help Center search, suggested answer", async () => {
    const env = { ...withoutQueue, ANTHROPIC_API_KEY: "workerd-test-key" };
    const { ticketId, requesterId } = stageScenario(sandbox, SCENARIOS[0]!, 0);
    const ctx = createExecutionContext();
    const init = await signedZendeskRequest(ticketCreated({ id: ticketId, requesterId }));
    expect((await worker.fetch(incoming("https://deskmate.test/webhooks/zendesk", init), env, ctx)).status).toBe(202);
    await waitOnExecutionContext(ctx);
    expect(anthropic.requests).toHaveLength(1);
    expect(sandbox.ticket(ticketId).tags).toContain("deskmate_answered");
    expect(sandbox.ticket(ticketId).comments.at(-1)?.html_body).toContain("suggested reply");
  });

  it("the decision row reaches the real local D1 (LEDGER)", async () => {
    const env = { ...withoutQueue, ANTHROPIC_API_KEY: "workerd-test-key" };
    // Sandbox ids restart on reset while this isolate's memory store remembers earlier tests' tickets:
    // stage one ticket more than they did, so this one is new to the assistant.
    stageScenario(sandbox, SCENARIOS[1]!, 1);
    const { ticketId, requesterId } = stageScenario(sandbox, SCENARIOS[1]!, 1);
    const ctx = createExecutionContext();
    const event = ticketCreated({ id: ticketId, requesterId });
    const init = await signedZendeskRequest(event);
    expect((await worker.fetch(incoming("https://deskmate.test/webhooks/zendesk", init), env, ctx)).status).toBe(202);
    await waitOnExecutionContext(ctx);
    if (!env.LEDGER) throw new Error("LEDGER: not bound; wrangler.toml needs its [[d1_databases]] entry");
    const page = await d1Ledger(env.LEDGER).decisions({
      platform: "zendesk",
      account: "acme",
      from: "2000-01-01T00:00:00Z",
      to: "2100-01-01T00:00:00Z",
    });
    const row = page.rows.find((r) => r.eventId === event.id);
    // "Where is my parcel" is a routine category (order and shipping): the small model decides it.
    expect(row).toMatchObject({ ticketId: String(ticketId), outcome: "ask", models: ["claude-haiku-5-5"] });
    expect(row?.tokens.input).toBeGreaterThan(0);
    expect(row?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it("Intercom in workerd: signed webhook, Intercom client calls, a handoff note by the assistant admin", async () => {
    const env = {
      ...withoutQueue,
      ANTHROPIC_API_KEY: "workerd-test-key",
      INTERCOM_ACCESS_TOKEN: INTERCOM_SANDBOX.accessToken,
      INTERCOM_CLIENT_SECRET: TEST_INTERCOM_CLIENT_SECRET,
    };
    const fraud = SCENARIOS.findIndex((s) => s.expect.reasons.includes("fraud"));
    const { conversationId, payload } = stageIntercomScenario(intercom, SCENARIOS[fraud]!, fraud);
    const ctx = createExecutionContext();
    const init = await signedIntercomRequest(payload);
    expect((await worker.fetch(incoming("https://deskmate.test/webhooks/intercom", init), env, ctx)).status).toBe(202);
    await waitOnExecutionContext(ctx);
    const conversation = intercom.conversation(conversationId);
    expect(conversation.tags).toContain("deskmate_reason_fraud");
    expect(conversation.parts.at(-1)).toMatchObject({ partType: "note", authorId: INTERCOM_SANDBOX.assistantAdminId });
  });

  it("the queue handler processes a batch and acknowledges it", async () => {
    const body: QueueMessageBody = {
      v: 1,
      receivedAt: new Date().toISOString(),
      event: {
        platform: "zendesk",
        accountId: "12345678",
        deliveryId: "inv-w1",
        eventId: "evt-w1",
        kind: "ticket_created",
        ticketId: "101",
        occurredAt: new Date().toISOString(),
        source: "event_subscription",
        requesterId: String(SANDBOX.customerWithOrgId),
        organizationId: String(SANDBOX.organizationId),
      },
    };
    const batch = createMessageBatch<QueueMessageBody>("deskmate-events", [
      { id: "m1", timestamp: new Date(), attempts: 1, body },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, bindings as Env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(["m1"]);
    expect(sandbox.ticket(101).tags).toContain("deskmate_escalated");
  });
});
