import type { Platform } from "../domain/support-event.ts";

/**
 * One account's tickets with a decision in [from, to) (ISO-8601 instants) that look open in the
 * ledger: no `solved` or `human_public_reply` event after their latest decision. Newest latest
 * decision first; `limit` 1..1000.
 */
export interface OpenTicketsQuery {
  platform: Platform;
  account: string;
  from: string;
  to: string;
  limit: number;
}

export interface OpenTicket {
  ticketId: string;
  /** ISO-8601: the ticket's first decision other than a skip in the range; its latest decision. */
  firstDecidedAt: string;
  lastDecidedAt: string;
  /** ISO-8601: its latest escalation in the range; null when none. */
  lastEscalatedAt: string | null;
  /** The category of its latest decision other than a skip; null when it had none. */
  category: string | null;
}

/** The follow-up check's part of the outcome ledger (src/nightly/run-follow-ups.ts). */
export interface OpenTicketsLedger {
  openTickets(query: OpenTicketsQuery): Promise<OpenTicket[]>;
}
