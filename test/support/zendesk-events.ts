/**
 * Builders for Zendesk event-subscription payloads (same shape as test/fixtures/zendesk/*.json:
 * string ids in `detail`, upper-case enums), for end-to-end tests and the local demo.
 */
export const ACCOUNT_ID = 12345678;

export interface TicketSnapshot {
  id: string | number;
  requesterId: string | number;
  organizationId?: string | number | null;
  status?: string;
  tags?: string[];
  subject?: string;
  /** The first comment's text (`detail.description`), by the requester and public. */
  description?: string;
}

function detail(t: TicketSnapshot, time: string) {
  return {
    ...(t.description === undefined ? {} : { description: t.description, is_public: true }),
    id: String(t.id),
    requester_id: String(t.requesterId),
    submitter_id: String(t.requesterId),
    organization_id: t.organizationId == null ? null : String(t.organizationId),
    assignee_id: null,
    group_id: null,
    status: (t.status ?? "open").toUpperCase(),
    priority: null,
    subject: t.subject ?? "Help",
    tags: t.tags ?? [],
    type: null,
    via: { channel: "web_form" },
    created_at: time,
    updated_at: time,
  };
}

function envelope(type: string, t: TicketSnapshot, event: unknown, time: string, id?: string) {
  return {
    account_id: ACCOUNT_ID,
    detail: detail(t, time),
    event,
    id: id ?? crypto.randomUUID(),
    subject: `zen:ticket:${t.id}`,
    time,
    type: `zen:event-type:${type}`,
    zendesk_event_version: "2022-11-06",
  };
}

export function ticketCreated(t: TicketSnapshot, time = new Date().toISOString(), id?: string) {
  return envelope("ticket.created", t, {}, time, id);
}

export function commentAdded(
  t: TicketSnapshot,
  comment: {
    id: string | number;
    authorId: string | number;
    isStaff: boolean;
    isPublic?: boolean;
    body?: string;
    authorName?: string;
  },
  time = new Date().toISOString(),
  id?: string,
) {
  return envelope(
    "ticket.comment_added",
    t,
    {
      comment: {
        id: Number(comment.id),
        body: comment.body ?? "(comment)",
        is_public: comment.isPublic ?? true,
        author: { id: Number(comment.authorId), is_staff: comment.isStaff, name: comment.authorName ?? "Someone" },
      },
    },
    time,
    id,
  );
}

export function statusChanged(
  t: TicketSnapshot,
  previous: string,
  current: string,
  time = new Date().toISOString(),
  id?: string,
) {
  return envelope(
    "ticket.status_changed",
    { ...t, status: current },
    { current: current.toUpperCase(), previous: previous.toUpperCase() },
    time,
    id,
  );
}

/** `ticket.agent_assignment_changed`: `current` null = unassigned. */
export function agentAssignmentChanged(
  t: TicketSnapshot,
  current: string | number | null,
  time = new Date().toISOString(),
  id?: string,
) {
  const event = { previous: null, current: current === null ? null : String(current) };
  return envelope("ticket.agent_assignment_changed", t, event, time, id);
}

/** `ticket.group_assignment_changed`. */
export function groupAssignmentChanged(
  t: TicketSnapshot,
  current: string | number,
  time = new Date().toISOString(),
  id?: string,
) {
  return envelope("ticket.group_assignment_changed", t, { previous: null, current: String(current) }, time, id);
}

/** `ticket.tags_changed`, as previous / current tag lists; `actorId` is who changed them. */
export function tagsChanged(
  t: TicketSnapshot,
  change: { previous: string[]; current: string[]; actorId: string | number },
  time = new Date().toISOString(),
  id?: string,
) {
  const payload = envelope("ticket.tags_changed", { ...t, tags: change.current }, {}, time, id);
  return {
    ...payload,
    detail: { ...payload.detail, actor_id: String(change.actorId) },
    event: { previous: change.previous, current: change.current },
  };
}

/** The body of a CSAT trigger (README: "Satisfaction is Good/Bad" posting the CSAT template). */
export function csatTrigger(t: TicketSnapshot, rating: string, updatedAt = new Date().toISOString()) {
  return {
    deskmate_trigger: 1,
    event: "rating_added",
    ticket: {
      id: String(t.id),
      status: t.status ?? "Solved",
      requester_id: String(t.requesterId),
      organization_id: "",
      updated_at: updatedAt,
    },
    satisfaction: { rating },
  };
}
