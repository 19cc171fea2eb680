import { UploadStore } from "../sandbox-attachments.ts";
import {
  paragraphs,
  type SandboxAdmin,
  type SandboxCompany,
  type SandboxContact,
  type SandboxConversation,
  type SandboxIntercomArticle,
  type SandboxPart,
  type SandboxTag,
  type SandboxTeam,
} from "./records.ts";

export interface ApiAnswer {
  status: number;
  body: unknown;
}

/** A write that succeeded: the handler answers with the conversation, as Intercom does. */
export interface ConversationAnswer {
  status: 200;
  conversationId: string;
}

/** Intercom's error shape (schemas/error in the spec). */
export function errorList(status: number, code: string, message: string): ApiAnswer {
  return { status, body: { type: "error.list", request_id: crypto.randomUUID(), errors: [{ code, message }] } };
}

export const notFound = (what = "Resource Not Found"): ApiAnswer => errorList(404, "not_found", what);

/** The sandbox workspace's data and the rules Intercom applies when it changes. */
export class IntercomSandboxState {
  readonly now: () => Date;
  readonly appIdCode: string;
  admins = new Map<string, SandboxAdmin>();
  teams = new Map<string, SandboxTeam>();
  /** Office hours schedules as the API renders them (2.16), and each one's exceptions; none by default. */
  officeHours: Array<Record<string, unknown>> = [];
  officeHoursExceptions = new Map<string, Array<Record<string, unknown>>>();
  tags = new Map<string, SandboxTag>();
  companies = new Map<string, SandboxCompany>();
  contacts = new Map<string, SandboxContact>();
  conversations = new Map<string, SandboxConversation>();
  articles: SandboxIntercomArticle[] = [];
  /** Files attached to parts, by download token. */
  uploads = new UploadStore();
  nextId = 80_000;

  constructor(now: () => Date, appIdCode: string) {
    this.now = now;
    this.appIdCode = appIdCode;
  }

  nowS(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  id(): string {
    return String(this.nextId++);
  }

  /**
   * A part written by anyone; a contact's message reopens a closed or snoozed conversation (PLATFORM.md).
   * Intercom records that reply as an `open` part carrying the body (specs/intercom-api-2.16.yaml example).
   */
  addPart(conversationId: string, input: Omit<SandboxPart, "id" | "createdAt"> & { createdAt?: number }): SandboxPart {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new Error(`sandbox: no conversation ${conversationId}`);
    const part: SandboxPart = { id: this.id(), createdAt: input.createdAt ?? this.nowS(), ...input };
    conversation.parts.push(part);
    conversation.updatedAt = Math.max(conversation.updatedAt, part.createdAt);
    const fromContact = part.author.type === "user" || part.author.type === "lead";
    if (fromContact && (part.partType === "comment" || part.partType === "open") && conversation.state !== "open") {
      conversation.state = "open";
      conversation.snoozedUntil = null;
    }
    return part;
  }

  /** POST /conversations/{id}/reply, admin replies only (contact replies are not used by Deskmate). */
  reply(conversationId: string, input: unknown): ApiAnswer | ConversationAnswer {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return notFound("Conversation Not Found");
    const body = (input ?? {}) as Record<string, unknown>;
    if (body.type !== "admin")
      return errorList(400, "parameter_invalid", "Only admin replies are supported by the sandbox");
    if (body.message_type !== "comment" && body.message_type !== "note")
      return errorList(400, "parameter_invalid", "message_type is invalid");
    const admin = this.admin(body.admin_id);
    if (!admin) return errorList(400, "parameter_not_found", "admin_id not found");
    if (typeof body.body !== "string" || body.body.trim() === "")
      return errorList(400, "parameter_not_found", "Body is required");
    // Notes are HTML (as sent); a comment's plain text becomes paragraphs, as the composer stores it.
    const bodyHtml = body.message_type === "note" ? body.body : paragraphs(body.body);
    this.addPart(conversationId, {
      partType: body.message_type,
      bodyHtml,
      author: { type: "admin", id: admin.id },
      assignedTo: null,
      viaApi: true,
    });
    return { status: 200, conversationId };
  }

  /** POST /conversations/{id}/parts: close, open, snoozed, assignment (to an admin or a team; "0" unassigns). */
  manage(conversationId: string, input: unknown): ApiAnswer | ConversationAnswer {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return notFound("Conversation Not Found");
    const body = (input ?? {}) as Record<string, unknown>;
    const admin = this.admin(body.admin_id);
    if (!admin) return errorList(400, "parameter_not_found", "admin_id not found");
    const author = { type: "admin" as const, id: admin.id };
    const message = typeof body.body === "string" && body.body.trim() ? paragraphs(body.body) : null;
    switch (body.message_type) {
      case "close":
        if (body.type !== "admin") return errorList(400, "parameter_invalid", "type must be admin");
        conversation.state = "closed";
        conversation.snoozedUntil = null;
        conversation.lastCloseAt = this.nowS();
        this.addPart(conversationId, { partType: "close", bodyHtml: message, author, assignedTo: null, viaApi: true });
        break;
      case "open":
        conversation.state = "open";
        conversation.snoozedUntil = null;
        this.addPart(conversationId, { partType: "open", bodyHtml: null, author, assignedTo: null, viaApi: true });
        break;
      case "snoozed":
        if (typeof body.snoozed_until !== "number" || body.snoozed_until <= this.nowS()) {
          return errorList(400, "parameter_invalid", "snoozed_until must be a future unix timestamp");
        }
        conversation.state = "snoozed";
        conversation.snoozedUntil = body.snoozed_until;
        this.addPart(conversationId, { partType: "snoozed", bodyHtml: null, author, assignedTo: null, viaApi: true });
        break;
      case "assignment": {
        const assignee =
          typeof body.assignee_id === "string" || typeof body.assignee_id === "number" ? String(body.assignee_id) : "";
        if (body.type !== "admin" && body.type !== "team")
          return errorList(400, "parameter_invalid", "type must be admin or team");
        const unassign = assignee === "0";
        if (!unassign && !(body.type === "team" ? this.teams.has(assignee) : this.admins.has(assignee))) {
          return errorList(400, "parameter_invalid", `${body.type === "team" ? "Team" : "Admin"} not found`);
        }
        if (body.type === "team") conversation.teamAssigneeId = unassign ? null : assignee;
        else conversation.adminAssigneeId = unassign ? null : assignee;
        const assignedTo = unassign
          ? { type: "nobody_admin" as const, id: "0" }
          : { type: body.type as "admin" | "team", id: assignee };
        this.addPart(conversationId, { partType: "assignment", bodyHtml: message, author, assignedTo, viaApi: true });
        break;
      }
      default:
        return errorList(400, "parameter_invalid", "message_type is invalid");
    }
    return { status: 200, conversationId };
  }

  /** POST /tags {name}: returns the tag of that name (case-insensitive), creating it when new. */
  createTag(input: unknown): ApiAnswer {
    const name = (input as { name?: unknown } | null)?.name;
    if (typeof name !== "string" || name.trim() === "") return errorList(400, "parameter_invalid", "name is required");
    const existing = [...this.tags.values()].find((t) => t.name.toLowerCase() === name.trim().toLowerCase());
    const tag = existing ?? { id: this.id(), name: name.trim() };
    this.tags.set(tag.id, tag);
    return { status: 200, body: { type: "tag", id: tag.id, name: tag.name } };
  }

  /** POST /conversations/{id}/tags {id, admin_id}. */
  tagConversation(conversationId: string, input: unknown): ApiAnswer {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return notFound("Conversation Not Found");
    const body = (input ?? {}) as Record<string, unknown>;
    const admin = this.admin(body.admin_id);
    if (!admin) return errorList(400, "parameter_not_found", "admin_id not found");
    const tag = this.tags.get(String(body.id ?? ""));
    if (!tag) return errorList(404, "tag_not_found", "Tag not found");
    if (!conversation.tags.some((t) => t.id === tag.id)) {
      conversation.tags.push({ id: tag.id, appliedAt: this.nowS(), appliedBy: { type: "admin", id: admin.id } });
      conversation.updatedAt = this.nowS();
    }
    return { status: 200, body: { type: "tag", id: tag.id, name: tag.name } };
  }

  /** DELETE /conversations/{id}/tags/{tag_id} {admin_id}: 404 when the conversation does not have the tag. */
  untagConversation(conversationId: string, tagId: string, input: unknown): ApiAnswer {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return notFound("Conversation Not Found");
    if (!this.admin((input as { admin_id?: unknown } | null)?.admin_id))
      return errorList(400, "parameter_not_found", "admin_id not found");
    const tag = this.tags.get(tagId);
    if (!tag || !conversation.tags.some((t) => t.id === tagId)) return errorList(404, "tag_not_found", "Tag not found");
    conversation.tags = conversation.tags.filter((t) => t.id !== tagId);
    conversation.updatedAt = this.nowS();
    return { status: 200, body: { type: "tag", id: tag.id, name: tag.name } };
  }

  private admin(id: unknown): SandboxAdmin | undefined {
    return typeof id === "string" || typeof id === "number" ? this.admins.get(String(id)) : undefined;
  }
}
