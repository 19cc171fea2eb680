import type { SettingDefinition } from "./setting-definition.ts";

/**
 * The settings of shadow scoring and readiness (README, "Graduated rollout"): part of the single
 * settings table (`settingDefinitions` spreads them in), kept apart only to keep each file readable.
 */
export const shadowScoringSettings = {
  readinessThreshold: {
    name: "readiness_threshold",
    type: "number",
    label: "Readiness threshold",
    description:
      "0.5 to 1. A category is ready for autosend when the 95% lower bound of how often Deskmate " +
      "agreed with the humans (decisions, and answers where there are any) reaches this.",
    limits: { maxChars: 32 },
  },
  readinessMinSamples: {
    name: "readiness_min_samples",
    type: "number",
    label: "Readiness minimum samples",
    description:
      "10 to 10000. Shadow or draft decisions a human acted on that a category needs before it can be ready.",
    limits: { maxChars: 32 },
  },
  agreementJudge: {
    name: "agreement_judge",
    type: "checkbox",
    label: "Model judge for answer agreement",
    description:
      "Off by default. When on, one model call per scored answer pair also judges whether Deskmate's " +
      "proposed reply and the human's say the same; its cost is recorded in the ledger.",
    limits: { maxChars: 8 },
  },
  agreementJudgeModel: {
    name: "agreement_judge_model",
    type: "text",
    label: "Model judge model",
    description: "Claude model id of the answer-agreement judge (used only when the judge is on).",
    limits: { maxChars: 200 },
  },
} as const satisfies Record<string, SettingDefinition>;
