import { describe, expect, it } from "vitest";
import { StoreThatStopsOnce } from "../support/store-that-stops-once.ts";
import { createHarness, recordedMessage } from "../support/worker-harness.ts";
import { ticketCreated } from "../support/zendesk-events.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";
import { useCheckedSandbox } from "../support/checked-sandbox.ts";

const sandbox = useCheckedSandbox(createZendeskSandbox());

const T101 = { id: 101, requesterId: SANDBOX.customerWithOrgId, organizationId: SANDBOX.organizationId };

const assistantNotes = (ticketId: number) =>
  sandbox.ticket(ticketId).comments.filter((c) => !c.public && c.author_id === SANDBOX.assistantId);
const assistantReplies = (ticketId: number) =>
  sandbox.ticket(ticketId).comments.filter((c) => c.public && c.author_id === SANDBOX.assistantId);

describe("a job that stopped between a helpdesk write and recording it", () => {
  it("is redelivered and finishes without posting its note a second time", async () => {
    const kv = new StoreThatStopsOnce();
    const h = createHarness({ queue: true, kv });
    kv.when = () => assistantNotes(101).length > 0;

    await h.deliver(ticketCreated(T101));
    const [first] = await h.drainQueue();
    expect(first?.acked).toBe(false);
    expect(first?.retried).toHaveLength(1);
    expect(assistantNotes(101)).toHaveLength(1);

    // The queue redelivers the message, as Cloudflare Queues do after a failed or crashed consumer.
    const again = recordedMessage(first!.body, 2);
    await h.runtime.consumeQueue("deskmate-events", [again]);
    expect(again.acked).toBe(true);
    expect(assistantNotes(101)).toHaveLength(1);
    expect(sandbox.ticket(101).tags).toContain("deskmate_escalated");
  });

  it("does the same for a public reply in autosend", async () => {
    const kv = new StoreThatStopsOnce();
    const h = createHarness({
      queue: true,
      kv,
      env: { DESKMATE_MODE: "autosend" },
      decide: async ({ settings }) => ({
        outcome: "answer",
        reasons: [],
        customerMessage: "Your refund for the second charge is on its way.",
        addTags: [`${settings.tagPrefix}answered`],
        removeTags: [],
      }),
    });
    kv.when = () => assistantReplies(101).length > 0;

    await h.deliver(ticketCreated(T101));
    const [first] = await h.drainQueue();
    expect(first?.acked).toBe(false);
    expect(assistantReplies(101)).toHaveLength(1);

    const again = recordedMessage(first!.body, 2);
    await h.runtime.consumeQueue("deskmate-events", [again]);
    expect(again.acked).toBe(true);
    expect(assistantReplies(101)).toHaveLength(1);
    expect(sandbox.ticket(101).tags).toContain("deskmate_answered");
  });

  it("a redelivery takes over the lock its dead attempt left behind; another event still waits for it", async () => {
    const h = createHarness({ queue: true });
    await h.deliver(ticketCreated(T101));
    const body = h.sent[0]!;
    const lock = h.store().key("lock", "101");

    // Another job holds the ticket: this event must wait (retried, nothing written).
    await h.kv.setIfAbsent(lock, "another-event#token", 1000);
    const [blocked] = await h.drainQueue();
    expect(blocked?.acked).toBe(false);
    expect(assistantNotes(101)).toHaveLength(0);

    // An earlier attempt of this very message died holding the lock: its redelivery goes ahead at once.
    await h.kv.delete(lock);
    await h.kv.setIfAbsent(lock, `${body.event.eventId}#attempt-that-died`, 1000);
    const again = recordedMessage(body, 2);
    await h.runtime.consumeQueue("deskmate-events", [again]);
    expect(again.acked).toBe(true);
    expect(assistantNotes(101)).toHaveLength(1);
  });
});
