import type { SupportEvent } from "../pipeline/support-event.ts";
import { InvalidZendeskPayloadError } from "./invalid-zendesk-payload-error.ts";
import { parseIsoTimestamp } from "./parse-iso-timestamp.ts";
import {
  parseZendeskPayload,
  ticketIdFromSubject,
  ZENDESK_EVENT_TYPES,
  type ZendeskEventPayload,
  type ZendeskTriggerPayload,
} from "./zendesk-event-schema.ts";

export interface ZendeskDelivery {
  /** `x-zendesk-webhook-invocation-id`: one delivery; Zendesk's retries of it reuse the id. */
  invocationId: string;
  /** `x-zendesk-account-id`. Only used when the body has no `account_id` (trigger payloads). */
  accountIdHeader?: string;
}

/**
 * Turn a parsed Zendesk webhook body into a `SupportEvent`, or `{ ignored: type }` for event types
 * Deskmate does not handle. Throws `InvalidZendeskPayloadError` for a known type that fails its
 * schema. Only ids and facts are copied: comment bodies and names stay behind.
 */
export function normalizeZendeskEvent(json: unknown, delivery: ZendeskDelivery): SupportEvent | { ignored: string } {
  const parsed = parseZendeskPayload(json);
  switch (parsed.result) {
    case "ignored":
      return { ignored: parsed.type };
    case "invalid":
      throw new InvalidZendeskPayloadError("invalid_payload", parsed.fields, `invalid Zendesk payload: ${parsed.message}`);
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
    accountId: payload.account_id,
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
  if (payload.type === ZENDESK_EVENT_TYPES.commentAdded) {
    const { comment } = payload.event;
    return {
      ...base,
      kind: "comment_added",
      comment: { id: comment.id, authorId: comment.author.id, isPublic: comment.is_public, authorIsStaff: comment.author.is_staff },
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
  return base;
}

function fromTrigger(payload: ZendeskTriggerPayload, delivery: ZendeskDelivery): SupportEvent {
  const accountId = delivery.accountIdHeader?.trim() ?? "";
  if (!/^\d+$/.test(accountId)) {
    // Trigger bodies cannot carry the account id, so the header is required for them.
    throw new InvalidZendeskPayloadError("invalid_payload", ["x-zendesk-account-id"], "trigger payload without a numeric x-zendesk-account-id header");
  }
  const { ticket, comment } = payload;
  return {
    platform: "zendesk",
    accountId,
    deliveryId: delivery.invocationId,
    // Trigger bodies have no event UUID; the invocation id is stable across Zendesk's retries.
    eventId: `trigger:${delivery.invocationId}`,
    kind: payload.event,
    ticketId: ticket.id,
    occurredAt: toIso(ticket.updated_at),
    source: "trigger",
    ...defined({ requesterId: ticket.requester_id, organizationId: ticket.organization_id, ticketStatus: ticket.status }),
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
  };
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

function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
