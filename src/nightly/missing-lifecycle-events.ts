import type { LifecycleEvent, LifecycleKind } from "../domain/ledger.ts";
import type { LifecycleComment, TicketLifecycle } from "../domain/ticket-lifecycle.ts";
import type { DecidedTicket, LedgerAccount } from "../ports/ledger.ts";

/**
 * The lifecycle events the helpdesk shows and the ledger may lack, under the natural ids the webhook
 * path uses too (`comment:<id>`, `csat:<ticket>:<score>`), so an event both paths see is stored once:
 * - public comments after the ticket's first decision: the requester's as `customer_message` (as
 *   `customer_confirmed` when it only confirms the assistant's reply just before it), a staff
 *   member's (not the assistant's) as `human_public_reply`;
 * - `solved` when the ticket is solved and the ledger has no solve after the last decision;
 * - `reopened` when it is open again after a solve the ledger holds (after the last decision) and the
 *   ledger has no reopen after that solve;
 * - `csat` for a good or bad rating.
 * Solves and reopens the webhooks missed get `reconciled:<kind>:<ticket>:<epoch ms>`. Pure: no I/O.
 */
export function missingLifecycleEvents(
  account: LedgerAccount,
  decided: DecidedTicket,
  read: TicketLifecycle,
  stored: readonly LifecycleEvent[],
): LifecycleEvent[] {
  const firstMs = Date.parse(decided.firstDecidedAt);
  const lastMs = Date.parse(decided.lastDecidedAt);
  const requesterId = read.requesterId ?? decided.requesterId;
  const event = (kind: LifecycleKind, atMs: number, eventId: string, rating: "good" | "bad" | null = null) => ({
    ...account,
    ticketId: decided.ticketId,
    kind,
    at: new Date(atMs).toISOString(),
    eventId,
    requesterId,
    rating,
    detail: null,
  });
  const have = new Set(stored.map((e) => e.eventId));
  const latest = (kind: LifecycleKind, afterMs: number): number | null => {
    const times = stored.filter((e) => e.kind === kind && Date.parse(e.at) >= afterMs).map((e) => Date.parse(e.at));
    return times.length === 0 ? null : Math.max(...times);
  };

  const found: LifecycleEvent[] = [];
  let previous: LifecycleComment | undefined;
  for (const comment of read.publicComments) {
    const before = previous;
    previous = comment;
    const atMs = Date.parse(comment.at);
    if (!(atMs > firstMs)) continue;
    // "Thanks, that worked" right after the assistant's reply: the same fact the webhook path records.
    const confirmation = comment.confirms === true && before?.author === "assistant";
    if (comment.author === "customer")
      found.push(event(confirmation ? "customer_confirmed" : "customer_message", atMs, `comment:${comment.id}`));
    if (comment.author === "human") found.push(event("human_public_reply", atMs, `comment:${comment.id}`));
  }

  const solvedAfterDecision = latest("solved", lastMs);
  if (read.status === "solved" && solvedAfterDecision === null) {
    // A solve the helpdesk dates before the last decision (Zendesk dates it by the ticket's last update)
    // still happened after it: the ticket was open when the assistant decided.
    const atMs = Math.max(Date.parse(read.solvedAt ?? read.updatedAt), lastMs);
    found.push(event("solved", atMs, `reconciled:solved:${decided.ticketId}:${atMs}`));
  }
  if (read.status === "open" && solvedAfterDecision !== null && latest("reopened", solvedAfterDecision) === null) {
    // Reopened by the customer's first message after the solve when there is one, else by the last update.
    const reply = read.publicComments.find((c) => c.author === "customer" && Date.parse(c.at) > solvedAfterDecision);
    const atMs = Math.max(Date.parse(reply?.at ?? read.updatedAt), solvedAfterDecision + 1);
    found.push(event("reopened", atMs, `reconciled:reopened:${decided.ticketId}:${atMs}`));
  }
  if (read.rating !== null) {
    const score = read.rating.score;
    found.push(event("csat", Date.parse(read.rating.at), `csat:${decided.ticketId}:${score}`, score));
  }
  return found.filter((e) => !have.has(e.eventId));
}
