import { describe, expect, it } from "vitest";
import type { Comment, TicketContext } from "../../src/domain/ticket.ts";
import { classifyEvent } from "../../src/pipeline/classify-event.ts";
import { compareIds, selectCustomerMessage } from "../../src/pipeline/select-customer-message.ts";
import type { SupportEvent } from "../../src/domain/support-event.ts";
import { emptyTicketState } from "../../src/domain/ticket-state.ts";

const ME = "900";
const REQUESTER = "1001";
const AGENT = "901";

function comment(id: string, authorId: string, role: Comment["authorRole"], isPublic = true): Comment {
  return { id, authorId, authorRole: role, isPublic, body: `comment ${id}`, createdAt: "2026-11-20T10:00:00Z" };
}

function context(comments: Comment[], overrides: Partial<TicketContext["ticket"]> = {}): TicketContext {
  return {
    ticket: {
      id: "101",
      subject: "Refund",
      status: "open",
      priority: null,
      tags: [],
      groupId: null,
      assigneeId: null,
      requesterId: REQUESTER,
      organizationId: null,
      channel: "email",
      createdAt: "2026-11-20T10:00:00Z",
      updatedAt: "2026-11-20T10:00:00Z",
      ...overrides,
    },
    comments,
    requester: { status: "missing", reason: "not_set" },
    organization: { status: "missing", reason: "not_set" },
    recentTickets: { status: "missing", reason: "not_set" },
    missing: [],
  };
}

const settings = { optOutTag: "deskmate_off" };

describe("selectCustomerMessage", () => {
  const rows: Array<{
    name: string;
    ctx: TicketContext;
    state?: Partial<ReturnType<typeof emptyTicketState>>;
    expected: string;
  }> = [
    {
      name: "newest public customer comment is handled",
      ctx: context([comment("1", REQUESTER, "end-user"), comment("3", REQUESTER, "end-user")]),
      expected: "handle:3",
    },
    {
      name: "closed ticket",
      ctx: context([comment("1", REQUESTER, "end-user")], { status: "closed" }),
      expected: "skip:closed",
    },
    {
      name: "opted out by tag",
      ctx: context([comment("1", REQUESTER, "end-user")], { tags: ["vip", "deskmate_off"] }),
      expected: "skip:opted_out",
    },
    {
      name: "a human agent replied publicly",
      ctx: context([
        comment("1", REQUESTER, "end-user"),
        comment("2", AGENT, "agent"),
        comment("3", REQUESTER, "end-user"),
      ]),
      expected: "skip:human_owned",
    },
    {
      name: "an agent's internal note does not make it human-owned",
      ctx: context([comment("1", REQUESTER, "end-user"), comment("2", AGENT, "agent", false)]),
      expected: "handle:1",
    },
    {
      name: "handed back after the agent's reply: the assistant may answer again",
      ctx: context([
        comment("1", REQUESTER, "end-user"),
        comment("2", AGENT, "agent"),
        comment("3", REQUESTER, "end-user"),
      ]),
      state: { handedBackAt: "2026-11-21T00:00:00Z" },
      expected: "handle:3",
    },
    {
      name: "assigned to a teammate (Intercom ownership)",
      ctx: context([comment("1", REQUESTER, "end-user")], { assignedToHuman: true }),
      expected: "skip:human_owned",
    },
    {
      name: "state says human-owned",
      ctx: context([comment("1", REQUESTER, "end-user")]),
      state: { humanOwned: true },
      expected: "skip:human_owned",
    },
    {
      name: "already handled per state",
      ctx: context([comment("1", REQUESTER, "end-user")]),
      state: { lastHandledCommentId: "1" },
      expected: "skip:already_handled",
    },
    {
      name: "assistant already followed it (state lost)",
      ctx: context([comment("1", REQUESTER, "end-user"), comment("2", ME, "agent", false)]),
      expected: "skip:already_handled",
    },
    {
      name: "a new message after the assistant's reply",
      ctx: context([
        comment("1", REQUESTER, "end-user"),
        comment("2", ME, "agent"),
        comment("10", REQUESTER, "end-user"),
      ]),
      state: { lastHandledCommentId: "1" },
      expected: "handle:10",
    },
    {
      name: "paused by an agent from the inbox app",
      ctx: context([comment("1", REQUESTER, "end-user")]),
      state: { paused: true },
      expected: "skip:paused",
    },
    {
      name: "only internal notes",
      ctx: context([comment("1", REQUESTER, "end-user", false)]),
      expected: "skip:no_customer_message",
    },
    {
      name: "escalated and waiting for a person: a new message is a follow-up, not a new decision",
      ctx: context([
        comment("1", REQUESTER, "end-user"),
        comment("2", ME, "agent", false),
        comment("3", REQUESTER, "end-user"),
      ]),
      state: { lastHandledCommentId: "1", awaitingHumanSince: "2026-11-20T10:01:00Z" },
      expected: "awaiting_human:3",
    },
    {
      name: "escalated, then a human replied: human ownership wins",
      ctx: context([
        comment("1", REQUESTER, "end-user"),
        comment("2", AGENT, "agent"),
        comment("3", REQUESTER, "end-user"),
      ]),
      state: { lastHandledCommentId: "1", awaitingHumanSince: "2026-11-20T10:01:00Z" },
      expected: "skip:human_owned",
    },
    {
      name: "escalated: the follow-up already noted is not noted again",
      ctx: context([
        comment("1", REQUESTER, "end-user"),
        comment("3", REQUESTER, "end-user"),
        comment("4", ME, "agent", false),
      ]),
      state: { lastHandledCommentId: "1", awaitingHumanSince: "2026-11-20T10:01:00Z" },
      expected: "skip:already_handled",
    },
    {
      name: "ticket opened by an agent for the requester counts as customer",
      ctx: context([{ ...comment("1", REQUESTER, "agent") }]),
      expected: "handle:1",
    },
  ];

  it.each(rows)("$name", ({ ctx, state, expected }) => {
    const selection = selectCustomerMessage(ctx, { ...emptyTicketState(), ...state }, settings, ME);
    const label =
      selection.kind === "skip"
        ? `skip:${selection.reason}`
        : `${selection.kind === "handle" ? "handle" : "awaiting_human"}:${selection.comment.id}`;
    expect(label).toBe(expected);
  });

  it("compares numeric ids numerically", () => {
    expect(compareIds("9", "10")).toBeLessThan(0);
    expect(compareIds("100", "100")).toBe(0);
  });
});

describe("classifyEvent", () => {
  const base: SupportEvent = {
    platform: "zendesk",
    accountId: "1",
    deliveryId: "d",
    eventId: "e",
    kind: "comment_added",
    ticketId: "101",
    occurredAt: "2026-11-20T10:00:00Z",
    source: "event_subscription",
    requesterId: REQUESTER,
  };
  const rows: Array<[string, SupportEvent, string]> = [
    [
      "own comment",
      { ...base, comment: { id: "5", authorId: ME, isPublic: true, authorIsStaff: true } },
      "skip:own_comment",
    ],
    [
      "internal note",
      { ...base, comment: { id: "5", authorId: AGENT, isPublic: false, authorIsStaff: true } },
      "skip:internal_note",
    ],
    [
      "agent public reply",
      { ...base, comment: { id: "5", authorId: AGENT, isPublic: true, authorIsStaff: true } },
      "agent_public_comment",
    ],
    [
      "customer reply",
      { ...base, comment: { id: "5", authorId: REQUESTER, isPublic: true, authorIsStaff: false } },
      "customer_message",
    ],
    [
      "closed ticket",
      {
        ...base,
        ticketStatus: "closed",
        comment: { id: "5", authorId: REQUESTER, isPublic: true, authorIsStaff: false },
      },
      "skip:closed",
    ],
    ["new ticket", { ...base, kind: "ticket_created" }, "customer_message"],
    [
      "reopen",
      { ...base, kind: "status_changed", statusChange: { previous: "solved", current: "open" } },
      "status_change:true",
    ],
    [
      "assigned to a human admin",
      { ...base, kind: "assignment_changed", assignee: { type: "admin", id: AGENT } },
      "assigned_to_human",
    ],
    [
      "assigned to a team",
      { ...base, kind: "assignment_changed", assignee: { type: "team", id: "77" } },
      "record:assignment_changed",
    ],
    [
      "assigned to the assistant itself",
      { ...base, kind: "assignment_changed", assignee: { type: "admin", id: ME } },
      "record:assignment_changed",
    ],
    ["rating", { ...base, kind: "rating_added" }, "record:rating_added"],
    [
      "other status change",
      { ...base, kind: "status_changed", statusChange: { previous: "open", current: "pending" } },
      "status_change:false",
    ],
  ];
  it.each(rows)("%s", (_name, event, expected) => {
    const c = classifyEvent(event, ME);
    const label =
      c.kind === "skip"
        ? `skip:${c.reason}`
        : c.kind === "record"
          ? `record:${c.reason}`
          : c.kind === "status_change"
            ? `status_change:${c.reopened}`
            : c.kind;
    expect(label).toBe(expected);
  });
});
