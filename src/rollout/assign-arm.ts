import type { Arm } from "../domain/ticket-state.ts";

export type { Arm };

/** Buckets per percent: a percentage is placed to two decimals of a ticket's bucket. */
const BUCKETS = 10_000;

/**
 * The arm of a new ticket: `control` when the salted hash of its id falls below `controlPercent`,
 * `assistant` otherwise. Deterministic, so the same ticket, salt and percentage always give the same
 * arm; a different salt reshuffles which tickets are control (a fresh experiment). The pipeline fixes
 * the arm at the ticket's first decision, so a later change of the percentage moves only new tickets.
 */
export function assignArm(ticketId: string, salt: string, controlPercent: number): Arm {
  if (controlPercent <= 0) return "assistant";
  if (controlPercent >= 100) return "control";
  return armBucket(ticketId, salt) < controlPercent * (BUCKETS / 100) ? "control" : "assistant";
}

/** The ticket's bucket in [0, 10000): FNV-1a over salt and id, then murmur3's finaliser to spread similar ids. */
export function armBucket(ticketId: string, salt: string): number {
  const text = `${salt}\u0000${ticketId}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // Sequential ticket ids differ in their last characters only; FNV alone leaves that in the low bits.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) % BUCKETS;
}
