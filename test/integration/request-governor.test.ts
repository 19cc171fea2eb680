import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useBothHelpdesks } from "../support/both-helpdesks.ts";
import { userCreated } from "../support/intercom-events.ts";
import { consumeEvents } from "../../src/pipeline/consume-queue.ts";
import { createHarness, recordedMessage } from "../support/worker-harness.ts";
import { commentAdded, ticketCreated } from "../support/zendesk-events.ts";
import { SANDBOX } from "../support/zendesk-sandbox.ts";

const { zendesk, intercom } = useBothHelpdesks();

// Only the clock is faked: both messages fall in one governor window, and the test moves past it.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.parse("2026-12-07T06:00:05Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

const PERSON = "I want to talk to a real person";

function zendeskMessage() {
  const ticket = zendesk.addTicket({
    subject: "Help",
    requesterId: SANDBOX.customerWithOrgId,
    comments: [{ authorId: SANDBOX.customerWithOrgId, body: PERSON }],
  });
  return { id: String(ticket.id), webhook: ticketCreated({ id: ticket.id, requesterId: SANDBOX.customerWithOrgId }) };
}

function intercomMessage() {
  const contact = intercom.addContact("Waiting Customer");
  const conv = intercom.addConversation({ contactId: contact.id, parts: [{ author: "user", body: PERSON }] });
  return { id: conv.id, webhook: userCreated({ id: conv.id, contactId: contact.id }) };
}

describe("the request governor holds queue work back instead of meeting 429", () => {
  it("Zendesk: with a limit of 20 a minute, the second message waits for the next minute, then runs once", async () => {
    // 30% of 20 = 6 requests a minute for Deskmate: one message's worth.
    zendesk.setRateLimit(20);
    const h = createHarness({ queue: true });
    const first = zendeskMessage();
    await h.deliver(first.webhook);
    expect((await h.drainQueue())[0]).toMatchObject({ acked: true, retried: [] });

    const second = zendeskMessage();
    await h.deliver(second.webhook);
    const requestsBefore = zendesk.requests.length;
    const [message] = await h.drainQueue();
    // Acked once its delayed copy is on the queue; no retry spent; nothing sent to the helpdesk.
    expect(message).toMatchObject({ acked: true, retried: [] });
    expect(zendesk.requests.length).toBe(requestsBefore);
    expect(h.handled().map((l) => l.ticket_id)).toEqual([first.id]);
    expect(h.sent.map((b) => b.event.ticketId)).toEqual([second.id]);
    // 06:00:05: the minute's window ends in 55 s.
    expect(h.delayedSends).toEqual([{ eventId: message?.body.event.eventId, delaySeconds: 55 }]);
    expect(h.lines.find((l) => l.msg === "helpdesk budget: event delayed")).toMatchObject({
      account: "zendesk:acme",
      reason: "share_used",
      account_limit: 20,
      window_budget: 6,
      delay_seconds: 55,
    });

    vi.setSystemTime(Date.parse("2026-12-07T06:01:00Z"));
    expect((await h.drainQueue())[0]).toMatchObject({ acked: true, retried: [] });
    expect(h.handled().map((l) => l.ticket_id)).toEqual([first.id, second.id]);
    expect(zendesk.ticket(Number(second.id)).tags).toContain("deskmate_escalated");
    expect(zendesk.ticket(Number(second.id)).comments.filter((c) => !c.public)).toHaveLength(1);
    // Written once: one ticket update for the delayed message.
    const updates = zendesk.requests.filter((r) => r.method === "PUT" && r.path === `/api/v2/tickets/${second.id}`);
    expect(updates).toHaveLength(1);
  });

  it("Intercom: with a limit of 20 per 10 seconds, the second conversation waits for the next window", async () => {
    intercom.setRateLimit(20);
    const h = createHarness({ queue: true });
    const first = intercomMessage();
    await h.deliverIntercom(first.webhook);
    expect((await h.drainQueue())[0]).toMatchObject({ acked: true, retried: [] });

    const second = intercomMessage();
    await h.deliverIntercom(second.webhook);
    const requestsBefore = intercom.requests.length;
    const [message] = await h.drainQueue();
    expect(message).toMatchObject({ acked: true, retried: [] });
    expect(intercom.requests.length).toBe(requestsBefore);
    // 06:00:05: the 10-second window ends in 5 s.
    expect(h.delayedSends).toEqual([{ eventId: message?.body.event.eventId, delaySeconds: 5 }]);
    expect(h.lines.find((l) => l.msg === "helpdesk budget: event delayed")).toMatchObject({
      account: "intercom:api.intercom.io",
      account_limit: 20,
      window_budget: 6,
    });

    vi.setSystemTime(Date.parse("2026-12-07T06:00:10Z"));
    expect((await h.drainQueue())[0]).toMatchObject({ acked: true, retried: [] });
    expect(h.handled().map((l) => l.ticket_id)).toEqual([first.id, second.id]);
    expect(intercom.conversation(second.id).tags).toContain("deskmate_escalated");
  });

  it("Deskmate's own internal note coming back as a webhook is not held back by a spent budget", async () => {
    zendesk.setRateLimit(20);
    const h = createHarness({ queue: true });
    const first = zendeskMessage();
    await h.deliver(first.webhook);
    await h.drainQueue();
    // The first message spent the minute's share; the note Deskmate wrote on it comes back as an event.
    const note = zendesk.ticket(Number(first.id)).comments.find((c) => !c.public);
    await h.deliver(
      commentAdded(
        { id: Number(first.id), requesterId: SANDBOX.customerWithOrgId },
        { id: note?.id ?? 1, authorId: SANDBOX.assistantId, isStaff: true, isPublic: false },
      ),
    );
    const requestsBefore = zendesk.requests.length;
    expect((await h.drainQueue())[0]).toMatchObject({ acked: true, retried: [] });
    expect(h.delayedSends).toEqual([]);
    expect(h.lines.filter((l) => l.msg === "helpdesk budget: event delayed")).toEqual([]);
    expect(h.handled().at(-1)).toMatchObject({ ticket_id: first.id, outcome: "skip" });
    expect(zendesk.requests.length).toBe(requestsBefore);
  });

  it("when the delayed copy cannot be sent, the queue's own retry delays the message: nothing lost", async () => {
    zendesk.setRateLimit(20);
    const h = createHarness({ queue: true });
    await h.deliver(zendeskMessage().webhook);
    await h.drainQueue();
    await h.deliver(zendeskMessage().webhook);
    const message = recordedMessage(h.sent.splice(0)[0]!);
    const requestsBefore = zendesk.requests.length;
    await consumeEvents([message], (body) => h.runtime.pipelineDeps(body.event.platform, body.event.accountId), {
      requeue: async () => {
        throw new Error("queue unavailable");
      },
    });
    expect(message).toMatchObject({ acked: false, retried: [{ delaySeconds: 55 }] });
    expect(zendesk.requests.length).toBe(requestsBefore);
  });

  it("the limit learned from the headers replaces the conservative default of 200 a minute", async () => {
    // The sandbox states 2,500 a minute: twenty messages in one minute (4 requests each) all run, where
    // 30% of the default 200 (60 requests) would hold the last ones back.
    const h = createHarness({ queue: true });
    for (let i = 0; i < 20; i++) {
      await h.deliver(zendeskMessage().webhook);
      expect((await h.drainQueue())[0]).toMatchObject({ acked: true, retried: [] });
    }
    expect(h.delayedSends).toEqual([]);
    expect(h.handled()).toHaveLength(20);
    expect(zendesk.requests.length).toBeGreaterThan(80);
  });
});
