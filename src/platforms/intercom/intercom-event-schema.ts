import * as z from "zod";
import {
  conversationState,
  intercomAssigneeId,
  intercomId,
  intercomOpaqueId,
  lowerCaseString,
  unixSeconds,
  workspaceId,
} from "./intercom-schema-fields.ts";

/**
 * Webhook notifications (developers.intercom.com/docs/references/2.16/webhooks/webhook-models). Every
 * delivery is a `notification_event` envelope: `id` (`notif_...`, stable across Intercom's retry),
 * `topic`, `app_id` (the workspace), `created_at` (unix seconds), `delivery_attempts`,
 * `first_sent_at`, and `data.item`, which for the topics below is the conversation. Objects are
 * loose: only the fields below are read. From API 2.15 part bodies are plain text in webhooks;
 * bodies are accepted but never copied onward.
 */
export const INTERCOM_TOPICS = {
  userCreated: "conversation.user.created",
  userReplied: "conversation.user.replied",
  adminReplied: "conversation.admin.replied",
  adminNoted: "conversation.admin.noted",
  adminAssigned: "conversation.admin.assigned",
  adminClosed: "conversation.admin.closed",
  adminOpened: "conversation.admin.opened",
  ratingAdded: "conversation.rating.added",
  /**
   * "Subscribe to conversation parts being tagged", item type Conversation
   * (https://developers.intercom.com/docs/references/2.16/webhooks/webhook-models). The tagged part's
   * `tags` (conversation_part.tags in the 2.16 OpenAPI) are the added tags. Intercom documents no
   * topic for removing a tag, nor who tagged: see normalize-intercom-event.ts.
   */
  partTagged: "conversation_part.tag.created",
} as const;

export type IntercomTopic = (typeof INTERCOM_TOPICS)[keyof typeof INTERCOM_TOPICS];

const handledTopics: ReadonlySet<string> = new Set(Object.values(INTERCOM_TOPICS));

/** Twitter parts have a blank author (spec: conversation_part_author), so the author may be absent. */
const author = z.looseObject({ type: lowerCaseString, id: intercomOpaqueId, from_ai_agent: z.boolean().nullish() });

const conversationPart = z.looseObject({
  id: intercomOpaqueId,
  part_type: z.string().nullish(),
  body: z.string().nullish(),
  author: author.nullish(),
  created_at: unixSeconds.nullish(),
  /** `conversation_part.tag.created`: the part's tags (tag_basic: id, name). Bounded like the conversation's. */
  tags: z
    .array(z.looseObject({ id: intercomOpaqueId.nullish(), name: z.string().max(200) }))
    .max(5000)
    .nullish(),
});

const conversation = z.looseObject({
  type: z.string().nullish(),
  id: intercomId,
  state: conversationState.nullish(),
  /** Older payloads carry only the boolean; `state` wins when both are present. */
  open: z.boolean().nullish(),
  created_at: unixSeconds.nullish(),
  updated_at: unixSeconds.nullish(),
  admin_assignee_id: intercomAssigneeId,
  team_assignee_id: intercomAssigneeId,
  /** none|low|medium|high|urgent in 2.16; `priority`/`not_priority` in older versions. Not enforced. */
  priority: z.string().nullish(),
  tags: z
    .looseObject({ tags: z.array(z.looseObject({ id: intercomOpaqueId.nullish(), name: z.string() })).nullish() })
    .nullish(),
  contacts: z
    .looseObject({
      contacts: z
        .array(z.looseObject({ id: intercomOpaqueId, type: z.string().nullish(), external_id: z.string().nullish() }))
        .nullish(),
    })
    .nullish(),
  source: z
    .looseObject({
      id: intercomOpaqueId.nullish(),
      type: z.string().nullish(),
      author: author.nullish(),
      body: z.string().nullish(),
      delivered_as: z.string().nullish(),
    })
    .nullish(),
  conversation_parts: z.looseObject({ conversation_parts: z.array(conversationPart).nullish() }).nullish(),
  /** `conversation.rating.added`: 1-5 (the remark is accepted but never copied onward). */
  conversation_rating: z
    .looseObject({ rating: z.number().int().min(1).max(5).nullish(), remark: z.string().nullish() })
    .nullish(),
});

export const intercomNotificationSchema = z.looseObject({
  type: z.literal("notification_event"),
  id: z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, "expected a notification id like notif_..."),
  topic: z.string(),
  app_id: workspaceId,
  created_at: unixSeconds,
  delivery_attempts: z.number().int().nullish(),
  first_sent_at: unixSeconds.nullish(),
  data: z.looseObject({ type: z.string().nullish(), item: conversation }),
});

export type IntercomNotification = z.output<typeof intercomNotificationSchema>;
export type IntercomConversation = IntercomNotification["data"]["item"];
export type IntercomPart = NonNullable<
  NonNullable<IntercomConversation["conversation_parts"]>["conversation_parts"]
>[number];
export type IntercomAuthor = NonNullable<IntercomPart["author"]>;

export type IntercomPayloadParse =
  | { result: "ping" }
  | { result: "event"; payload: IntercomNotification }
  | { result: "ignored"; topic: string }
  | { result: "invalid"; fields: string[]; message: string };

/**
 * Classify and validate a parsed JSON body. `ping` (sent when the webhook is saved in the Developer
 * Hub; its `id` may be null) is recognized before the envelope is validated. Other topics are
 * `ignored`: the subscription may cover more than Deskmate handles. A handled topic that fails its
 * schema is `invalid`, with field paths; messages name paths and expectations, never values.
 */
export function parseIntercomPayload(json: unknown): IntercomPayloadParse {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { result: "invalid", fields: ["(root)"], message: "expected a JSON object" };
  }
  if (isIntercomPing(json)) return { result: "ping" };
  const topic = (json as { topic?: unknown }).topic;
  if (typeof topic !== "string") return { result: "invalid", fields: ["topic"], message: "topic: expected a string" };
  if (!handledTopics.has(topic)) return { result: "ignored", topic };
  const parsed = intercomNotificationSchema.safeParse(json);
  return parsed.success ? { result: "event", payload: parsed.data } : invalid(parsed.error);
}

/** The notification Intercom sends when a webhook is saved; only its topic is reliable (its `id` may be null). */
export function isIntercomPing(json: unknown): boolean {
  return typeof json === "object" && json !== null && (json as { topic?: unknown }).topic === "ping";
}

function invalid(error: z.ZodError): IntercomPayloadParse {
  const details = error.issues.map((issue) => ({
    field: issue.path.map(String).join(".") || "(root)",
    message: issue.message,
  }));
  const fields = [...new Set(details.map((detail) => detail.field))];
  return { result: "invalid", fields, message: details.map((d) => `${d.field}: ${d.message}`).join("; ") };
}
