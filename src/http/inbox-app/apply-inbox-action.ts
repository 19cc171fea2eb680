import type { TicketState } from "../../domain/ticket-state.ts";
import type { InboxAction } from "./render-inbox-canvas.ts";

/**
 * What a teammate's button does to the conversation's state. `pause` stops the assistant writing
 * anything; `resume` undoes only that; `hand_back` also clears human ownership and the wait for a person
 * after an escalation, so the assistant may reply to the customer again.
 */
export function applyInboxAction(state: TicketState, action: InboxAction, now: Date = new Date()): TicketState {
  const { paused: _paused, ...unpaused } = state;
  switch (action) {
    case "pause":
      return { ...state, paused: true };
    case "resume":
      return unpaused;
    case "hand_back": {
      // Handing back also ends the wait for a person after an escalation.
      const { humanOwnedSince: _since, awaitingHumanSince: _awaiting, ...rest } = unpaused;
      // Teammate replies before this moment no longer make the conversation human-owned.
      return { ...rest, humanOwned: false, handedBackAt: now.toISOString() };
    }
  }
}
