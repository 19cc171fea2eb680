const HOUR_MS = 60 * 60 * 1000;

/**
 * The assistant has handled the ticket for longer than `maxOpenHours` without a resolution: a person
 * should take it (reason `stale_ticket`). `handlingSince` null (nobody decided yet) or unreadable, and
 * `maxOpenHours` 0 (the rule is off), are never stale.
 */
export function isStaleTicket(handlingSince: string | null, now: Date, maxOpenHours: number): boolean {
  if (handlingSince === null || maxOpenHours <= 0) return false;
  const since = Date.parse(handlingSince);
  if (Number.isNaN(since)) return false;
  return now.getTime() - since > maxOpenHours * HOUR_MS;
}
