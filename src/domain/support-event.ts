/**
 * A helpdesk event normalized for the pipeline. It carries ids and facts about the event, never
 * whole message bodies nor lists of any length (parts; tags only as a bounded change, `tagsChange`):
 * the queue consumer reads the conversation through the helpdesk API, and the queue message stays far
 * below the queue's 128 KB limit whatever the payload held. The one piece of customer text is
 * `messageExcerpt` (at most `MAX_MESSAGE_EXCERPT` characters), and it is never logged.
 */
export type Platform = "zendesk" | "intercom";

export type SupportEventKind =
  | "ticket_created"
  | "comment_added"
  | "status_changed"
  | "assignment_changed"
  | "rating_added"
  | "tags_changed";

export interface SupportEventComment {
  id: string;
  authorId: string;
  isPublic: boolean;
  /** The helpdesk says the author is an agent/admin (Zendesk `author.is_staff`). */
  authorIsStaff: boolean;
}

export interface SupportEvent {
  platform: Platform;
  /** Helpdesk account (Zendesk account id / Intercom workspace id). */
  accountId: string;
  /** One delivery of a webhook (Zendesk `x-zendesk-webhook-invocation-id`). */
  deliveryId: string;
  /** The event itself; stable across deliveries of the same event. */
  eventId: string;
  kind: SupportEventKind;
  ticketId: string;
  /** When the event happened at the helpdesk (ISO-8601); orders events of one ticket. */
  occurredAt: string;
  /** Which webhook shape brought it: an event subscription or a trigger template. */
  source: "event_subscription" | "trigger";
  requesterId?: string;
  organizationId?: string;
  /** Ticket status at the time of the event, lower case. */
  ticketStatus?: string;
  comment?: SupportEventComment;
  statusChange?: { previous?: string; current: string };
  /**
   * For `assignment_changed`: who the ticket/conversation is assigned to now. `admin` is an Intercom
   * teammate (a person took the conversation); `agent` is a Zendesk agent, recorded only, because
   * routing assigns agents on its own and an assignment alone does not mean a person took over.
   */
  assignee?: { type: "admin" | "agent" | "team" | "none"; id: string | null };
  /** For `assignment_changed`: the group (Zendesk) the ticket moved to; "" when it left every group. */
  groupId?: string;
  /** For `rating_added`: the customer's verdict; absent when the rating gave none (Intercom 3 of 5). */
  rating?: "good" | "bad";
  /**
   * For `tags_changed`: the tag names added and removed (at most `MAX_TAG_CHANGE` each, longer names
   * cut off). Tags are short codes set by people or rules, not customer text, so they may travel in
   * the queue message; the bound keeps it small whatever the payload held. `actorId`: who changed
   * them, when the helpdesk says so (an assistant's own change is not a human action).
   */
  tagsChange?: { added: string[]; removed: string[]; actorId?: string };
  /**
   * The text of the customer message that fired the event, when the payload carried it whole and it is
   * at most `MAX_MESSAGE_EXCERPT` characters (`messageExcerpt()`). The consumer starts the knowledge
   * search with it while the ticket is read, and keeps that search only when the message it selects
   * after the read has this same text. Never logged nor stored; absent on older queue messages.
   */
  messageExcerpt?: string;
}

/** The longest message text an event carries (`messageExcerpt`): a few hundred bytes of a 128 KB queue message. */
export const MAX_MESSAGE_EXCERPT = 1000;

/**
 * The message text an event may carry: the text itself when it is not blank and fits
 * `MAX_MESSAGE_EXCERPT`, else nothing. A longer message is left out rather than cut: a cut text would
 * search for something else than the message, so it could never be used. Only a length check: it runs
 * on the acknowledgement path.
 */
export function messageExcerpt(text: string | null | undefined): string | undefined {
  if (typeof text !== "string" || text.length > MAX_MESSAGE_EXCERPT || text.trim() === "") return undefined;
  return text;
}

/** The most tag names a `tagsChange` keeps per side, and their longest length. */
export const MAX_TAG_CHANGE = 20;
export const MAX_TAG_LENGTH = 80;

/** A bounded copy of a list of tag names: trimmed, deduplicated, at most `MAX_TAG_CHANGE`. */
export function boundedTags(tags: readonly string[]): string[] {
  const kept = new Set<string>();
  for (const tag of tags) {
    const name = tag.trim().slice(0, MAX_TAG_LENGTH);
    if (name !== "") kept.add(name);
    if (kept.size >= MAX_TAG_CHANGE) break;
  }
  return [...kept];
}
