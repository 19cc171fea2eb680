import { HelpdeskError } from "../../lib/errors.ts";
import { htmlToText } from "../../lib/html-to-text.ts";
import type { Priority, TicketStatus } from "../../domain/ticket.ts";
import type {
  AuthorRole,
  Comment,
  CommentAttachment,
  Organization,
  Requester,
  Ticket,
  TicketSummary,
} from "../../domain/ticket.ts";
import { assigneeId } from "./intercom-id.ts";
import type {
  IcAttachment,
  IcAuthor,
  IcCompany,
  IcContact,
  IcConversation,
  IcPart,
  IcTag,
} from "./intercom-records.ts";

/**
 * Intercom has no "pending" and no final "closed": a customer reply reopens a closed conversation
 * (PLATFORM.md), so closed maps to "solved". Snoozed (waiting until a time) is the nearest to "hold".
 */
const STATUS: Record<string, TicketStatus> = { open: "open", snoozed: "hold", closed: "solved" };

/**
 * 2.16 reads priority as none | low | medium | high | urgent; earlier versions as priority |
 * not_priority. Both are accepted so a workspace on an older INTERCOM_VERSION still maps.
 */
const PRIORITY: Record<string, Priority | null> = {
  none: null,
  low: "low",
  medium: "normal",
  high: "high",
  urgent: "urgent",
  priority: "high",
  not_priority: "normal",
};

/**
 * Notes (`note`, and any `note_*` variant) are internal; every other part that carries a message is
 * public. Real conversations carry messages outside `comment` parts: a teammate's "reply and assign"
 * is an `assignment` part with a body, a customer's reply to a closed conversation an `open` part,
 * "reply and close" a `close` part. Parts without a message (attribute updates, plain assignments)
 * are events, not comments.
 */
const INTERNAL_PART = /^note(?:_|$)/;

export function mapConversation(raw: IcConversation, organizationId: string | null): Ticket {
  const status = STATUS[raw.state?.toLowerCase() ?? ""];
  if (!status) throw new HelpdeskError("show_conversation", 502, `conversation ${raw.id} has an unexpected state`);
  return {
    id: String(raw.id),
    subject: text(raw.title ?? raw.source?.subject ?? ""),
    status,
    priority: PRIORITY[raw.priority?.toLowerCase() ?? "none"] ?? null,
    tags: tagNames(raw.tags?.tags),
    groupId: assigneeId(raw.team_assignee_id),
    assigneeId: assigneeId(raw.admin_assignee_id),
    requesterId: requesterIdOf(raw) ?? "",
    organizationId,
    channel: raw.source?.type ?? null,
    createdAt: unixToIso(raw.created_at),
    updatedAt: unixToIso(raw.updated_at),
  };
}

/** The contact who started the conversation when it is one of its contacts, else the first contact. */
export function requesterIdOf(raw: IcConversation): string | null {
  const contacts = raw.contacts?.contacts ?? [];
  const author = raw.source?.author;
  const starter =
    author && authorRole(author) === "end-user" ? contacts.find((c) => c.id === String(author.id)) : undefined;
  return (starter ?? contacts[0])?.id ?? null;
}

/**
 * The source (first message) followed by every part that carries a message, with its author, oldest
 * first. `comment` and `note` parts are kept even when empty (an attachment-only message is still a
 * message); other part types only when their body has text.
 */
export function mapComments(raw: IcConversation): Comment[] {
  const comments: Comment[] = [];
  const source = raw.source;
  if (source?.body || source?.attachments?.length) {
    const id = String(source.id ?? `${raw.id}-source`);
    const attachments = mapAttachments(id, source.attachments);
    comments.push({
      id,
      authorId: String(source.author?.id ?? ""),
      authorRole: authorRole(source.author),
      isPublic: true,
      body: text(source.body ?? ""),
      createdAt: unixToIso(raw.created_at),
      ...(attachments.length ? { attachments } : {}),
    });
  }
  const parts = [...(raw.conversation_parts?.conversation_parts ?? [])].sort((a, b) => a.created_at - b.created_at);
  for (const part of parts) {
    const type = part.part_type ?? "";
    const body = text(part.body ?? "");
    if (body === "" && type !== "comment" && type !== "note") continue;
    comments.push(mapPart(part, { isPublic: !INTERNAL_PART.test(type), body }));
  }
  return comments;
}

function mapPart(part: IcPart, { isPublic, body }: { isPublic: boolean; body: string }): Comment {
  const attachments = mapAttachments(String(part.id), part.attachments);
  return {
    id: String(part.id),
    authorId: String(part.author?.id ?? ""),
    authorRole: authorRole(part.author),
    isPublic,
    body,
    createdAt: unixToIso(part.created_at),
    ...(attachments.length ? { attachments } : {}),
  };
}

/** part_attachment has no id: `<part id>:<index>` names it within the conversation. */
function mapAttachments(partId: string, raw: IcAttachment[] | null | undefined): CommentAttachment[] {
  return (raw ?? []).flatMap((a, index) =>
    a.url
      ? [
          {
            id: `${partId}:${index}`,
            name: a.name || `attachment-${index + 1}`,
            contentType: (a.content_type ?? "").toLowerCase(),
            bytes: typeof a.filesize === "number" ? a.filesize : null,
            url: a.url,
          },
        ]
      : [],
  );
}

/**
 * Contacts (user, lead) are end users and admins are agents. Bots (Fin, workflows) and teams
 * speaking through automation are "unknown": their replies must not count as a human taking over.
 * Fin can also appear as an admin part flagged `from_ai_agent`.
 */
export function authorRole(author: IcAuthor | null | undefined): AuthorRole {
  const type = author?.type?.toLowerCase();
  if (type === "user" || type === "lead" || type === "contact") return "end-user";
  if (type === "admin") return author?.from_ai_agent === true || author?.is_ai_answer === true ? "unknown" : "agent";
  return "unknown";
}

/**
 * Intercom has no verified flag on contacts. A contact counts as verified only when a boolean custom
 * attribute (default `verified`) says so, set by the workspace from its own sign-in. Leads (anonymous
 * visitors) never do; an email or external_id alone proves nothing, as anyone can type them in.
 */
export function mapRequester(raw: IcContact, tags: IcTag[], verifiedAttribute: string): Requester {
  const fields = raw.custom_attributes ?? {};
  return {
    id: raw.id,
    name: raw.name ?? "",
    email: raw.email || null,
    verified: raw.role !== "lead" && fields[verifiedAttribute] === true,
    externalId: raw.external_id ?? null,
    role: "end-user",
    tags: tagNames(tags),
    fields,
    createdAt: raw.signed_up_at ? unixToIso(raw.signed_up_at) : raw.created_at ? unixToIso(raw.created_at) : null,
    // The contact's own language choice is the requester's locale; the browser's language is not a choice.
    ...(raw.language_override?.trim() ? { locale: raw.language_override.trim().toLowerCase() } : {}),
  };
}

export function mapOrganization(raw: IcCompany): Organization {
  const plan = raw.plan?.name;
  return {
    id: String(raw.id),
    name: raw.name ?? "",
    tags: tagNames(raw.tags?.tags),
    fields: { ...(raw.custom_attributes ?? {}), ...(plan ? { plan } : {}) },
  };
}

export function mapConversationSummary(raw: IcConversation): TicketSummary {
  return {
    id: String(raw.id),
    subject: text(raw.title ?? raw.source?.subject ?? ""),
    status: STATUS[raw.state?.toLowerCase() ?? ""] ?? raw.state ?? "",
    createdAt: unixToIso(raw.created_at),
  };
}

export function unixToIso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

function tagNames(tags: IcTag[] | null | undefined): string[] {
  return (tags ?? []).flatMap((t) => (t.name ? [t.name] : []));
}

/**
 * Bodies are requested as plain text (display_as=plaintext). Should HTML still arrive (an older
 * API version, or a proxy that drops the parameter), it is converted; plain text is left alone so
 * a customer's "<" or "&amp;" stays as typed.
 */
function text(body: string): string {
  return /<(p|br|div|span|a|b|i|strong|em|ul|ol|li|h[1-6])\b[^>]*>/i.test(body) ? htmlToText(body) : body.trim();
}
