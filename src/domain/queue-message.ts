import { boundedTags, messageExcerpt, type SupportEvent } from "./support-event.ts";

/** What the webhook route puts on the queue. Versioned so a deploy can read older messages. */
export interface QueueMessageBody {
  v: 1;
  event: SupportEvent;
  /** When the webhook was acknowledged (ISO-8601), for queue-delay timings. */
  receivedAt: string;
}

/**
 * Cloudflare Queues refuse messages over 128 KB, and a refused send answers the helpdesk 503 on every
 * retry: the event would be lost. So the message carries ids (each bounded by the webhook schemas) and
 * at most one short message text (`messageExcerpt`, bounded again here), and is rebuilt field by
 * field, never by spreading the payload: whatever a normalizer might add later stays out until it is
 * named below. The consumer re-reads the ticket for everything else.
 */
export function queueMessageBody(event: SupportEvent, receivedAt: string): QueueMessageBody {
  const { comment, statusChange, assignee, tagsChange } = event;
  const bounded: SupportEvent = {
    platform: event.platform,
    accountId: event.accountId,
    deliveryId: event.deliveryId,
    eventId: event.eventId,
    kind: event.kind,
    ticketId: event.ticketId,
    occurredAt: event.occurredAt,
    source: event.source,
    ...optional("requesterId", event.requesterId),
    ...optional("organizationId", event.organizationId),
    ...optional("ticketStatus", event.ticketStatus),
    ...(comment === undefined
      ? {}
      : {
          comment: {
            id: comment.id,
            authorId: comment.authorId,
            isPublic: comment.isPublic,
            authorIsStaff: comment.authorIsStaff,
          },
        }),
    ...(statusChange === undefined
      ? {}
      : { statusChange: { ...optional("previous", statusChange.previous), current: statusChange.current } }),
    ...(assignee === undefined ? {} : { assignee: { type: assignee.type, id: assignee.id } }),
    ...optional("groupId", event.groupId),
    ...(event.rating === undefined ? {} : { rating: event.rating === "good" ? ("good" as const) : ("bad" as const) }),
    ...(tagsChange === undefined
      ? {}
      : {
          tagsChange: {
            added: boundedTags(tagsChange.added),
            removed: boundedTags(tagsChange.removed),
            ...optional("actorId", tagsChange.actorId),
          },
        }),
    ...optional("messageExcerpt", messageExcerpt(event.messageExcerpt)),
  };
  return { v: 1, event: bounded, receivedAt };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
