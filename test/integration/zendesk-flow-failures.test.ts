import { describe, expect, it } from "vitest";
import { signedZendeskRequest } from "../support/signed-zendesk-request.ts";
import { createHarness } from "../support/worker-harness.ts";
import { commentAdded, ticketCreated } from "../support/zendesk-events.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";
import { useCheckedSandbox } from "../support/checked-sandbox.ts";

const sandbox = useCheckedSandbox(createZendeskSandbox());

const T101 = { id: 101, requesterId: SANDBOX.customerWithOrgId, organizationId: SANDBOX.organizationId };
const ticketUpdate = { method: "PUT", path: "/api/v2/tickets/101" };
const updates = () => sandbox.requests.filter((r) => r.method === "PUT" && r.path === "/api/v2/tickets/101");

describe("rejected deliveries write nothing", () => {
  const cases: Array<[string, (body: string) => Promise<RequestInit>, number]> = [
    ["bad signature → 401", async (b) => signedZendeskRequest(b, { secret: "wrong" }), 401],
    [
      "missing signature header → 400",
      async (b) => signedZendeskRequest(b, { headers: { "x-zendesk-webhook-signature": undefined } }),
      400,
    ],
    [
      "stale timestamp → 401",
      async (b) => signedZendeskRequest(b, { timestamp: new Date(Date.now() - 10 * 60_000).toISOString() }),
      401,
    ],
    ["garbled timestamp → 401", async (b) => signedZendeskRequest(b, { timestamp: "1700000000" }), 401],
    [
      "wrong content type → 415",
      async (b) => signedZendeskRequest(b, { headers: { "content-type": "text/plain" } }),
      415,
    ],
    [
      "malformed JSON, correctly signed → 400",
      async () => signedZendeskRequest('{"type": "zen:event-type:ticket.created",'),
      400,
    ],
  ];
  it.each(cases)("%s", async (_name, build, status) => {
    const h = createHarness();
    const init = await build(JSON.stringify(ticketCreated(T101)));
    const res = await h.runtime.app.request("/webhooks/zendesk", init, h.env);
    expect(res.status).toBe(status);
    expect(sandbox.requests).toEqual([]);
  });

  it("no webhook secret configured → every delivery refused", async () => {
    const h = createHarness({ env: { ZENDESK_WEBHOOK_SECRET: "" } });
    expect((await h.deliver(ticketCreated(T101))).status).toBe(503);
    expect(sandbox.requests).toEqual([]);
  });

  it("store unreachable during the claim → 503 and nothing processed", async () => {
    const h = createHarness();
    h.kv.setAvailable(false);
    const res = await h.deliver(ticketCreated(T101));
    expect(res.status).toBe(503);
    expect(sandbox.requests).toEqual([]);
  });
});

describe("helpdesk faults are retried safely", () => {
  it("429 with Retry-After on the ticket update → waits as told, then succeeds", async () => {
    const h = createHarness();
    sandbox.failNext(ticketUpdate, [{ status: 429, headers: { "Retry-After": "2" } }]);
    await h.deliver(ticketCreated(T101));
    expect(h.sleeps).toContain(2000);
    expect(updates()).toHaveLength(2);
    expect(sandbox.ticket(101).comments.filter((c) => !c.public)).toHaveLength(1);
  });

  it("429 without Retry-After → bounded backoff, then succeeds", async () => {
    const h = createHarness();
    sandbox.failNext(ticketUpdate, [{ status: 429 }, { status: 503 }]);
    await h.deliver(ticketCreated(T101));
    expect(h.sleeps).toHaveLength(2);
    for (const ms of h.sleeps) expect(ms).toBeLessThanOrEqual(8000);
    expect(sandbox.ticket(101).comments.filter((c) => !c.public)).toHaveLength(1);
  });

  it("409 on the safe update → re-reads the ticket and retries once with the new stamp", async () => {
    const h = createHarness();
    sandbox.failNext(ticketUpdate, [{ status: 409, body: { error: "UpdateConflict" } }]);
    await h.deliver(ticketCreated(T101));
    const [first, second] = updates().map(
      (u) => (u.body as { ticket: { updated_stamp: string } }).ticket.updated_stamp,
    );
    expect(updates()).toHaveLength(2);
    const between = sandbox.requests.slice(
      sandbox.requests.indexOf(updates()[0]!) + 1,
      sandbox.requests.indexOf(updates()[1]!),
    );
    expect(between.some((r) => r.method === "GET" && r.path.startsWith("/api/v2/tickets/101"))).toBe(true);
    expect(second).toBeDefined();
    expect(first).toBeDefined();
    expect(sandbox.ticket(101).comments.filter((c) => !c.public)).toHaveLength(1);
  });
});

describe("queue consumer", () => {
  it("acknowledges with 202 and leaves all work to the consumer", async () => {
    const h = createHarness({ queue: true });
    expect((await h.deliver(ticketCreated(T101))).status).toBe(202);
    expect(sandbox.requests).toEqual([]);
    const [message] = await h.drainQueue();
    expect(message?.acked).toBe(true);
    expect(sandbox.writes()).toHaveLength(1);
  });

  it("applies one ticket's events in the order they happened, whatever the delivery order", async () => {
    const h = createHarness({ queue: true });
    sandbox.addComment(101, { authorId: SANDBOX.agentId, body: "Looking into it." });
    const later = commentAdded(T101, { id: 9001, authorId: SANDBOX.agentId, isStaff: true }, "2026-11-23T10:00:05Z");
    const earlier = ticketCreated(T101, "2026-11-23T10:00:00Z");
    await h.deliver(later);
    await h.deliver(earlier);
    await h.drainQueue();
    expect(h.handled().map((l) => l.event_kind)).toEqual(["ticket_created", "comment_added"]);
  });

  it("a locked ticket is retried later, with its later events, and nothing is lost", async () => {
    const h = createHarness({ queue: true });
    await h.deliver(ticketCreated(T101, "2026-11-23T10:00:00Z"));
    await h.deliver(
      commentAdded(T101, { id: 9002, authorId: SANDBOX.customerWithOrgId, isStaff: false }, "2026-11-23T10:00:09Z"),
    );
    await h.kv.setIfAbsent("dm:zendesk:acme:lock:101", "another-job", 60);
    const messages = await h.drainQueue();
    expect(messages.map((m) => [m.acked, m.retried.length])).toEqual([
      [false, 1],
      [false, 1],
    ]);
    expect(messages[0]?.retried[0]?.delaySeconds).toBeGreaterThan(0);
    expect(sandbox.writes()).toEqual([]);
  });

  it("a job interrupted half-way finishes its remaining writes on retry without repeating the note", async () => {
    // Autosend escalation: the note (with tags and group) is one update, the public message another.
    const h = createHarness({
      queue: true,
      env: { DESKMATE_MODE: "autosend", DESKMATE_FALLBACK_GROUP_ID: String(SANDBOX.groups.tier2) },
    });
    await h.deliver(ticketCreated(T101));
    const publicReply = {
      ...ticketUpdate,
      when: (r: { body?: unknown }) =>
        (r.body as { ticket?: { comment?: { public?: boolean } } }).ticket?.comment?.public === true,
    };
    sandbox.failNext(
      publicReply,
      Array.from({ length: 4 }, () => ({ status: 500 })),
    );
    const body = h.sent[0]!;
    const [first] = await h.drainQueue();
    expect(first?.retried).toHaveLength(1);
    expect(sandbox.ticket(101).tags).toContain("deskmate_escalated");
    h.sent.push(body);
    const [second] = await h.drainQueue("deskmate-events", 2);
    expect(second?.acked).toBe(true);
    expect(sandbox.ticket(101).comments.filter((c) => !c.public)).toHaveLength(1);
    expect(sandbox.ticket(101).comments.filter((c) => c.public)).toHaveLength(2); // the customer's and ours
    expect(sandbox.ticket(101).group_id).toBe(SANDBOX.groups.tier2);
  });

  it("a failure retrying cannot fix becomes a handoff note at once", async () => {
    const h = createHarness({ queue: true });
    sandbox.failNext(ticketUpdate, [{ status: 422, body: { error: "RecordInvalid" } }]);
    await h.deliver(ticketCreated(T101));
    const [message] = await h.drainQueue();
    expect(message?.acked).toBe(true);
    const note = sandbox.ticket(101).comments.find((c) => !c.public);
    expect(note?.html_body).toContain("could not process this customer message");
    expect(sandbox.ticket(101).tags).toContain("deskmate_reason_processing_failed");
  });

  it("dead-lettered events become a handoff note, not silence", async () => {
    const h = createHarness({ queue: true });
    await h.deliver(ticketCreated(T101));
    const [message] = await h.drainQueue("deskmate-events-dlq", 6);
    expect(message?.acked).toBe(true);
    expect(sandbox.ticket(101).comments.find((c) => !c.public)?.html_body).toContain("after 6 attempt(s)");
  });

  it("missing Zendesk credentials: events stay queued for retry instead of being dropped", async () => {
    const h = createHarness({ queue: true, env: { ZENDESK_OAUTH_CLIENT_ID: "", ZENDESK_OAUTH_CLIENT_SECRET: "" } });
    await h.deliver(ticketCreated(T101));
    const [message] = await h.drainQueue();
    expect(message?.acked).toBe(false);
    expect(message?.retried).toHaveLength(1);
  });
});
