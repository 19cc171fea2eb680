import { TEST_INTERCOM_APP_ID } from "./signed-intercom-request.ts";

/**
 * Builders for Intercom webhook notifications (`notification_event`, API 2.16), shaped like
 * test/fixtures/intercom/*.json: ids as strings, assignee ids as integers (`0` = unassigned, as in the
 * spec's Conversation schema), timestamps in unix seconds, plain-text part bodies (API >= 2.15).
 */
export interface ConversationSnapshot {
  id: string | number;
  contactId: string;
  contactType?: "user" | "lead";
  state?: "open" | "closed" | "snoozed";
  tags?: string[];
  adminAssigneeId?: string | number | null;
  teamAssigneeId?: string | number | null;
  /** Unix seconds. */
  createdAt?: number;
  /** The first message (the conversation's `source`). */
  sourceId?: string;
  body?: string;
}

export interface PartInput {
  id: string | number;
  body?: string;
  /** Unix seconds; defaults to now (also when given as `undefined`). */
  createdAt?: number | undefined;
  partType?: string;
}

export interface NotificationOptions {
  /** `notif_...`; random by default. */
  id?: string;
  /** Unix seconds; defaults to now. */
  createdAt?: number;
  deliveryAttempts?: number;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
let partCounter = 45763812000;
const nextPartId = () => {
  partCounter += 1;
  return String(partCounter);
};
const DEFAULT_ADMIN_ID = "991267700";

export function userCreated(conv: ConversationSnapshot, opts: NotificationOptions = {}) {
  return notification("conversation.user.created", conversation(conv, [], opts), opts);
}

export function userReplied(conv: ConversationSnapshot, part: PartInput, opts: NotificationOptions = {}) {
  const author = {
    type: conv.contactType ?? "user",
    id: conv.contactId,
    name: "Sam Customer",
    email: "sam@example.com",
  };
  return notification(
    "conversation.user.replied",
    conversation(conv, [conversationPart(part, "comment", author)], opts),
    opts,
  );
}

export function adminReplied(
  conv: ConversationSnapshot,
  adminId: string | number,
  part: PartInput,
  opts: NotificationOptions = {},
) {
  return notification(
    "conversation.admin.replied",
    conversation(conv, [conversationPart(part, "comment", admin(adminId))], opts),
    opts,
  );
}

export function adminNoted(
  conv: ConversationSnapshot,
  adminId: string | number,
  part: PartInput,
  opts: NotificationOptions = {},
) {
  return notification(
    "conversation.admin.noted",
    conversation(conv, [conversationPart(part, "note", admin(adminId))], opts),
    opts,
  );
}

export function adminAssigned(
  conv: ConversationSnapshot,
  assignee: { adminId?: string | number; teamId?: string | number },
  opts: NotificationOptions & { byAdminId?: string | number } = {},
) {
  const assigned = {
    ...conv,
    adminAssigneeId: assignee.adminId ?? 0,
    teamAssigneeId: assignee.teamId ?? conv.teamAssigneeId ?? 0,
  };
  const assignedTo =
    assignee.adminId !== undefined
      ? { type: "admin", id: String(assignee.adminId) }
      : assignee.teamId !== undefined
        ? { type: "team", id: String(assignee.teamId) }
        : null;
  const by = admin(opts.byAdminId ?? assignee.adminId ?? DEFAULT_ADMIN_ID);
  const part = {
    ...conversationPart({ id: nextPartId(), createdAt: opts.createdAt }, "assignment", by),
    body: null,
    assigned_to: assignedTo,
  };
  return notification("conversation.admin.assigned", conversation(assigned, [part], opts), opts);
}

export function ratingAdded(
  conv: ConversationSnapshot,
  rating = { rating: 5, remark: "" },
  opts: NotificationOptions = {},
) {
  const item = conversation(conv, [], opts);
  const at = opts.createdAt ?? nowSeconds();
  const conversation_rating = {
    ...rating,
    created_at: at,
    updated_at: at,
    contact: { type: "contact", id: conv.contactId, external_id: null },
    teammate: { type: "admin", id: DEFAULT_ADMIN_ID },
  };
  return notification("conversation.rating.added", { ...item, conversation_rating }, opts);
}

/** Sent when the webhook is saved in the Developer Hub. Its `id` is null. */
export function ping(opts: NotificationOptions = {}) {
  const at = opts.createdAt ?? nowSeconds();
  return {
    type: "notification_event",
    app_id: TEST_INTERCOM_APP_ID,
    data: { type: "notification_event_data", item: { type: "ping", message: "something something interzen" } },
    links: {},
    id: opts.id ?? null,
    topic: "ping",
    delivery_status: null,
    delivery_attempts: opts.deliveryAttempts ?? 1,
    delivered_at: 0,
    first_sent_at: at,
    created_at: at,
    self: null,
  };
}

export function notification<T>(topic: string, item: T, opts: NotificationOptions = {}) {
  const at = opts.createdAt ?? nowSeconds();
  return {
    type: "notification_event",
    app_id: TEST_INTERCOM_APP_ID,
    data: { type: "notification_event_data", item },
    links: {},
    id: opts.id ?? `notif_${crypto.randomUUID()}`,
    topic,
    delivery_status: "pending",
    delivery_attempts: opts.deliveryAttempts ?? 1,
    delivered_at: 0,
    first_sent_at: at,
    created_at: at,
    self: null,
  };
}

function admin(id: string | number) {
  return {
    type: "admin",
    id: String(id),
    name: "Alex Agent",
    email: "alex@example.com",
    from_ai_agent: false,
    is_ai_answer: false,
  };
}

function conversationPart(part: PartInput, partType: string, author: Record<string, unknown>) {
  // `author` is a plain record so tests can swap in other authors (bots, teams) without casts.
  const at = part.createdAt ?? nowSeconds();
  return {
    type: "conversation_part",
    id: String(part.id),
    part_type: part.partType ?? partType,
    body: part.body ?? "(message)",
    created_at: at,
    updated_at: at,
    notified_at: at,
    assigned_to: null,
    author,
    attachments: [],
    external_id: null,
    redacted: false,
  };
}

function conversation<P>(conv: ConversationSnapshot, parts: P[], opts: NotificationOptions) {
  const updated = opts.createdAt ?? nowSeconds();
  const created = Math.min(conv.createdAt ?? updated - 600, updated);
  const state = conv.state ?? "open";
  return {
    type: "conversation",
    id: String(conv.id),
    title: null,
    created_at: created,
    updated_at: updated,
    waiting_since: created,
    snoozed_until: null,
    open: state !== "closed",
    state,
    read: false,
    priority: "none",
    admin_assignee_id: assigneeId(conv.adminAssigneeId),
    team_assignee_id: assigneeId(conv.teamAssigneeId),
    tags: {
      type: "tag.list",
      tags: (conv.tags ?? []).map((name, index) => ({ type: "tag", id: String(7522900 + index), name })),
    },
    conversation_rating: null,
    source: {
      type: "conversation",
      id: conv.sourceId ?? "2448930147",
      delivered_as: "customer_initiated",
      subject: "",
      body: conv.body ?? "Hi, I was charged twice for my November invoice. Can you refund one of them?",
      author: { type: conv.contactType ?? "user", id: conv.contactId, name: "Sam Customer", email: "sam@example.com" },
      attachments: [],
      url: null,
      redacted: false,
    },
    contacts: { type: "contact.list", contacts: [{ type: "contact", id: conv.contactId, external_id: "cust-1001" }] },
    teammates: { type: "admin.list", admins: [] },
    custom_attributes: {},
    first_contact_reply: { created_at: created, type: "conversation", url: null },
    sla_applied: null,
    conversation_parts: { type: "conversation_part.list", conversation_parts: parts, total_count: parts.length },
    ai_agent_participated: false,
  };
}

function assigneeId(id: string | number | null | undefined): number {
  return id === null || id === undefined ? 0 : Number(id);
}

/** `conversation_part.tag.created`: a part of the conversation was tagged with `tags`. */
export function partTagged(conv: ConversationSnapshot, tags: string[], opts: NotificationOptions = {}) {
  const part = {
    ...conversationPart({ id: nextPartId(), createdAt: opts.createdAt }, "comment", admin(DEFAULT_ADMIN_ID)),
    tags: tags.map((name, index) => ({ type: "tag", id: String(7523900 + index), name })),
  };
  return notification("conversation_part.tag.created", conversation({ ...conv, tags }, [part], opts), opts);
}

/** An admin closed the conversation. */
export function adminClosed(conv: ConversationSnapshot, opts: NotificationOptions = {}) {
  return notification("conversation.admin.closed", conversation({ ...conv, state: "closed" }, [], opts), opts);
}

/** An admin opened (reopened) a closed conversation. */
export function adminOpened(conv: ConversationSnapshot, opts: NotificationOptions = {}) {
  return notification("conversation.admin.opened", conversation({ ...conv, state: "open" }, [], opts), opts);
}
