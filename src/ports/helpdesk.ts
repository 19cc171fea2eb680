import type { Handoff } from "../domain/handoff.ts";
import type { Platform } from "../domain/support-event.ts";
import type { AssistantIdentity, CommentAttachment, TicketContext } from "../domain/ticket.ts";
import type { AttachmentFetch, AttachmentLimits } from "../domain/attachment.ts";
import type { TicketWrites } from "../domain/plan.ts";
import type { HelpdeskRating, TicketLifecycle } from "../domain/ticket-lifecycle.ts";
import type { WeeklyRange } from "../lib/parse-weekly-hours.ts";
import type { AgentProfile, SolvedTicket } from "../domain/routing.ts";

export interface ApplyResult {
  /** Helpdesk write requests made (ticket updates + tag calls). */
  writes: number;
  /** How many safe updates hit a conflict and were re-read and retried. */
  conflictsRetried: number;
  /** The ticket's version after the last update, when the helpdesk returned it: the next apply's stamp. */
  updatedStamp?: string;
}

/**
 * An earlier attempt of these same writes started at `resumeSince` and its outcome is unknown (the
 * worker stopped, or the store failed, between sending a write and recording it). Comments the
 * assistant already posted since then are not posted again; everything else is idempotent.
 */
export interface ApplyOptions {
  resumeSince?: string;
  /**
   * The ticket's version as last read (the context read, or the previous apply's answer). Zendesk sends it
   * as `updated_stamp` instead of reading the ticket again; a stale one costs a 409 and one re-read.
   */
  updatedStamp?: string;
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
  /** Status, solve time, rating and public comments (ids, authors, times) for the nightly reconciliation. */
  ticketLifecycle(ticketId: string): Promise<TicketLifecycle>;
  /**
   * Satisfaction ratings given in [from, to) (ISO-8601), at most `maxPages` pages. Helpdesks without a
   * rating list (Intercom: the rating is read per conversation) answer none.
   */
  ratingsBetween(from: string, to: string, maxPages: number): Promise<HelpdeskRating[]>;
  /**
   * The plain text of one public comment (one read: the newest comments, or the conversation), or
   * null when it is not among them or not public. Read only to score a shadow or draft decision
   * against the human's reply; the caller masks it before keeping anything.
   */
  publicCommentText(ticketId: string, commentId: string): Promise<string | null>;
  /**
   * The helpdesk's own business hours (Intercom office hours), or why there are none to read. Read for
   * the wait told to the customer; the caller caches it.
   */
  businessHours(): Promise<HelpdeskBusinessHours>;
  /**
   * One attachment of a comment this adapter listed, downloaded for the model: only from the helpdesk's
   * own attachment hosts (redirects included, credentials only where that host needs them), image types
   * only (declared and by magic bytes), at most `limits.maxBytes` read. Never throws: a refusal says why.
   */
  fetchAttachment(attachment: CommentAttachment, limits: AttachmentLimits): Promise<AttachmentFetch>;
  /**
   * False when the helpdesk's API cannot set a ticket's priority (Intercom 2.16): a note must then not
   * claim a priority change. Absent: it can.
   */
  readonly writesPriority?: boolean;
  /**
   * The requester's most recent solved or closed ticket other than `exceptTicketId`, or null when
   * there is none. One search; read by escalation routing (continuity).
   */
  lastSolvedTicket(requesterId: string, exceptTicketId: string): Promise<SolvedTicket | null>;
  /** One agent's name, groups (Intercom: teams) and away status; throws when the agent cannot be read. */
  agentProfile(agentId: string): Promise<AgentProfile>;
  /** How many tickets assigned to the agent carry `escalatedTag` and are not solved (one count query). */
  openEscalationCount(agentId: string, escalatedTag: string): Promise<number>;
  /** A group's (Intercom: team's) name, or null when the helpdesk does not know the group. */
  groupName(groupId: string): Promise<string | null>;
}

/** A helpdesk's weekly schedule: ranges from Monday 00:00 in its IANA zone, and its closed days. */
export type HelpdeskBusinessHours =
  | { status: "found"; name: string; timeZone: string; ranges: WeeklyRange[]; holidays: string[] }
  | { status: "unavailable"; reason: string };
