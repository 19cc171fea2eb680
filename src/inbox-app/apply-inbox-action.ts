import type { TicketState } from "../state/ticket-state.ts";
import type { InboxAction } from "./render-inbox-canvas.ts";

/**
 * What a teammate's button does to the conversation's state. `pause` stops the assistant writing
 * anything; `resume` undoes only that; `hand_back` also clears human ownership, so the assistant may
 * reply to the customer again.
 */
export function applyInboxAction(state: TicketState, action: InboxAction, now: Date = new Date()): TicketState {
  const { paused: _paused, ...unpaused } = state;
  switch (action) {
    case "pause":
      return { ...state, paused: true };
    case "resume":
      return unpaused;
    case "hand_back": {
      const { humanOwnedSince: _since, ...rest } = unpaused;
      // Teammate replies before this moment no longer make the conversation human-owned.
      return { ...rest, humanOwned: false, handedBackAt: now.toISOString() };
    }
  }
}
