import { ConfigError } from "../../lib/errors.ts";
import { boundedTags, messageExcerpt, type SupportEvent } from "../../domain/support-event.ts";
import { InvalidZendeskPayloadError } from "./invalid-zendesk-payload-error.ts";
import { parseIsoTimestamp } from "../../lib/parse-iso-timestamp.ts";
import {
  parseZendeskPayload,
  ticketIdFromSubject,
  ZENDESK_EVENT_TYPES,
  type ZendeskEventPayload,
  type ZendeskTriggerPayload,
} from "./zendesk-event-schema.ts";

export interface ZendeskDelivery {
  /**
   * `x-zendesk-webhook-invocation-id`: unsigned, so it only labels the delivery in logs
   * (`deliveryId`); it never chooses the event id, the claim key or the account.
   */
  invocationId: string;
  /**
   * This deployment's configured Zendesk account (its subdomain). Trigger payloads belong to it: their
   * bodies carry no account id, and the `x-zendesk-account-id` header is not signed. Event-subscription
   * payloads are filed under it too, so both kinds of delivery for one ticket share its state, and the
   * ledger and the admin API name the account the way admins know it; the payload's numeric
   * `account_id` is used only when no subdomain is configured.
   */
  triggerAccount: string | null;
}

/**
 * Turn a parsed Zendesk webhook body into a `SupportEvent`, or `{ ignored: type }` for event types
 * Deskmate does not handle. Throws `InvalidZendeskPayloadError` for a known type that fails its
 * schema. Only ids and facts are copied, and a customer comment's text when it is short
 * (`messageExcerpt`, for the knowledge search): other bodies and names stay behind.
 */
export function normalizeZendeskEvent(json: unknown, delivery: ZendeskDelivery): SupportEvent | { ignored: string } {
  const parsed = parseZendeskPayload(json);
  switch (parsed.result) {
    case "ignored":
      return { ignored: parsed.type };
    case "invalid":
      throw new InvalidZendeskPayloadError(
        "invalid_payload",
        parsed.fields,
        `invalid Zendesk payload: ${parsed.message}`,
      );
    case "event":
      return fromEventSubscription(parsed.payload, delivery);
    case "trigger":
      return fromTrigger(parsed.payload, delivery);
  }
}

function fromEventSubscription(payload: ZendeskEventPayload, delivery: ZendeskDelivery): SupportEvent {
  const { detail } = payload;
  const base: SupportEvent = {
    platform: "zendesk",
    accountId: delivery.triggerAccount ?? payload.account_id,
    deliveryId: delivery.invocationId,
    eventId: payload.id,
    kind: "ticket_created",
    // The schema guarantees one of the two.
    ticketId: detail.id ?? ticketIdFromSubject(payload.subject) ?? "",
    occurredAt: toIso(payload.time),
    source: "event_subscription",
    ...defined({
      requesterId: detail.requester_id,
      organizationId: detail.organization_id,
      ticketStatus: detail.status ?? undefined,
    }),
  };
  if (payload.type === ZENDESK_EVENT_TYPES.ticketCreated) {
    const text = customerDescription(detail);
    return text === undefined ? base : { ...base, messageExcerpt: text };
  }
  if (payload.type === ZENDESK_EVENT_TYPES.commentAdded) {
    const { comment } = payload.event;
    // A customer's public comment carries its text when short, for the knowledge search (never logged).
    const text = comment.is_public && !comment.author.is_staff ? messageExcerpt(comment.body) : undefined;
    return {
      ...base,
      kind: "comment_added",
      comment: {
        id: comment.id,
        authorId: comment.author.id,
        isPublic: comment.is_public,
        authorIsStaff: comment.author.is_staff,
      },
      ...(text === undefined ? {} : { messageExcerpt: text }),
    };
  }
  if (payload.type === ZENDESK_EVENT_TYPES.statusChanged) {
    const { previous, current } = payload.event;
    return {
      ...base,
      kind: "status_changed",
      ticketStatus: detail.status ?? current,
      statusChange: { ...defined({ previous: previous ?? undefined }), current },
    };
  }
  if (payload.type === ZENDESK_EVENT_TYPES.agentAssignmentChanged) {
    const agentId = payload.event.current ?? detail.assignee_id;
    return {
      ...base,
      kind: "assignment_changed",
      assignee: agentId === undefined ? { type: "none", id: null } : { type: "agent", id: agentId },
    };
  }
  if (payload.type === ZENDESK_EVENT_TYPES.groupAssignmentChanged) {
    return { ...base, kind: "assignment_changed", groupId: payload.event.current ?? detail.group_id ?? "" };
  }
  if (payload.type === ZENDESK_EVENT_TYPES.tagsChanged) {
    const change = payload.event ?? {};
    const previous = change.previous ?? [];
    const current = change.current ?? [];
    const before = new Set(previous);
    const after = new Set(current);
    const added = change.tags_added ?? current.filter((tag) => !before.has(tag));
    const removed = change.tags_removed ?? previous.filter((tag) => !after.has(tag));
    return {
      ...base,
      kind: "tags_changed",
      tagsChange: {
        added: boundedTags(added),
        removed: boundedTags(removed),
        ...defined({ actorId: detail.actor_id }),
      },
    };
  }
  return base;
}

/**
 * A new ticket's description (its first comment) when the requester wrote it publicly: the text the
 * consumer's knowledge search may start with. A ticket an agent opened for a customer carries none.
 */
function customerDescription(detail: ZendeskEventPayload["detail"]): string | undefined {
  const { description, submitter_id: submitter, requester_id: requester, is_public: isPublic } = detail;
  if (typeof description !== "string" || isPublic === false || String(isPublic) === "false") return undefined;
  if (submitter != null && requester !== undefined && String(submitter) !== requester) return undefined;
  return messageExcerpt(description);
}

function fromTrigger(payload: ZendeskTriggerPayload, delivery: ZendeskDelivery): SupportEvent {
  const accountId = delivery.triggerAccount;
  if (accountId === null) {
    throw new ConfigError(
      "a trigger payload arrived but ZENDESK_SUBDOMAIN is not set, so it belongs to no account. " +
        'Fix: set ZENDESK_SUBDOMAIN (e.g. "acme" for https://acme.zendesk.com) under [vars] in wrangler.toml ' +
        "or with `wrangler secret put ZENDESK_SUBDOMAIN`.",
    );
  }
  const { ticket, comment, satisfaction } = payload;
  return {
    platform: "zendesk",
    accountId,
    deliveryId: delivery.invocationId,
    eventId: triggerEventId(payload),
    kind: payload.event,
    ticketId: ticket.id,
    occurredAt: toIso(ticket.updated_at),
    source: "trigger",
    ...defined({
      requesterId: ticket.requester_id,
      organizationId: ticket.organization_id,
      ticketStatus: ticket.status,
    }),
    ...(comment === undefined
      ? {}
      : {
          comment: {
            id: comment.id,
            authorId: comment.author_id,
            isPublic: comment.is_public,
            authorIsStaff: isStaffRole(comment.author_role),
          },
        }),
    ...(satisfaction === undefined ? {} : { rating: satisfaction.rating }),
  };
}

/**
 * Trigger bodies have no event UUID, so the event id is built from the signed ids that make the
 * event what it is: a ticket is created once, a comment is added once. The same body replayed under
 * any invocation id, and a second trigger firing on the same comment, are the same event.
 */
function triggerEventId(payload: ZendeskTriggerPayload): string {
  if (payload.event === "ticket_created") return `trigger:ticket_created:${payload.ticket.id}`;
  // A rating can change (good, then bad): each verdict is its own event, each stored once.
  if (payload.event === "rating_added")
    return `trigger:rating_added:${payload.ticket.id}:${payload.satisfaction?.rating ?? ""}`;
  return `trigger:comment_added:${payload.ticket.id}:${payload.comment?.id ?? ""}`;
}

/**
 * `{{...author.role}}` renders `Admin`, `Agent` or `End user`, possibly translated. Only the English
 * staff names count as staff here; the consumer confirms roles through the API before replying.
 */
function isStaffRole(role: string | null | undefined): boolean {
  const lower = (role ?? "").trim().toLowerCase();
  return lower === "admin" || lower === "agent" || lower === "administrator";
}

function toIso(timestamp: string): string {
  // The schema already checked the format; falling back to the raw string keeps this total.
  return parseIsoTimestamp(timestamp)?.toISOString() ?? timestamp;
}

/** The fields whose value is not `undefined`: optional properties stay absent rather than hold `undefined`. */
function defined<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
