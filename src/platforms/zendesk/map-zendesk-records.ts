import { HelpdeskError } from "../../lib/errors.ts";
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
import type { ZdAttachment, ZdComment, ZdOrganization, ZdTicket, ZdUser } from "./zendesk-records.ts";

const STATUSES: readonly TicketStatus[] = ["new", "open", "pending", "hold", "solved", "closed"];
const PRIORITIES: readonly Priority[] = ["low", "normal", "high", "urgent"];

/** Ids become strings and enums lower case (webhooks have shown both `OPEN` and `Open`). */
export function mapTicket(raw: ZdTicket): Ticket {
  const status = raw.status?.toLowerCase() as TicketStatus | undefined;
  // Custom ticket statuses still report one of the six categories here; anything else is not a ticket we understand.
  if (!status || !STATUSES.includes(status)) {
    throw new HelpdeskError("show_ticket", 502, `ticket ${raw.id} has an unexpected status`);
  }
  const priority = raw.priority?.toLowerCase() as Priority | undefined;
  return {
    id: String(raw.id),
    subject: raw.subject ?? raw.raw_subject ?? "",
    status,
    priority: priority && PRIORITIES.includes(priority) ? priority : null,
    tags: raw.tags ?? [],
    groupId: idOrNull(raw.group_id),
    assigneeId: idOrNull(raw.assignee_id),
    requesterId: String(raw.requester_id),
    organizationId: idOrNull(raw.organization_id),
    channel: raw.via?.channel ?? null,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
  };
}

export function mapComment(raw: ZdComment, roles: ReadonlyMap<number, AuthorRole>): Comment {
  return {
    id: String(raw.id),
    authorId: String(raw.author_id),
    authorRole: roles.get(raw.author_id) ?? "unknown",
    isPublic: raw.public,
    body: raw.plain_body ?? raw.body ?? "",
    createdAt: raw.created_at,
    ...(raw.attachments?.length ? { attachments: raw.attachments.flatMap(mapAttachment) } : {}),
  };
}

/** A deleted file, or one Zendesk's scan found malware in, is not listed at all: there is nothing to read. */
function mapAttachment(raw: ZdAttachment): CommentAttachment[] {
  if (raw.deleted || raw.malware_scan_result === "malware_found" || !raw.content_url) return [];
  return [
    {
      id: String(raw.id),
      name: raw.file_name ?? `attachment-${raw.id}`,
      contentType: (raw.content_type ?? "").toLowerCase(),
      bytes: typeof raw.size === "number" ? raw.size : null,
      url: raw.content_url,
    },
  ];
}

export function mapRole(role: string | null | undefined): AuthorRole {
  const value = role?.toLowerCase();
  return value === "end-user" || value === "agent" || value === "admin" ? value : "unknown";
}

export function mapRequester(raw: ZdUser): Requester {
  return {
    id: String(raw.id),
    name: raw.name ?? "",
    email: raw.email ?? null,
    verified: raw.verified === true,
    externalId: raw.external_id ?? null,
    locale: raw.locale ? raw.locale.toLowerCase() : null,
    timeZone: raw.iana_time_zone ?? null,
    role: mapRole(raw.role),
    tags: raw.tags ?? [],
    fields: raw.user_fields ?? {},
    createdAt: raw.created_at ?? null,
  };
}

export function mapOrganization(raw: ZdOrganization): Organization {
  return {
    id: String(raw.id),
    name: raw.name ?? "",
    tags: raw.tags ?? [],
    fields: raw.organization_fields ?? {},
  };
}

export function mapTicketSummary(raw: ZdTicket): TicketSummary {
  return {
    id: String(raw.id),
    subject: raw.subject ?? raw.raw_subject ?? "",
    status: raw.status?.toLowerCase() ?? "",
    createdAt: raw.created_at,
  };
}

function idOrNull(id: number | null | undefined): string | null {
  return id === null || id === undefined ? null : String(id);
}
