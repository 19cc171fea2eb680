import { describe, expect, it } from "vitest";
import { skipped } from "../../src/domain/event-result.ts";
import type { SupportEvent } from "../../src/domain/support-event.ts";
import { lifecycleFacts } from "../../src/pipeline/record-lifecycle.ts";

const ASSISTANT = "900";
const AT = "2026-11-22T08:30:00.000Z";
const MS = Date.parse(AT);

function event(overrides: Partial<SupportEvent>): SupportEvent {
  return {
    platform: "zendesk",
    accountId: "acme",
    deliveryId: "d1",
    eventId: "e1",
    kind: "comment_added",
    ticketId: "101",
    occurredAt: AT,
    source: "event_subscription",
    requesterId: "1001",
    ticketStatus: "open",
    ...overrides,
  };
}

const customer = { id: "55", authorId: "1001", isPublic: true, authorIsStaff: false };
const handled = { outcome: "answer" as const, reasons: [], writes: 1, timings: {} };

/** Which fact (kind and id) each event yields; [] = none. */
const rows: Array<[string, SupportEvent, string[]]> = [
  ["a customer's public message", event({ comment: customer }), ["customer_message comment:55"]],
  [
    "an agent's public reply",
    event({ comment: { ...customer, authorId: "901", authorIsStaff: true } }),
    ["human_public_reply comment:55"],
  ],
  ["the assistant's own reply", event({ comment: { ...customer, authorId: ASSISTANT, authorIsStaff: true } }), []],
  ["an internal note", event({ comment: { ...customer, authorId: "901", authorIsStaff: true, isPublic: false } }), []],
  ["a message on a closed ticket", event({ comment: customer, ticketStatus: "closed" }), []],
  [
    "open -> solved",
    event({ kind: "status_changed", statusChange: { previous: "open", current: "solved" } }),
    [`solved status:101:solved:${MS}`],
  ],
  [
    "solved -> closed (same resolution)",
    event({ kind: "status_changed", statusChange: { previous: "solved", current: "closed" } }),
    [],
  ],
  [
    "closed on Intercom (no previous status)",
    event({ kind: "status_changed", statusChange: { current: "solved" } }),
    [`solved status:101:solved:${MS}`],
  ],
  [
    "solved -> open",
    event({ kind: "status_changed", statusChange: { previous: "solved", current: "open" } }),
    [`reopened status:101:reopened:${MS}`],
  ],
  ["open -> pending", event({ kind: "status_changed", statusChange: { previous: "open", current: "pending" } }), []],
  ["a good rating", event({ kind: "rating_added", rating: "good" }), ["csat csat:101:good"]],
  ["a rating without a verdict", event({ kind: "rating_added" }), []],
  [
    "a Zendesk agent assignment",
    event({ kind: "assignment_changed", assignee: { type: "agent", id: "901" } }),
    [`assignee_changed assignee_changed:101:${MS}:901`],
  ],
  [
    "an Intercom teammate assignment",
    event({ kind: "assignment_changed", assignee: { type: "admin", id: "901" } }),
    [`assignee_changed assignee_changed:101:${MS}:901`],
  ],
  [
    "unassigned",
    event({ kind: "assignment_changed", assignee: { type: "none", id: null } }),
    [`assignee_changed assignee_changed:101:${MS}:none`],
  ],
  [
    "an Intercom team assignment",
    event({ kind: "assignment_changed", assignee: { type: "team", id: "2002" } }),
    [`group_changed group_changed:101:${MS}:2002`],
  ],
  [
    "a Zendesk group change",
    event({ kind: "assignment_changed", groupId: "2002" }),
    [`group_changed group_changed:101:${MS}:2002`],
  ],
  [
    "a Zendesk ticket left every group",
    event({ kind: "assignment_changed", groupId: "" }),
    [`group_changed group_changed:101:${MS}:none`],
  ],
];

describe("lifecycleFacts", () => {
  it.each(rows)("%s", (_name, input, expected) => {
    expect(lifecycleFacts(input, ASSISTANT, handled).map((f) => `${f.kind} ${f.eventId}`)).toEqual(expected);
  });

  it("a message the handler recorded as a confirmation is not stored again as a customer message", () => {
    expect(lifecycleFacts(event({ comment: customer }), ASSISTANT, skipped("customer_confirmed"))).toEqual([]);
  });

  it("carries the platform, account, time, requester, rating and new value; never a body", () => {
    const [fact] = lifecycleFacts(
      event({
        platform: "intercom",
        accountId: "ws1",
        kind: "assignment_changed",
        assignee: { type: "team", id: "7" },
      }),
      ASSISTANT,
      handled,
    );
    expect(fact).toEqual({
      platform: "intercom",
      account: "ws1",
      ticketId: "101",
      kind: "group_changed",
      at: AT,
      eventId: `group_changed:101:${MS}:7`,
      requesterId: "1001",
      rating: null,
      detail: "7",
    });
  });
});
