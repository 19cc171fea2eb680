import type { Handoff } from "../../domain/handoff.ts";
import { reasonText } from "../../handoff/reason-text.ts";
import type { TicketOutcomeRecord, TicketState } from "../../domain/ticket-state.ts";
import {
  canvasResponse,
  divider,
  plainCanvasText,
  submitButton,
  text,
  type CanvasComponent,
  type CanvasResponse,
} from "./canvas-kit.ts";
import { type RatingView, ratingLines } from "./render-rating-lines.ts";

/** The buttons' component ids; Submit requests carry one of them as `component_id`. */
export const INBOX_ACTIONS = ["pause", "resume", "hand_back"] as const;
export type InboxAction = (typeof INBOX_ACTIONS)[number];

export interface InboxCanvasOptions {
  /** A line above the state, e.g. "busy, try again" after a submit that could not take the lock. */
  notice?: { text: string; style: "muted" | "error" };
  /** The handoff rating section, shown when the latest handoff is in the ledger. */
  rating?: RatingView;
}

const DECISION_TEXT: Record<Exclude<TicketOutcomeRecord["outcome"], "skip">, string> = {
  answer: "answer the customer",
  ask: "ask the customer a follow-up question",
  act: "carry out a support action",
  escalate: "hand over to a teammate",
};
const MAX_FACTS = 8;

/**
 * The inbox app's canvas for one conversation, from the ticket state alone (precomputed by the
 * pipeline: Intercom documents no timeout for Canvas Kit requests, so nothing here calls the helpdesk
 * or a model). Sections: state -> last decision and its reasons -> latest handoff -> its rating ->
 * buttons.
 */
export function renderInboxCanvas(state: TicketState, options: InboxCanvasOptions = {}): CanvasResponse {
  const components: CanvasComponent[] = [text("Deskmate", "header")];
  if (options.notice) components.push(text(options.notice.text, options.notice.style));
  components.push(...stateLines(state), divider(), ...lastDecision(state.history));
  if (state.lastHandoff) components.push(divider(), ...handoffLines(state.lastHandoff));
  if (options.rating) components.push(divider(), ...ratingLines(options.rating));
  components.push(divider(), ...buttons(state));
  return canvasResponse(components);
}

function stateLines(state: TicketState): CanvasComponent[] {
  const lines: CanvasComponent[] = [];
  if (state.paused) {
    lines.push(text("**Paused here.** Deskmate writes nothing in this conversation until a teammate resumes it."));
  }
  if (state.humanOwned) {
    const since = state.humanOwnedSince ? ` (since ${formatAt(state.humanOwnedSince)})` : "";
    lines.push(text(`**A teammate owns this conversation**${since}. Deskmate does not reply to the customer here.`));
  }
  if (lines.length === 0) lines.push(text("**Active.** Deskmate handles new customer messages in this conversation."));
  return lines;
}

/** Skips (own notes, duplicates, ...) are bookkeeping; the agent wants the last real decision. */
function lastDecision(history: readonly TicketOutcomeRecord[]): CanvasComponent[] {
  const last = history.findLast((record) => record.outcome !== "skip");
  if (!last || last.outcome === "skip") {
    return [text("Deskmate has not handled a customer message in this conversation yet.", "muted")];
  }
  const reasons = last.reasons.length
    ? last.reasons.map((code) => text(`• ${plainCanvasText(reasonText(code), 300)}`))
    : [text("No escalation reason.", "muted")];
  return [text(`**Last decision:** ${DECISION_TEXT[last.outcome]}`), text(formatAt(last.at), "muted"), ...reasons];
}

function handoffLines(handoff: Handoff): CanvasComponent[] {
  const facts = handoff.facts.slice(0, MAX_FACTS).map((fact) => text(`• ${plainCanvasText(fact, 300)}`));
  const lines: CanvasComponent[] = [
    text("Latest handoff", "header"),
    text(`**Urgency:** ${handoff.urgency}`),
    text(`**Customer wants:** ${plainCanvasText(handoff.customerWants) || "(no message text)"}`),
    text("**What we know:**"),
    ...(facts.length ? facts : [text("No facts gathered.", "muted")]),
  ];
  if (handoff.facts.length > MAX_FACTS)
    lines.push(text(`and ${handoff.facts.length - MAX_FACTS} more in the handoff note`, "muted"));
  lines.push(text(`**Suggested next step:** ${plainCanvasText(handoff.suggestedNextStep)}`));
  if (handoff.missing.length)
    lines.push(text(`Not checked: ${plainCanvasText(handoff.missing.join(", "), 300)}`, "muted"));
  return lines;
}

function buttons(state: TicketState): CanvasComponent[] {
  const result: CanvasComponent[] = [];
  if (state.paused) result.push(submitButton("resume", "Resume Deskmate", "primary"));
  if (state.humanOwned)
    result.push(submitButton("hand_back", "Hand back to Deskmate", state.paused ? "secondary" : "primary"));
  if (!state.paused && !state.humanOwned) result.push(submitButton("pause", "Pause Deskmate here", "secondary"));
  return result;
}

/** Fixed, locale-free format: the canvas is rendered on the server for any teammate. */
function formatAt(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? "time unknown" : `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** When the state cannot be read there is nothing true to show and no button that could work. */
export function renderUnavailableCanvas(): CanvasResponse {
  return canvasResponse([
    text("Deskmate", "header"),
    text(
      "Deskmate could not load its state for this conversation. Nothing was changed; reopen the app to try again.",
      "error",
    ),
  ]);
}
