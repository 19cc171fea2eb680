/**
 * What the nightly reconciliation reads back from the helpdesk about one ticket: enough to tell
 * whether it was solved, reopened, rated, or written to after a decision. Ids, times and flags only,
 * never comment bodies.
 */
export interface TicketLifecycle {
  ticketId: string;
  requesterId: string | null;
  /** Zendesk solved/closed and Intercom closed are `solved`; every other status is `open`. */
  status: "open" | "solved";
  /**
   * ISO-8601: when the ticket was last solved when the helpdesk says (Intercom `last_close_at`),
   * else its last update (Zendesk has no solve time on the ticket).
   */
  solvedAt: string | null;
  updatedAt: string;
  rating: { score: "good" | "bad"; at: string } | null;
  /** Public comments, oldest first. */
  publicComments: LifecycleComment[];
}

export interface LifecycleComment {
  id: string;
  /**
   * `customer`: the requester; `human`: a staff member other than the assistant; `assistant`: the
   * assistant's own user; `other`: bots, automations, CCs.
   */
  author: "customer" | "human" | "assistant" | "other";
  at: string;
  /** A customer comment that only confirms it worked or thanks (the pipeline's own confirmation detector). */
  confirms?: boolean;
}

/**
 * A satisfaction rating listed by the helpdesk (Zendesk's rating list), for tickets the assistant never
 * touched too.
 */
export interface HelpdeskRating {
  ticketId: string;
  requesterId: string | null;
  score: "good" | "bad";
  at: string;
}
