/** The helpdesk's ticket (Zendesk ticket, Intercom conversation) as the assistant sees it. */
export type Priority = "low" | "normal" | "high" | "urgent";

export type TicketStatus = "new" | "open" | "pending" | "hold" | "solved" | "closed";

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
  /** Files on the comment as the helpdesk lists them (read with the comments; never fetched to list them). */
  attachments?: CommentAttachment[];
}

/** One file on a comment: Zendesk comment attachments, Intercom part attachments. */
export interface CommentAttachment {
  /** The helpdesk's id (Intercom parts have none: `<part id>:<index>`). */
  id: string;
  name: string;
  /** As the helpdesk declares it (lower case); the bytes are checked again before use. */
  contentType: string;
  /** Size in bytes as the helpdesk reports it; null when it does not say. */
  bytes: number | null;
  /** Where the helpdesk serves it. May carry a signature: never logged. */
  url: string;
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
  /** The person's IANA time zone when the helpdesk knows it (Zendesk `iana_time_zone`); Intercom has none. */
  timeZone?: string | null;
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
  /** Helpdesk read requests this load made (pages and retried pieces included), for the outcome ledger. */
  reads?: number;
}

export interface AssistantIdentity {
  id: string;
  name: string;
}
