import type { HandoffSection, ReviewVerdictValue, WrongEscalationKind } from "../../domain/review.ts";

/** The verdict buttons' words, in the order the review queue shows them. */
export const VERDICT_LABEL: Record<ReviewVerdictValue, string> = {
  right_call: "Right call",
  should_have_answered: "Should have answered",
  should_have_asked: "Should have asked",
  handoff_incomplete: "Handoff incomplete",
};

/** The handoff sections as the agent reads them in the note. */
export const SECTION_LABEL: Record<HandoffSection, string> = {
  reasons: "Reasons",
  customer_wants: "What the customer wants",
  customer: "Customer",
  facts: "Facts",
  sources: "Sources",
  actions: "Actions",
  sentiment: "Sentiment",
  next_step: "Next step",
};

export const WRONG_ESCALATION_LABEL: Record<WrongEscalationKind, string> = {
  should_have_answered: "Should have answered",
  should_have_asked: "Should have asked",
};
