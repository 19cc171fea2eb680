import { describe, expect, it } from "vitest";
import type { LifecycleComment, TicketLifecycle } from "../../src/domain/ticket-lifecycle.ts";
import { missingLifecycleEvents } from "../../src/nightly/missing-lifecycle-events.ts";
import { at, DAY, event, HOUR } from "../support/ledger-rows.ts";

const ACME = { platform: "zendesk", account: "acme" } as const;
/** Ticket 101, first decided at T0, last at T0 + 1h. */
const decided = { ticketId: "101", requesterId: "u1", firstDecidedAt: at(0), lastDecidedAt: at(HOUR) };

function read(overrides: Partial<TicketLifecycle> = {}): TicketLifecycle {
  return {
    ticketId: "101",
    requesterId: "u1",
    status: "open",
    solvedAt: null,
    updatedAt: at(2 * HOUR),
    rating: null,
    publicComments: [],
    ...overrides,
  };
}

const comment = (id: string, author: LifecycleComment["author"], offset: number): LifecycleComment => ({
  id,
  author,
  at: at(offset),
});

describe("missingLifecycleEvents", () => {
  it.each([
    {
      name: "comments before the first decision, the assistant's and bots' are not events",
      read: read({
        publicComments: [
          comment("c0", "customer", -HOUR),
          comment("c1", "assistant", HOUR),
          comment("c2", "other", 2 * HOUR),
        ],
      }),
      stored: [],
      expected: [],
    },
    {
      name: "the requester's and a teammate's public comments after the first decision",
      read: read({ publicComments: [comment("c3", "customer", 30 * 60_000), comment("c4", "human", 2 * HOUR)] }),
      stored: [],
      expected: [
        ["customer_message", "comment:c3", at(30 * 60_000)],
        ["human_public_reply", "comment:c4", at(2 * HOUR)],
      ],
    },
    {
      name: "a confirmation right after the assistant's reply is customer_confirmed; after a teammate's it is a message",
      read: read({
        publicComments: [
          comment("c5", "assistant", 2 * HOUR),
          { ...comment("c6", "customer", 3 * HOUR), confirms: true },
          comment("c7", "human", 4 * HOUR),
          { ...comment("c8", "customer", 5 * HOUR), confirms: true },
        ],
      }),
      stored: [],
      expected: [
        ["customer_confirmed", "comment:c6", at(3 * HOUR)],
        ["human_public_reply", "comment:c7", at(4 * HOUR)],
        ["customer_message", "comment:c8", at(5 * HOUR)],
      ],
    },
    {
      name: "a solve dated before the last decision is stored at the last decision",
      read: read({ status: "solved", solvedAt: at(-DAY) }),
      stored: [],
      expected: [["solved", `reconciled:solved:101:${Date.parse(at(HOUR))}`, at(HOUR)]],
    },
    {
      name: "a solve stored before the last decision does not count: the solve is added",
      read: read({ status: "solved", solvedAt: at(3 * HOUR) }),
      stored: [event("solved", 30 * 60_000)],
      expected: [["solved", `reconciled:solved:101:${Date.parse(at(3 * HOUR))}`, at(3 * HOUR)]],
    },
    {
      name: "open with no solve after the last decision is no reopen",
      read: read({ status: "open" }),
      stored: [event("solved", 30 * 60_000)],
      expected: [],
    },
    {
      name: "open after a stored solve that already has its reopen adds nothing",
      read: read({ status: "open" }),
      stored: [event("solved", 2 * HOUR), event("reopened", 3 * HOUR)],
      expected: [],
    },
    {
      name: "a rating, under the webhook's id",
      read: read({ rating: { score: "bad", at: at(5 * HOUR) } }),
      stored: [],
      expected: [["csat", "csat:101:bad", at(5 * HOUR)]],
    },
    {
      name: "an event already stored under the same id is not returned",
      read: read({ rating: { score: "good", at: at(5 * HOUR) } }),
      stored: [event("csat", 5 * HOUR, { eventId: "csat:101:good" })],
      expected: [],
    },
  ])("$name", ({ read: lifecycle, stored, expected }) => {
    const events = missingLifecycleEvents(ACME, decided, lifecycle, stored);
    expect(events.map((e) => [e.kind, e.eventId, e.at])).toEqual(expected);
  });
});
