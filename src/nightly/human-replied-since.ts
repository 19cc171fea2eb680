import type { TicketLifecycle } from "../domain/ticket-lifecycle.ts";
import type { TicketState } from "../domain/ticket-state.ts";

/**
 * A person replied publicly on the ticket, as the helpdesk says: any staff reply other than the
 * assistant's, after the ticket was last handed back to the assistant (earlier ones no longer own it).
 */
export function humanRepliedSince(lifecycle: TicketLifecycle, state: Pick<TicketState, "handedBackAt">): boolean {
  const after = state.handedBackAt ? Date.parse(state.handedBackAt) : Number.NEGATIVE_INFINITY;
  return lifecycle.publicComments.some((c) => c.author === "human" && Date.parse(c.at) > after);
}
