import type { ModelOutput } from "../ports/model-output.ts";
import { buildHandoff } from "../handoff/build-handoff.ts";
import { escalationMessage } from "../handoff/escalation-message.ts";
import { outcomeTags } from "../handoff/outcome-tags.ts";
import type { Passage } from "../ports/knowledge.ts";
import type { ProposedAction } from "../policy/apply-policy.ts";
import { groupForCategory } from "../policy/group-for-category.ts";
import { priorityForUrgency } from "../policy/priority-for-urgency.ts";
import type { TriageResult } from "../domain/triage.ts";
import type { DecisionInput } from "./decider.ts";
import { messageLocale } from "./customer-reply.ts";
import type { Plan } from "../domain/plan.ts";
import type { ReasonCode } from "../domain/reasons.ts";

/**
 * An escalation plan: the handoff (built from the context, the model's handoff fields when there are
 * any, triage and what was attempted) as data, the warm customer message, outcome and reason tags, the
 * group for the category and the priority for the urgency. The flow renders the handoff note after
 * deciding (withHandoffNote), with the helpdesk's renderer.
 */
export function escalate(
  input: DecisionInput,
  triage: TriageResult,
  reasons: ReasonCode[],
  extra: {
    output: ModelOutput | null;
    passages: Passage[];
    modelCalls: number;
    proposedAction?: ProposedAction;
    facts?: string[];
    actionsAttempted?: Array<{ action: string; result: string }>;
  },
): Plan {
  const { settings } = input;
  const handoff = buildHandoff({
    context: input.context,
    customerComment: input.customerComment,
    reasons,
    ticketUrl: input.ticketUrl,
    model: extra.output?.handoff ?? null,
    triage,
    passages: extra.passages,
    ...(extra.proposedAction ? { proposedAction: extra.proposedAction } : {}),
    ...(extra.facts ? { facts: extra.facts } : {}),
    ...(extra.actionsAttempted ? { actionsAttempted: extra.actionsAttempted } : {}),
  });
  const category = extra.output?.intent_category ?? triage.intentCategory;
  const groupId = groupForCategory(category, settings);
  return {
    outcome: "escalate",
    reasons,
    customerMessage: escalationMessage(settings, messageLocale(input)),
    addTags: outcomeTags({ outcome: "escalate", reasons }, settings.tagPrefix),
    removeTags: [],
    ...(groupId ? { groupId } : {}),
    priority: priorityForUrgency(extra.output?.handoff.urgency ?? handoff.urgency, reasons),
    handoff,
    modelCalls: extra.modelCalls,
  };
}
