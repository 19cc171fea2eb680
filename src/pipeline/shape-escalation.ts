import type { Plan } from "../domain/plan.ts";
import type { EscalationStep, EscalationStepInput } from "./escalation-step.ts";
import { timeEscalation } from "./time-escalation.ts";
import { routeEscalation } from "./route-escalation.ts";

/**
 * The steps run on every escalation after the decision and before the handoff note is rendered, in
 * this order. The decider stays pure; a step reads what it needs (agents, schedules, past waits).
 */
const STEPS: EscalationStep[] = [routeEscalation, timeEscalation];

export async function shapeEscalation(plan: Plan, input: EscalationStepInput): Promise<Plan> {
  if (plan.outcome !== "escalate") return plan;
  let shaped = plan;
  for (const step of STEPS) shaped = await step(shaped, input);
  return shaped;
}
