import {
  boundedTags,
  messageExcerpt,
  type SupportEvent,
  type SupportEventComment,
} from "../../domain/support-event.ts";
import { InvalidIntercomPayloadError } from "./invalid-intercom-payload-error.ts";
import {
  INTERCOM_TOPICS,
  parseIntercomPayload,
  type IntercomAuthor,
  type IntercomConversation,
  type IntercomNotification,
  type IntercomPart,
} from "./intercom-event-schema.ts";

/** Contacts write as `user` or `lead` (the spec's part authors); `contact` is accepted as the same. */
const CUSTOMER_AUTHORS: ReadonlySet<string> = new Set(["user", "lead", "contact"]);
const STAFF_AUTHORS: ReadonlySet<string> = new Set(["admin", "team"]);
const PARTS_FIELD = "data.item.conversation_parts.conversation_parts";

/**
 * Turn a parsed Intercom notification into a `SupportEvent`, or `{ ignored: topic }` for topics
 * Deskmate does not handle (and for `ping`, which the route answers itself). Throws
 * `InvalidIntercomPayloadError` for a handled topic that fails its schema or carries no part of the
 * expected author. Only ids and facts are copied, and the customer's own message text when it is short
 * (`messageExcerpt`, for the knowledge search): other part bodies and names stay behind.
 */
export function normalizeIntercomEvent(json: unknown): SupportEvent | { ignored: string } {
  const parsed = parseIntercomPayload(json);
  switch (parsed.result) {
    case "ping":
      return { ignored: "ping" };
    case "ignored":
      return { ignored: parsed.topic };
    case "invalid":
      throw new InvalidIntercomPayloadError(parsed.fields, `invalid Intercom notification: ${parsed.message}`);
    case "event":
      return fromNotification(parsed.payload);
  }
}

function fromNotification(payload: IntercomNotification): SupportEvent | { ignored: string } {
  const item = payload.data.item;
  const base = baseEvent(payload, item);
  switch (payload.topic) {
    case INTERCOM_TOPICS.userCreated: {
      const source = item.source;
      const comment =
        source?.id != null && source.author != null
          ? toComment(source.id, source.author, { isPublic: true })
          : undefined;
      const text = comment === undefined || comment.authorIsStaff ? undefined : messageExcerpt(source?.body);
      return {
        ...base,
        kind: "ticket_created",
        ...(comment === undefined ? {} : { comment }),
        ...(text === undefined ? {} : { messageExcerpt: text }),
      };
    }
    case INTERCOM_TOPICS.userReplied: {
      const part = requirePart(
        item,
        (author) => CUSTOMER_AUTHORS.has(author.type),
        "a part authored by a user or lead",
      );
      const text = messageExcerpt(part.body);
      return {
        ...base,
        kind: "comment_added",
        comment: toComment(part.id, part.author, { isPublic: true }),
        ...(text === undefined ? {} : { messageExcerpt: text }),
      };
    }
    case INTERCOM_TOPICS.adminReplied: {
      const part = newestPart(item, (author) => STAFF_AUTHORS.has(author.type) && !isBot(author));
      if (part !== undefined)
        return { ...base, kind: "comment_added", comment: toComment(part.id, part.author, { isPublic: true }) };
      // Fin and workflow bots reply under this topic too, not only under conversation.operator.replied
      // (community.intercom.com "Bot's replies in conversation.admin.replied topic"). A bot is not a
      // human taking over, so its reply is not handed to the pipeline as an agent comment.
      if (newestPart(item, isBot) !== undefined) return { ignored: `${payload.topic} (bot author)` };
      throw missingPart("a part authored by an admin");
    }
    case INTERCOM_TOPICS.adminNoted: {
      const part = requirePart(item, (author) => !CUSTOMER_AUTHORS.has(author.type), "a note authored by an admin");
      return { ...base, kind: "comment_added", comment: toComment(part.id, part.author, { isPublic: false }) };
    }
    case INTERCOM_TOPICS.adminAssigned:
      return { ...base, kind: "assignment_changed", assignee: assigneeOf(item) };
    case INTERCOM_TOPICS.adminClosed:
      return { ...base, kind: "status_changed", ticketStatus: "solved", statusChange: { current: "solved" } };
    case INTERCOM_TOPICS.adminOpened:
      // Opening a conversation that was closed: the only state an admin "opens" from besides snoozed,
      // which this topic does not report (a snoozed conversation wakes up on its own).
      return {
        ...base,
        kind: "status_changed",
        ticketStatus: "open",
        statusChange: { previous: "solved", current: "open" },
      };
    case INTERCOM_TOPICS.ratingAdded: {
      const rating = verdictOf(item.conversation_rating?.rating);
      return { ...base, kind: "rating_added", ...(rating === undefined ? {} : { rating }) };
    }
    case INTERCOM_TOPICS.partTagged:
      return { ...base, kind: "tags_changed", tagsChange: { added: taggedPartTags(item), removed: [] } };
    default:
      return { ignored: payload.topic };
  }
}

/**
 * The tags of the newest tagged part. The notification names no tagger (the part's author wrote the
 * message, not the tag), so no `actorId`: the assistant's own tags are told apart by the tag prefix.
 * A payload without tagged parts reads as an empty change, which records nothing.
 */
function taggedPartTags(item: IntercomConversation): string[] {
  let newest: IntercomPart | undefined;
  for (const part of item.conversation_parts?.conversation_parts ?? []) {
    if ((part.tags?.length ?? 0) === 0) continue;
    if (newest === undefined || (part.created_at ?? 0) >= (newest.created_at ?? 0)) newest = part;
  }
  return boundedTags((newest?.tags ?? []).map((tag) => tag.name));
}

function baseEvent(payload: IntercomNotification, item: IntercomConversation): SupportEvent {
  const requesterId = item.contacts?.contacts?.[0]?.id ?? customerSourceAuthorId(item);
  const ticketStatus = statusOf(item);
  return {
    platform: "intercom",
    accountId: payload.app_id,
    // Intercom's one retry re-sends the same notification id, and there is no per-delivery id.
    deliveryId: payload.id,
    eventId: payload.id,
    kind: "ticket_created",
    ticketId: item.id,
    occurredAt: new Date(payload.created_at * 1000).toISOString(),
    source: "event_subscription",
    ...(requesterId === undefined ? {} : { requesterId }),
    ...(ticketStatus === undefined ? {} : { ticketStatus }),
  };
}

/**
 * open -> open, snoozed -> hold, closed -> solved. Not "closed": a customer reply reopens a closed
 * Intercom conversation, unlike Zendesk's final `closed` status.
 */
function statusOf(item: IntercomConversation): string | undefined {
  const state = item.state ?? (item.open === true ? "open" : item.open === false ? "closed" : undefined);
  if (state === undefined) return undefined;
  return { open: "open", snoozed: "hold", closed: "solved" }[state];
}

function customerSourceAuthorId(item: IntercomConversation): string | undefined {
  const author = item.source?.author;
  return author != null && CUSTOMER_AUTHORS.has(author.type) ? author.id : undefined;
}

/** `admin_assignee_id` wins over the team: a person owning the conversation is what the pipeline acts on. */
function assigneeOf(item: IntercomConversation): NonNullable<SupportEvent["assignee"]> {
  if (item.admin_assignee_id !== undefined) return { type: "admin", id: item.admin_assignee_id };
  if (item.team_assignee_id !== undefined) return { type: "team", id: item.team_assignee_id };
  return { type: "none", id: null };
}

/** 4-5 stars are good, 1-2 bad; 3 is no verdict either way and is not counted as a CSAT rating. */
function verdictOf(stars: number | null | undefined): "good" | "bad" | undefined {
  if (stars == null || stars === 3) return undefined;
  return stars >= 4 ? "good" : "bad";
}

function isBot(author: IntercomAuthor): boolean {
  return author.type === "bot" || author.from_ai_agent === true;
}

function toComment(id: string, author: IntercomAuthor, { isPublic }: { isPublic: boolean }): SupportEventComment {
  return { id, authorId: author.id, isPublic, authorIsStaff: !CUSTOMER_AUTHORS.has(author.type) };
}

type AuthoredPart = IntercomPart & { author: IntercomAuthor };

/**
 * The newest part whose author matches. Intercom does not guarantee the order of parts in a
 * notification, so `created_at` decides; on a tie (or without timestamps) the later entry wins.
 */
function newestPart(
  item: IntercomConversation,
  matches: (author: IntercomAuthor) => boolean,
): AuthoredPart | undefined {
  let newest: AuthoredPart | undefined;
  for (const part of item.conversation_parts?.conversation_parts ?? []) {
    if (part.author == null || !matches(part.author)) continue;
    if (newest === undefined || (part.created_at ?? 0) >= (newest.created_at ?? 0))
      newest = { ...part, author: part.author };
  }
  return newest;
}

function requirePart(
  item: IntercomConversation,
  matches: (author: IntercomAuthor) => boolean,
  expected: string,
): AuthoredPart {
  const part = newestPart(item, matches);
  if (part === undefined) throw missingPart(expected);
  return part;
}

function missingPart(expected: string): InvalidIntercomPayloadError {
  return new InvalidIntercomPayloadError(
    [PARTS_FIELD],
    `invalid Intercom notification: ${PARTS_FIELD}: expected ${expected}`,
  );
}
