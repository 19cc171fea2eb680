import * as z from "zod";
import {
  booleanish,
  isoTimestamp,
  opaqueId,
  optionalZendeskId,
  ticketPriority,
  ticketStatus,
  zendeskId,
} from "./zendesk-schema-fields.ts";
import { zendeskTriggerPayloadSchema, type ZendeskTriggerPayload } from "./zendesk-trigger-template.ts";

export {
  ZENDESK_CSAT_TRIGGER_TEMPLATE,
  ZENDESK_TRIGGER_TEMPLATE,
  zendeskTriggerPayloadSchema,
  type ZendeskTriggerPayload,
} from "./zendesk-trigger-template.ts";

/**
 * Event-subscription payloads (developer.zendesk.com/api-reference/webhooks/event-types/ticket-events).
 * Envelope: type, account_id, id (event UUID), time, zendesk_event_version, subject `zen:ticket:<id>`,
 * detail (ticket snapshot, ids as strings), event (what changed). Objects are loose: Zendesk adds
 * fields over time and we only read the ones below. Bodies are accepted but never copied onward.
 */
export const ZENDESK_EVENT_TYPES = {
  ticketCreated: "zen:event-type:ticket.created",
  commentAdded: "zen:event-type:ticket.comment_added",
  statusChanged: "zen:event-type:ticket.status_changed",
  agentAssignmentChanged: "zen:event-type:ticket.agent_assignment_changed",
  groupAssignmentChanged: "zen:event-type:ticket.group_assignment_changed",
  tagsChanged: "zen:event-type:ticket.tags_changed",
} as const;

const ticketDetail = z.looseObject({
  id: zendeskId.optional(),
  status: ticketStatus.nullish(),
  priority: ticketPriority.nullish(),
  requester_id: optionalZendeskId,
  organization_id: optionalZendeskId,
  group_id: optionalZendeskId,
  assignee_id: optionalZendeskId,
  actor_id: optionalZendeskId,
  tags: z.array(z.string()).nullish(),
  via: z.looseObject({ channel: z.string().nullish() }).nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  /**
   * The ticket's first comment (`ticket.created`), with who submitted it and whether it is public: read
   * only for the knowledge search's excerpt, so odd values are not an error (unknown, checked in use).
   */
  description: z.unknown().optional(),
  submitter_id: z.unknown().optional(),
  is_public: z.unknown().optional(),
});

const SUBJECT_TICKET = /^zen:ticket:(\d+)$/;

export function ticketIdFromSubject(subject: string | null | undefined): string | undefined {
  return SUBJECT_TICKET.exec(subject ?? "")?.[1];
}

function eventEnvelope<const T extends string, E extends z.ZodType>(type: T, event: E) {
  return z
    .looseObject({
      type: z.literal(type),
      account_id: zendeskId,
      id: opaqueId,
      time: isoTimestamp,
      zendesk_event_version: z.string().nullish(),
      subject: z.string().nullish(),
      detail: ticketDetail,
      event,
    })
    .superRefine((payload, ctx) => {
      if (payload.detail.id === undefined && ticketIdFromSubject(payload.subject) === undefined) {
        ctx.addIssue({ code: "custom", path: ["detail", "id"], message: "no ticket id in detail.id or subject" });
      }
    });
}

/** For ticket.created read `detail`: `event` has been seen both as `{}` and as `{current: {...}}`. */
export const zendeskTicketCreatedSchema = eventEnvelope(ZENDESK_EVENT_TYPES.ticketCreated, z.unknown());

export const zendeskCommentAddedSchema = eventEnvelope(
  ZENDESK_EVENT_TYPES.commentAdded,
  z.looseObject({
    comment: z.looseObject({
      id: zendeskId,
      body: z.string().nullish(),
      is_public: booleanish,
      author: z.looseObject({ id: zendeskId, is_staff: booleanish, name: z.string().nullish() }),
    }),
  }),
);

/** `event.previous` / `event.current`: the cheap way to see a reopen (solved -> open). */
export const zendeskStatusChangedSchema = eventEnvelope(
  ZENDESK_EVENT_TYPES.statusChanged,
  z.looseObject({ previous: ticketStatus.nullish(), current: ticketStatus }),
);

/**
 * `event.previous` / `event.current`: agent ids (agent assignment) or group ids (group assignment);
 * null or absent when the ticket had or has none. `detail.assignee_id` / `detail.group_id` is the fallback.
 */
const assignmentChange = z.looseObject({ previous: optionalZendeskId, current: optionalZendeskId });

export const zendeskAgentAssignmentChangedSchema = eventEnvelope(
  ZENDESK_EVENT_TYPES.agentAssignmentChanged,
  assignmentChange,
);

export const zendeskGroupAssignmentChangedSchema = eventEnvelope(
  ZENDESK_EVENT_TYPES.groupAssignmentChanged,
  assignmentChange,
);

/**
 * `ticket.tags_changed`: Zendesk lists "Tags changed" among its ticket events
 * (https://developer.zendesk.com/api-reference/integration-services/trigger-events/ticket-events/) but no
 * webhook payload for it could be confirmed (the webhook page's table stops before it). So both shapes
 * Zendesk uses elsewhere are accepted: `tags_added` / `tags_removed`, and `previous` / `current` lists
 * (diffed by the normalizer); anything else reads as no change. Tag names are bounded like settings.
 */
const tagList = z.array(z.string().max(200)).max(5000).nullish();
export const zendeskTagsChangedSchema = eventEnvelope(
  ZENDESK_EVENT_TYPES.tagsChanged,
  z.looseObject({ tags_added: tagList, tags_removed: tagList, previous: tagList, current: tagList }).nullish(),
);

export type ZendeskTicketCreatedPayload = z.output<typeof zendeskTicketCreatedSchema>;
export type ZendeskCommentAddedPayload = z.output<typeof zendeskCommentAddedSchema>;
export type ZendeskStatusChangedPayload = z.output<typeof zendeskStatusChangedSchema>;
export type ZendeskAssignmentChangedPayload = z.output<
  typeof zendeskAgentAssignmentChangedSchema | typeof zendeskGroupAssignmentChangedSchema
>;
export type ZendeskTagsChangedPayload = z.output<typeof zendeskTagsChangedSchema>;
export type ZendeskEventPayload =
  | ZendeskTagsChangedPayload
  | ZendeskTicketCreatedPayload
  | ZendeskCommentAddedPayload
  | ZendeskStatusChangedPayload
  | ZendeskAssignmentChangedPayload;

export type ZendeskPayloadParse =
  | { result: "event"; payload: ZendeskEventPayload }
  | { result: "trigger"; payload: ZendeskTriggerPayload }
  | { result: "ignored"; type: string }
  | { result: "invalid"; fields: string[]; message: string };

// A Map, not an object literal: `type` is untrusted input and must not reach `constructor` & co.
const schemasByType = new Map<string, z.ZodType<ZendeskEventPayload>>([
  [ZENDESK_EVENT_TYPES.ticketCreated, zendeskTicketCreatedSchema],
  [ZENDESK_EVENT_TYPES.commentAdded, zendeskCommentAddedSchema],
  [ZENDESK_EVENT_TYPES.statusChanged, zendeskStatusChangedSchema],
  [ZENDESK_EVENT_TYPES.agentAssignmentChanged, zendeskAgentAssignmentChangedSchema],
  [ZENDESK_EVENT_TYPES.groupAssignmentChanged, zendeskGroupAssignmentChangedSchema],
  [ZENDESK_EVENT_TYPES.tagsChanged, zendeskTagsChangedSchema],
]);

/**
 * Classify and validate a parsed JSON body. Unknown event types are `ignored` (not an error: a
 * webhook may subscribe to more than we handle); a known type that fails its schema is `invalid`
 * with the failing field paths. Issue messages name paths and expectations, never the values.
 */
export function parseZendeskPayload(json: unknown): ZendeskPayloadParse {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { result: "invalid", fields: ["(root)"], message: "expected a JSON object" };
  }
  if ("deskmate_trigger" in json) {
    const parsed = zendeskTriggerPayloadSchema.safeParse(json);
    return parsed.success ? { result: "trigger", payload: parsed.data } : invalid(parsed.error);
  }
  const type = (json as { type?: unknown }).type;
  if (typeof type !== "string") return { result: "invalid", fields: ["type"], message: "type: expected a string" };
  const schema = schemasByType.get(type);
  if (schema === undefined) return { result: "ignored", type };
  const parsed = schema.safeParse(json);
  return parsed.success ? { result: "event", payload: parsed.data } : invalid(parsed.error);
}

function invalid(error: z.ZodError): ZendeskPayloadParse {
  const details = error.issues.map((issue) => ({
    field: issue.path.map(String).join(".") || "(root)",
    message: issue.message,
  }));
  const fields = [...new Set(details.map((detail) => detail.field))];
  return { result: "invalid", fields, message: details.map((d) => `${d.field}: ${d.message}`).join("; ") };
}
