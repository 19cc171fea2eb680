import { buildContextHandoff } from "../handoff/build-context-handoff.ts";
import { renderZendeskNote } from "../handoff/render-zendesk-note.ts";
import type { Decider, DecisionInput } from "./decider.ts";
import type { Plan } from "./plan.ts";

/**
 * The decider used until the decision engine is switched on: every customer message goes to a human,
 * with a handoff note built from the helpdesk context. It never guesses an answer.
 */
export const escalateToHuman: Decider = async (input) => escalationPlan(input, ["needs_human_judgment"]);

export function escalationPlan(input: DecisionInput, reasons: string[]): Plan {
  const { settings } = input;
  const prefix = settings.tagPrefix;
  const handoff = buildContextHandoff({
    context: input.context,
    customerComment: input.customerComment,
    reasons,
    urgency: "normal",
    suggestedNextStep: "Read the customer's message above and reply; the customer has not been answered yet.",
    ticketUrl: input.ticketUrl,
  });
  const groupId = settings.fallbackGroupId ?? undefined;
  return {
    outcome: "escalate",
    reasons,
    internalNote: renderZendeskNote(handoff),
    customerMessage: settings.escalationMessage,
    addTags: [`${prefix}escalated`, ...reasons.map((code) => `${prefix}reason_${code}`)],
    removeTags: [],
    ...(groupId === undefined ? {} : { groupId }),
  };
}
