import type { TicketState } from "../domain/ticket-state.ts";

/**
 * When the assistant started handling the ticket: `handlingSince` when stored, else (a state stored
 * before the field existed) its oldest decision other than a skip after the ticket's last escalation
 * in the kept history. Null while nobody decided, and while the ticket waits for a person.
 */
export function handlingSince(state: TicketState): string | null {
  if (state.awaitingHumanSince) return null;
  if (state.handlingSince) return state.handlingSince;
  let since: string | null = null;
  for (const record of state.history) {
    if (record.outcome === "escalate") since = null;
    else if (record.outcome !== "skip" && since === null) since = record.at;
  }
  return since;
}
