import type { Priority } from "../domain/ticket.ts";

const RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/**
 * The lowest priority a reason allows. Threats of harm are urgent; fraud, account compromise and
 * legal matters cost more the longer they wait, so at least high.
 */
const REASON_FLOOR: Record<string, Priority> = {
  safety: "urgent",
  fraud: "high",
  security: "high",
  legal: "high",
};

/**
 * The helpdesk priority for an escalation: the model's urgency (same four levels as Zendesk's
 * `priority`) or normal when there is none, raised to the floor of any reason.
 */
export function priorityForUrgency(urgency: Priority | null | undefined, reasons: readonly string[]): Priority {
  let priority: Priority = urgency ?? "normal";
  for (const reason of reasons) {
    const floor = REASON_FLOOR[reason];
    if (floor && RANK[floor] > RANK[priority]) priority = floor;
  }
  return priority;
}
