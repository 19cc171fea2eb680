import type { SettingDefinition } from "./setting-definition.ts";

/**
 * The canary's settings: a candidate override of what decides, the share of assistant-arm tickets it
 * decides, and the prompt variant. Part of the single settings table (`settingDefinitions` spreads them in).
 */
export const canarySettings = {
  canary: {
    name: "canary",
    type: "multiline",
    label: "Canary override (JSON)",
    description:
      "A candidate change tried on canary_percent of assistant-arm tickets first: a JSON object whose keys are " +
      "settings (decision_model, handoff_model, classification_threshold, answer_threshold, intent_thresholds, " +
      "guardrail_policy_override, prompt_variant) with the values to try. Empty: no canary.",
    limits: { maxChars: 40_000 },
  },
  canaryPercent: {
    name: "canary_percent",
    type: "number",
    label: "Canary share (%)",
    description:
      "0 to 100. Share of new assistant-arm tickets (never control) that decide with the canary override. " +
      "0 = no canary.",
    limits: { maxChars: 32 },
  },
  promptVariant: {
    name: "prompt_variant",
    type: "text",
    label: "Prompt variant",
    description: "current (default) or concise (replies lead with the answer, under 80 words).",
    limits: { maxChars: 32 },
  },
} as const satisfies Record<string, SettingDefinition>;
