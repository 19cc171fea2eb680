import type { Settings } from "../config/settings-schema.ts";
import type { GoldenCase } from "../domain/drift.ts";
import type { Platform } from "../domain/support-event.ts";
import type { Comment, TicketContext } from "../domain/ticket.ts";
import { emptyTicketState } from "../domain/ticket-state.ts";
import type { DecisionInput } from "./decider.ts";

const CUSTOMER_ID = "golden-customer";
const ASSISTANT = { id: "golden-assistant", name: "Deskmate" };
const AGENT_ID = "golden-agent";
const MINUTE = 60_000;

/**
 * A golden case as the decision engine's input: a ticket built from the case alone (its subject and
 * turns, one minute apart and ending at `now`; a requester with nothing known about them; no
 * organization and no other tickets), a fresh ticket state and the account's settings. Nothing in it
 * points at a real ticket, so a replay reads and writes nothing at the helpdesk. Pure.
 */
export function goldenCaseInput(
  golden: GoldenCase,
  options: { platform: Platform; account: string; settings: Settings; now: Date },
): DecisionInput {
  const ticketId = `golden-${golden.id.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
  const start = options.now.getTime() - golden.turns.length * MINUTE;
  const at = (i: number) => new Date(start + (i + 1) * MINUTE).toISOString();
  const authors = { c: CUSTOMER_ID, a: ASSISTANT.id, h: AGENT_ID } as const;
  const comments: Comment[] = golden.turns.map((turn, i) => ({
    id: `${ticketId}-${i + 1}`,
    authorId: authors[turn.by],
    authorRole: turn.by === "c" ? "end-user" : "agent",
    isPublic: true,
    body: turn.text,
    createdAt: at(i),
  }));
  const last = [...comments].reverse().find((c) => c.authorId === CUSTOMER_ID);
  if (!last) throw new TypeError(`golden case ${golden.id}: its turns hold no customer message`);
  const created = comments[0]?.createdAt ?? options.now.toISOString();
  const context: TicketContext = {
    ticket: {
      id: ticketId,
      subject: golden.subject,
      status: "open",
      priority: null,
      tags: [],
      groupId: null,
      assigneeId: null,
      requesterId: CUSTOMER_ID,
      organizationId: null,
      channel: null,
      createdAt: created,
      updatedAt: last.createdAt,
    },
    comments,
    requester: {
      status: "present",
      value: {
        id: CUSTOMER_ID,
        name: "Golden Case Customer",
        email: null,
        verified: false,
        role: "end-user",
        tags: [],
        fields: {},
        createdAt: null,
      },
    },
    organization: { status: "missing", reason: "not_set" },
    recentTickets: { status: "present", value: [] },
    missing: [],
  };
  return {
    event: {
      platform: options.platform,
      accountId: options.account,
      deliveryId: `${ticketId}-drift`,
      eventId: `${ticketId}-drift`,
      kind: "comment_added",
      ticketId,
      occurredAt: last.createdAt,
      source: "event_subscription",
      requesterId: CUSTOMER_ID,
      comment: { id: last.id, authorId: CUSTOMER_ID, isPublic: true, authorIsStaff: false },
    },
    context,
    customerComment: last,
    state: emptyTicketState(),
    settings: options.settings,
    assistant: ASSISTANT,
    // No real ticket: the handoff's recent tickets list is empty, so no link is ever built.
    ticketUrl: (id) => `golden:${id}`,
  };
}
