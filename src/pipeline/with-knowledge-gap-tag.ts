import type { Plan } from "../domain/plan.ts";

/**
 * Tags a plan `<prefix>knowledge_gap`: retrieval found nothing for this message, whatever the plan
 * became (answer, escalation, failed model call), so admins can list what the help center lacks.
 */
export function withKnowledgeGapTag(plan: Plan, tagPrefix: string): Plan {
  return { ...plan, addTags: [...plan.addTags, `${tagPrefix}knowledge_gap`] };
}
