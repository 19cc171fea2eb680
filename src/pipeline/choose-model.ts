import type { Settings } from "../config/settings-schema.ts";
import type { IntentCategory } from "../domain/triage.ts";
import type { ModelOutput } from "../ports/model-output.ts";

export type ModelRoutingSettings = Pick<
  Settings,
  "decisionModel" | "handoffModel" | "smallModel" | "smallModelCategories" | "smallModelMinConfidence"
>;

export interface ModelChoice {
  model: string;
  /** True when the small model was chosen: its proposal is checked with `smallModelUnsure`. */
  small: boolean;
}

/**
 * Which model runs a call, by difficulty: the handoff summary on the handoff model (the small one by
 * default), a message in a routine category (triage's rule-based guess) on the small model, and the
 * decision model for everything else: other categories, no rule-based guess, and VIP or high-value
 * customers, whose handoff it writes too. Pure, so each branch is tested with a table of rows.
 */
export function chooseModel(
  call: { purpose: "decide" | "handoff"; category: IntentCategory | null; vip: boolean },
  settings: ModelRoutingSettings,
): ModelChoice {
  if (call.vip) return { model: settings.decisionModel, small: false };
  if (call.purpose === "handoff") return { model: settings.handoffModel, small: false };
  const routine = call.category !== null && settings.smallModelCategories.includes(call.category);
  return routine ? { model: settings.smallModel, small: true } : { model: settings.decisionModel, small: false };
}

/**
 * The small model's proposal is not trusted when it is less sure of the category than the setting: the
 * decision model then decides again. Its category alone does not re-decide: the rules placed the message
 * in a routine category, and policy checks the proposal whichever model made it.
 */
export function smallModelUnsure(output: ModelOutput, settings: ModelRoutingSettings): boolean {
  return output.classification_confidence < settings.smallModelMinConfidence;
}
