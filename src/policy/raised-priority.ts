import type { Priority } from "../domain/ticket.ts";

const NEXT: Record<Priority, Priority> = { low: "normal", normal: "high", high: "urgent", urgent: "urgent" };

/**
 * One step up (low → normal → high → urgent), never down: a follow-up makes a late ticket more
 * visible without undoing what an agent set. A ticket without a priority counts as normal.
 */
export function raisedPriority(current: Priority | null): Priority {
  return NEXT[current ?? "normal"];
}
