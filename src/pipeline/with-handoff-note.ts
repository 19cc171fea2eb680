import type { Handoff } from "../domain/handoff.ts";
import type { Plan } from "../domain/plan.ts";

/**
 * Renders an escalation's handoff into the plan's internal note, after the decision: the decider
 * returns the handoff as data and never calls back into the helpdesk adapter, which owns the markup
 * (Zendesk HTML, Intercom note markup). A note the plan already carries follows the handoff.
 */
export function withHandoffNote(plan: Plan, renderNote: (handoff: Handoff) => string): Plan {
  if (!plan.handoff) return plan;
  const parts = [renderNote(plan.handoff), plan.internalNote];
  return { ...plan, internalNote: parts.filter((part): part is string => part !== undefined).join("<hr>") };
}
