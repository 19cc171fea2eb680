import { UploadStore } from "../sandbox-attachments.ts";
import type { SandboxArticle } from "./articles.ts";
import {
  apiVia,
  escapeHtml,
  htmlToPlain,
  isoSeconds,
  type SandboxComment,
  type SandboxOrganization,
  type SandboxRating,
  type SandboxTicket,
  type SandboxUser,
} from "./records.ts";

export interface SandboxInstallation {
  id: number;
  app_id: number;
  product: "support";
  settings: Record<string, unknown>;
  enabled: boolean;
  paid: boolean;
  created_at: string;
  updated_at: string;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
}

const STATUSES = ["new", "open", "pending", "hold", "solved", "closed"] as const;
const PRIORITIES = ["urgent", "high", "normal", "low"] as const;

/** The sandbox account's data and the rules Zendesk applies when it changes. */
export class SandboxState {
  readonly baseUrl: string;
  readonly now: () => Date;
  users = new Map<number, SandboxUser>();
  organizations = new Map<number, SandboxOrganization>();
  groups = new Map<number, { id: number; name: string }>();
  /** Agent id → the ids of the groups they belong to (group memberships). */
  memberships = new Map<number, number[]>();
  tickets = new Map<number, SandboxTicket>();
  comments = new Map<number, SandboxComment[]>();
  installations: SandboxInstallation[] = [];
  /** Satisfaction ratings, one per rated ticket (a new rating replaces the ticket's earlier one). */
  ratings: SandboxRating[] = [];
  /** Help Center articles (all locales). */
  articles: SandboxArticle[] = [];
  /** Files attached to comments, by download token. */
  uploads = new UploadStore();
  tokens = new Set<string>();
  nextId = 70_000;
  #lastStamp = 0;

  constructor(baseUrl: string, now: () => Date) {
    this.baseUrl = baseUrl;
    this.now = now;
  }

  /** A fresh `updated_at`: whole seconds, always later than the previous one (so stamps never repeat). */
  stamp(): string {
    const ms = Math.max(Math.floor(this.now().getTime() / 1000) * 1000, this.#lastStamp + 1000);
    this.#lastStamp = ms;
    return isoSeconds(new Date(ms));
  }

  addComment(
    ticketId: number,
    input: { authorId: number; body?: string; htmlBody?: string; public?: boolean },
  ): SandboxComment {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) throw new Error(`sandbox: no ticket ${ticketId}`);
    const html = input.htmlBody ?? `<p>${escapeHtml(input.body ?? "")}</p>`;
    const plain = input.body ?? htmlToPlain(html);
    const at = this.stamp();
    const comment: SandboxComment = {
      id: this.nextId++,
      type: "Comment",
      author_id: input.authorId,
      body: plain,
      html_body: html,
      plain_body: plain,
      public: input.public ?? true,
      audit_id: this.nextId++,
      attachments: [],
      via: apiVia(),
      metadata: { system: {}, custom: {} },
      created_at: at,
    };
    this.comments.get(ticketId)?.push(comment);
    ticket.updated_at = at;
    // A requester's reply reopens a pending or solved ticket, as in Zendesk.
    const author = this.users.get(input.authorId);
    if (author?.role === "end-user" && (ticket.status === "pending" || ticket.status === "solved"))
      ticket.status = "open";
    return comment;
  }

  /** PUT /api/v2/tickets/{id} as the API user `actorId`. */
  updateTicket(ticketId: number, input: Record<string, unknown> | undefined, actorId: number): ApiAnswer {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) return notFound();
    if (!input || typeof input !== "object") return invalid("ticket", "is required");
    const conflict = this.checkSafeUpdate(ticket, input);
    if (conflict) return conflict;
    if (ticket.status === "closed") return invalid("status", "closed prevents ticket update");
    if (input.status !== undefined && !STATUSES.includes(input.status as never))
      return invalid("status", "is not valid");
    if (input.priority !== undefined && input.priority !== null && !PRIORITIES.includes(input.priority as never)) {
      return invalid("priority", "is not valid");
    }
    if (input.group_id !== undefined && input.group_id !== null && !this.groups.has(Number(input.group_id))) {
      return invalid("group", "is invalid");
    }
    const comment = input.comment as
      | { body?: string; html_body?: string; public?: boolean; author_id?: number }
      | undefined;
    if (comment && !comment.body && !comment.html_body) return invalid("comment", "cannot be blank");

    if (input.group_id !== undefined) ticket.group_id = input.group_id === null ? null : Number(input.group_id);
    if (input.assignee_id !== undefined)
      ticket.assignee_id = input.assignee_id === null ? null : Number(input.assignee_id);
    if (input.priority !== undefined) ticket.priority = input.priority as SandboxTicket["priority"];
    if (typeof input.subject === "string") ticket.subject = ticket.raw_subject = input.subject;
    // `ticket.tags` replaces the whole list: the reason the adapter must never send it.
    if (Array.isArray(input.tags)) ticket.tags = normalizeTags(input.tags);
    // `additional_tags` / `remove_tags` change only the tags they name, as the tag endpoints do.
    if (Array.isArray(input.additional_tags))
      ticket.tags = [...new Set([...ticket.tags, ...normalizeTags(input.additional_tags)])];
    if (Array.isArray(input.remove_tags)) {
      const removed = normalizeTags(input.remove_tags);
      ticket.tags = ticket.tags.filter((t) => !removed.includes(t));
    }
    if (comment) {
      this.addComment(ticketId, {
        authorId: Number(comment.author_id ?? actorId),
        ...(comment.body !== undefined ? { body: comment.body } : {}),
        ...(comment.html_body !== undefined ? { htmlBody: comment.html_body } : {}),
        public: comment.public ?? true,
      });
    }
    if (input.status !== undefined) ticket.status = input.status as SandboxTicket["status"];
    else if (ticket.status === "new") ticket.status = "open"; // an agent's update takes a ticket out of New
    ticket.updated_at = this.stamp();
    const audit = {
      id: this.nextId++,
      ticket_id: ticketId,
      created_at: ticket.updated_at,
      author_id: actorId,
      events: [],
    };
    return { status: 200, body: { ticket: structuredClone(ticket), audit } };
  }

  /** PUT (add), DELETE (remove) or POST (replace) /api/v2/tickets/{id}/tags. */
  changeTags(ticketId: number, mode: "add" | "remove" | "set", input: unknown): ApiAnswer {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) return notFound();
    const body = (input ?? {}) as Record<string, unknown>;
    if (!Array.isArray(body.tags) || !body.tags.every((t) => typeof t === "string"))
      return invalid("tags", "must be an array of strings");
    const conflict = this.checkSafeUpdate(ticket, body);
    if (conflict) return conflict;
    const tags = normalizeTags(body.tags);
    if (mode === "set") ticket.tags = tags;
    else if (mode === "add") ticket.tags = [...new Set([...ticket.tags, ...tags])];
    else ticket.tags = ticket.tags.filter((t) => !tags.includes(t));
    ticket.updated_at = this.stamp();
    return { status: mode === "set" ? 201 : 200, body: { tags: [...ticket.tags] } };
  }

  /** Safe updates: 409 when `updated_stamp` is not the ticket's current `updated_at`. */
  private checkSafeUpdate(ticket: SandboxTicket, input: Record<string, unknown>): ApiAnswer | null {
    if (input.safe_update !== true && input.safe_update !== "true") return null;
    if (typeof input.updated_stamp !== "string")
      return invalid("updated_stamp", "is required when safe_update is true");
    if (Date.parse(input.updated_stamp) === Date.parse(ticket.updated_at)) return null;
    return {
      status: 409,
      body: {
        error: "UpdateConflict",
        description:
          "Safe Update prevented the update due to outdated ticket data. Please " +
          "fetch the latest ticket data and try again.",
      },
    };
  }
}

export function notFound(): ApiAnswer {
  return { status: 404, body: { error: "RecordNotFound", description: "Not found" } };
}

function invalid(field: string, problem: string): ApiAnswer {
  return {
    status: 422,
    body: {
      error: "RecordInvalid",
      description: "Record validation errors",
      details: { [field]: [{ description: `${field} ${problem}` }] },
    },
  };
}

/** Zendesk stores tags lower case, and a tag with spaces becomes several tags. */
function normalizeTags(tags: unknown[]): string[] {
  return [...new Set(tags.flatMap((t) => String(t).toLowerCase().split(/\s+/)).filter(Boolean))];
}
