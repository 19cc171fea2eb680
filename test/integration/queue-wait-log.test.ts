import { describe, expect, it } from "vitest";
import { createHarness } from "../support/worker-harness.ts";
import { ticketCreated } from "../support/zendesk-events.ts";
import { createZendeskSandbox } from "../support/zendesk-sandbox.ts";
import { useCheckedSandbox } from "../support/checked-sandbox.ts";

useCheckedSandbox(createZendeskSandbox());

describe("the queue's part of the customer's wait", () => {
  it("is logged with the handled event: the time from the acknowledgement to the start of its handling", async () => {
    const h = createHarness({ queue: true });
    expect((await h.deliver(ticketCreated({ id: 104, requesterId: 1003 }))).status).toBe(202);
    // The message sat on the queue for at least a minute (its acknowledgement is stamped a minute back).
    const acknowledged = Date.now() - 60_000;
    h.sent[0]!.receivedAt = new Date(acknowledged).toISOString();
    await h.drainQueue();
    const queued = h.handled()[0]?.queued_ms;
    expect(typeof queued).toBe("number");
    expect(queued as number).toBeGreaterThanOrEqual(60_000);
    expect(queued as number).toBeLessThanOrEqual(Date.now() - acknowledged);
  });

  it("is left out, not invented, when the message carries no valid acknowledgement time", async () => {
    const h = createHarness({ queue: true });
    expect((await h.deliver(ticketCreated({ id: 104, requesterId: 1003 }))).status).toBe(202);
    h.sent[0]!.receivedAt = "not a date";
    await h.drainQueue();
    expect(h.handled()[0]).toMatchObject({ ticket_id: "104", outcome: "skip" });
    expect(h.handled()[0]).not.toHaveProperty("queued_ms");
  });
});
