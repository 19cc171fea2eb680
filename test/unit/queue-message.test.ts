import { describe, expect, it } from "vitest";
import { queueMessageBody } from "../../src/domain/queue-message.ts";
import type { SupportEvent } from "../../src/domain/support-event.ts";

const id200 = "a".repeat(200);
const digits30 = "9".repeat(30);

describe("queueMessageBody", () => {
  it("stays small with every field at the longest value the webhook schemas allow", () => {
    const event: SupportEvent = {
      platform: "zendesk",
      accountId: digits30,
      deliveryId: id200,
      eventId: `trigger:${id200}`,
      kind: "comment_added",
      ticketId: digits30,
      occurredAt: "2026-11-20T10:02:45.123Z",
      source: "trigger",
      requesterId: id200,
      organizationId: digits30,
      ticketStatus: "open",
      comment: { id: digits30, authorId: id200, isPublic: true, authorIsStaff: false },
      statusChange: { previous: "solved", current: "open" },
      assignee: { type: "admin", id: digits30 },
      groupId: digits30,
      rating: "good",
    };
    const body = queueMessageBody(event, "2026-11-20T10:02:46.000Z");
    expect(body).toEqual({ v: 1, event, receivedAt: "2026-11-20T10:02:46.000Z" });
    expect(new TextEncoder().encode(JSON.stringify(body)).length).toBeLessThan(2_000);
  });

  it("carries a message excerpt of up to 1,000 characters, bounded again whatever the route built", () => {
    const base: SupportEvent = {
      platform: "intercom",
      accountId: "l4e36xhv",
      deliveryId: "notif_1",
      eventId: "notif_1",
      kind: "comment_added",
      ticketId: "215474343849700",
      occurredAt: "2026-11-20T10:02:45.000Z",
      source: "event_subscription",
    };
    // The worst case for the queue's 128 KB: every character escaped to six bytes in JSON.
    const longest = "\u0001".repeat(1000);
    const body = queueMessageBody({ ...base, messageExcerpt: longest }, "2026-11-20T10:02:46.000Z");
    expect(body.event.messageExcerpt).toBe(longest);
    expect(new TextEncoder().encode(JSON.stringify(body)).length).toBeLessThan(8_000);
    const over = queueMessageBody({ ...base, messageExcerpt: "x".repeat(1001) }, "2026-11-20T10:02:46.000Z");
    expect(over.event).not.toHaveProperty("messageExcerpt");
  });

  it("copies named fields only: anything else a route put on the event stays off the queue", () => {
    const event = {
      platform: "intercom",
      accountId: "l4e36xhv",
      deliveryId: "notif_1",
      eventId: "notif_1",
      kind: "ticket_created",
      ticketId: "215474343849700",
      occurredAt: "2026-11-20T10:02:45.000Z",
      source: "event_subscription",
      ticketTags: Array.from({ length: 20_000 }, (_, i) => `tag_${i}`),
      comment: {
        id: "1",
        authorId: "c1",
        isPublic: true,
        authorIsStaff: false,
        body: "my card is 4111 1111 1111 1111",
      },
    } as unknown as SupportEvent;
    const serialized = JSON.stringify(queueMessageBody(event, "2026-11-20T10:02:46.000Z"));
    expect(serialized).not.toContain("tag_");
    expect(serialized).not.toContain("4111");
    expect(serialized.length).toBeLessThan(500);
  });
});
