import type { TicketContext } from "../domain/ticket.ts";

const DAY_MS = 86_400_000;

/**
 * Tickets the requester opened within the last `days`, counting the current one; null when the
 * recent-tickets piece could not be loaded (then repeat_contact must not fire on a guess).
 */
export function countRecentContacts(context: TicketContext, days: number, now: Date): number | null {
  if (context.recentTickets.status !== "present") return null;
  const since = now.getTime() - days * DAY_MS;
  const others = context.recentTickets.value.filter((ticket) => {
    const created = Date.parse(ticket.createdAt);
    return ticket.id !== context.ticket.id && Number.isFinite(created) && created >= since;
  });
  return others.length + 1;
}
