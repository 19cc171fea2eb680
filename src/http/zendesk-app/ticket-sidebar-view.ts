import type { Handoff } from "../../domain/handoff.ts";
import type { DecisionRecord } from "../../domain/ledger.ts";
import type { HandoffRatingValue } from "../../domain/review.ts";
import type { TicketState } from "../../domain/ticket-state.ts";
import { reasonText } from "../../handoff/reason-text.ts";

/** What the ticket sidebar shows, as the sidebar API answers it (JSON; the page renders it with textContent). */
export interface TicketSidebarView {
  ticket_id: string;
  state: { paused: boolean; human_owned: boolean; awaiting_human: boolean };
  /** Deskmate's last decision on the ticket from the ledger (skips left out); null when none. */
  decision: {
    event_id: string;
    decided_at: string;
    mode: DecisionRecord["mode"];
    outcome: DecisionRecord["outcome"];
    outcome_text: string;
    reasons: Array<{ code: string; text: string }>;
    sources: Array<{ id: string; age_days: number | null }>;
    action: { name: string; result: string } | null;
    public_reply: boolean;
  } | null;
  /** The sections of the latest handoff (the one the agent rates); null when Deskmate never escalated. */
  handoff: {
    urgency: string;
    customer_wants: string;
    facts: string[];
    sources_checked: Array<{ title: string; url: string }>;
    actions_attempted: Array<{ action: string; result: string }>;
    sentiment: string | null;
    suggested_next_step: string;
    missing: string[];
  } | null;
  /** The agent's rating of the latest escalation; null when there is nothing to rate or no ledger. */
  rating: { decision_event_id: string; current: HandoffRatingValue | null } | null;
  /** After a button: what happened, e.g. "Thanks — recorded" or why nothing changed. */
  notice?: { text: string; style: "muted" | "error" };
}

const OUTCOME_TEXT: Record<DecisionRecord["outcome"], string> = {
  answer: "Answered the customer",
  ask: "Asked the customer a follow-up question",
  act: "Carried out a support action",
  escalate: "Handed over to an agent",
  skip: "Did nothing",
};
const DRAFT_TEXT: Partial<Record<DecisionRecord["mode"], string>> = {
  draft: " (as a draft for an agent)",
  shadow: " (shadow mode: nothing was written)",
};

/** The event id of the ticket's latest escalation in its state: the handoff the sidebar shows and rates. */
export function latestEscalationId(state: TicketState): string | null {
  return state.history.findLast((record) => record.outcome === "escalate")?.eventId ?? null;
}

/** Builds the view from the ticket state, the last ledger decision and the agent's current rating. */
export function ticketSidebarView(input: {
  ticketId: string;
  state: TicketState;
  decision: DecisionRecord | null;
  rating: { decisionEventId: string; current: HandoffRatingValue | null } | null;
}): TicketSidebarView {
  const { state, decision } = input;
  return {
    ticket_id: input.ticketId,
    state: {
      paused: state.paused === true,
      human_owned: state.humanOwned,
      awaiting_human: state.awaitingHumanSince !== undefined,
    },
    decision: decision && {
      event_id: decision.eventId,
      decided_at: decision.decidedAt,
      mode: decision.mode,
      outcome: decision.outcome,
      // A draft or shadow decision was prepared, not done: say so next to the outcome.
      outcome_text: OUTCOME_TEXT[decision.outcome] + (decision.publicReply ? "" : (DRAFT_TEXT[decision.mode] ?? "")),
      reasons: decision.reasons.map((code) => ({ code, text: reasonText(code) })),
      sources: decision.sources.map((source) => ({ id: source.id, age_days: source.ageDays })),
      action: decision.action,
      public_reply: decision.publicReply,
    },
    handoff: handoffSections(state.lastHandoff ?? decision?.handoff ?? null),
    rating: input.rating && { decision_event_id: input.rating.decisionEventId, current: input.rating.current },
  };
}

function handoffSections(handoff: Handoff | null): TicketSidebarView["handoff"] {
  if (handoff === null) return null;
  return {
    urgency: handoff.urgency,
    customer_wants: handoff.customerWants,
    facts: handoff.facts,
    sources_checked: handoff.sourcesChecked,
    actions_attempted: handoff.actionsAttempted,
    sentiment: handoff.sentimentTrend,
    suggested_next_step: handoff.suggestedNextStep,
    missing: handoff.missing,
  };
}
