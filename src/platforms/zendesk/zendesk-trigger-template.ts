import * as z from "zod";
import {
  booleanish,
  caseInsensitiveEnum,
  isoTimestamp,
  optionalZendeskId,
  STATUS_ALIASES,
  TICKET_STATUSES,
  zendeskId,
} from "./zendesk-schema-fields.ts";

/**
 * The JSON body for accounts that connect the webhook to a trigger instead of subscribing it to
 * events. Placeholder names are from Zendesk's "Placeholder reference for business rules"
 * (support.zendesk.com/hc/en-us/articles/4408886858138). Placeholders always render as strings:
 * `{{ticket.tags}}` is space-separated, an empty organization is "", `{{ticket.status}}` is the
 * display name (`Open`, `On-hold`) and may be translated into the requester's language, and
 * `{{ticket.updated_at_with_timestamp}}` is ISO-8601 without seconds (`2013-12-12T05:35Z`).
 * Use it on a trigger with "Comment is Public"/"Ticket is Updated"; set `"event": "ticket_created"`
 * for a "Ticket is Created" trigger. Trigger bodies carry no event UUID and no account id: the
 * event id is built from the signed ticket and comment ids, and the account is this deployment's
 * configured ZENDESK_SUBDOMAIN (the unsigned `x-zendesk-*` headers choose neither).
 * It carries no comment text (`{{ticket.latest_comment.value}}`): Zendesk documents no JSON escaping of
 * placeholder values, so a customer's quote or line break could turn the body into invalid JSON, refused
 * with a 400 that feeds the webhook's circuit breaker. The knowledge search then waits for the context
 * read; event subscriptions carry the text (`detail.description`, `event.comment.body`) and search beside it.
 */
export const ZENDESK_TRIGGER_TEMPLATE = JSON.stringify(
  {
    deskmate_trigger: 1,
    event: "comment_added",
    ticket: {
      id: "{{ticket.id}}",
      status: "{{ticket.status}}",
      requester_id: "{{ticket.requester.id}}",
      organization_id: "{{ticket.organization.id}}",
      tags: "{{ticket.tags}}",
      updated_at: "{{ticket.updated_at_with_timestamp}}",
    },
    comment: {
      id: "{{ticket.latest_comment.id}}",
      author_id: "{{ticket.latest_comment.author.id}}",
      author_role: "{{ticket.latest_comment.author.role}}",
      is_public: "{{ticket.latest_comment.is_public}}",
    },
  },
  null,
  2,
);

/**
 * For a CSAT trigger ("Satisfaction is Good" or "Satisfaction is Bad", or "Satisfaction changed"): Zendesk
 * has no confirmed CSAT event for webhooks, but a trigger can post the rating. Set `rating` to the
 * literal `good` or `bad` in a trigger per verdict, or to `{{satisfaction.current_rating}}` (whose
 * text starts with "Good" or "Bad" in English). Ratings a trigger misses are filled in by the nightly
 * reconciliation from the satisfaction ratings API.
 */
export const ZENDESK_CSAT_TRIGGER_TEMPLATE = JSON.stringify(
  {
    deskmate_trigger: 1,
    event: "rating_added",
    ticket: {
      id: "{{ticket.id}}",
      status: "{{ticket.status}}",
      requester_id: "{{ticket.requester.id}}",
      organization_id: "{{ticket.organization.id}}",
      updated_at: "{{ticket.updated_at_with_timestamp}}",
    },
    satisfaction: { rating: "{{satisfaction.current_rating}}" },
  },
  null,
  2,
);

/** "good", "Good, I'm satisfied", "bad", "Bad, I'm unsatisfied" -> good | bad; anything else is refused. */
const satisfactionRating = z.string().transform((value, ctx) => {
  const lower = value.trim().toLowerCase();
  if (/^good\b/.test(lower)) return "good" as const;
  if (/^bad\b/.test(lower)) return "bad" as const;
  ctx.addIssue({
    code: "custom",
    message: 'expected "good", "bad" or {{satisfaction.current_rating}} (English text starting with Good or Bad)',
  });
  return z.NEVER;
});

const ticketStatusValues: readonly string[] = TICKET_STATUSES;

/** A translated status name (e.g. `Offen`) is not an error: the consumer re-reads the ticket anyway. */
function triggerStatus(value: string | null | undefined): string | undefined {
  const lower = (value ?? "").trim().toLowerCase();
  const status = Object.hasOwn(STATUS_ALIASES, lower) ? (STATUS_ALIASES[lower] as string) : lower;
  return ticketStatusValues.includes(status) ? status : undefined;
}

function splitTags(value: string | string[] | null | undefined): string[] {
  const tags = Array.isArray(value) ? value : (value ?? "").split(/\s+/);
  return tags.map((tag) => tag.trim()).filter((tag) => tag !== "");
}

export const zendeskTriggerPayloadSchema = z
  .looseObject({
    deskmate_trigger: z.union([z.literal(1), z.literal("1")]),
    event: caseInsensitiveEnum(["ticket_created", "comment_added", "rating_added"] as const),
    ticket: z.looseObject({
      id: zendeskId,
      status: z.string().nullish().transform(triggerStatus),
      requester_id: optionalZendeskId,
      organization_id: optionalZendeskId,
      tags: z
        .union([z.string(), z.array(z.string())])
        .nullish()
        .transform(splitTags),
      updated_at: isoTimestamp,
    }),
    comment: z
      .looseObject({
        id: zendeskId,
        author_id: zendeskId,
        /** `Admin`, `Agent` or `End user` (possibly translated). */
        author_role: z.string().nullish(),
        is_public: booleanish,
      })
      .optional(),
    satisfaction: z
      .looseObject({
        rating: satisfactionRating,
      })
      .optional(),
  })
  .superRefine((payload, ctx) => {
    if (payload.event === "comment_added" && payload.comment === undefined) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "required when event is comment_added" });
    }
    if (payload.event === "rating_added" && payload.satisfaction === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["satisfaction", "rating"],
        message: 'required when event is rating_added: "good", "bad" or {{satisfaction.current_rating}}',
      });
    }
  });

export type ZendeskTriggerPayload = z.output<typeof zendeskTriggerPayloadSchema>;
