import type { Handoff } from "../handoff/handoff.ts";
import type { Platform } from "../pipeline/support-event.ts";
import type { Priority, TicketStatus, TicketWrites } from "../pipeline/plan.ts";

/** A piece of context that may be absent. Missing pieces say why; nothing is invented. */
export type Piece<T> =
  | { status: "present"; value: T }
  | { status: "missing"; reason: "not_set" | "not_found" | "forbidden" | "error"; detail?: string };

export type AuthorRole = "end-user" | "agent" | "admin" | "unknown";

export interface Ticket {
  id: string;
  subject: string;
  status: TicketStatus;
  priority: Priority | null;
  tags: string[];
  groupId: string | null;
  assigneeId: string | null;
  /**
   * The helpdesk treats the assignee as the owner of the conversation (Intercom: assigned to a
   * teammate other than the assistant). Zendesk leaves this unset: its tickets are often assigned by
   * routing before anyone replies, so there a public agent reply marks ownership instead.
   */
  assignedToHuman?: boolean;
  requesterId: string;
  organizationId: string | null;
  channel: string | null;
  createdAt: string;
  /** Used as `updated_stamp` for safe updates. */
  updatedAt: string;
}

export interface Comment {
  id: string;
  authorId: string;
  authorRole: AuthorRole;
  isPublic: boolean;
  /** Plain text of the comment. Never logged. */
  body: string;
  createdAt: string;
}

export interface Requester {
  id: string;
  name: string;
  email: string | null;
  verified: boolean;
  /** The company's own customer id for this person (Zendesk/Intercom `external_id`); used by support actions. */
  externalId?: string | null;
  /** The person's language/locale as the helpdesk knows it (lower case, e.g. "de", "en-us"). */
  locale?: string | null;
  role: AuthorRole;
  tags: string[];
  fields: Record<string, unknown>;
  createdAt: string | null;
}

export interface Organization {
  id: string;
  name: string;
  tags: string[];
  fields: Record<string, unknown>;
}

export interface TicketSummary {
  id: string;
  subject: string;
  status: string;
  createdAt: string;
}

export interface TicketContext {
  ticket: Ticket;
  /** All comments, oldest first; internal notes are marked `isPublic: false`. */
  comments: Comment[];
  requester: Piece<Requester>;
  organization: Piece<Organization>;
  /** The requester's other tickets created in the last 30 days (this ticket excluded). */
  recentTickets: Piece<TicketSummary[]>;
  /** Names of the pieces that are missing, for logs and handoff notes. */
  missing: string[];
}

export interface AssistantIdentity {
  id: string;
  name: string;
}

export interface ApplyResult {
  /** Helpdesk write requests made (ticket updates + tag calls). */
  writes: number;
  /** How many safe updates hit a conflict and were re-read and retried. */
  conflictsRetried: number;
}

/**
 * An earlier attempt of these same writes started at `resumeSince` and its outcome is unknown (the
 * worker stopped, or the store failed, between sending a write and recording it). Comments the
 * assistant already posted since then are not posted again; everything else is idempotent.
 */
export interface ApplyOptions {
  resumeSince?: string;
}

/** The helpdesk port. Adapters hide platform quirks (safe updates, tag endpoints, ids). */
export interface Helpdesk {
  readonly platform: Platform;
  /** The assistant's own user in the helpdesk; cached by the adapter. */
  whoAmI(): Promise<AssistantIdentity>;
  /** Link an agent can open (used in handoff notes). */
  ticketUrl(ticketId: string): string;
  /** The handoff as an internal note in the markup this helpdesk renders. */
  renderHandoffNote(handoff: Handoff): string;
  getTicketContext(ticketId: string, hints?: { requesterId?: string; organizationId?: string }): Promise<TicketContext>;
  /** Carry out the writes, combining what the platform allows into as few requests as it can. */
  apply(ticketId: string, writes: TicketWrites, options?: ApplyOptions): Promise<ApplyResult>;
}

export function noWrites(): TicketWrites {
  return { addTags: [], removeTags: [] };
}
