import type { SettingDefinition } from "./setting-definition.ts";

/**
 * The settings of the rollout experiment (control group and arms) and of the categories autosend may
 * answer: part of the single settings table (`settingDefinitions` spreads them in).
 */
export const rolloutArmSettings = {
  controlPercent: {
    name: "control_percent",
    type: "number",
    label: "Control group (%)",
    description:
      "0 to 100. Share of new tickets (by a salted hash of the ticket id) in the control arm: Deskmate decides " +
      "and records, but writes nothing except the arm tag, so humans alone handle them (the baseline). 0 = none.",
    limits: { maxChars: 32 },
  },
  armSalt: {
    name: "arm_salt",
    type: "text",
    label: "Arm assignment salt",
    description:
      "Mixed into the hash that assigns arms. Change it to start a new experiment with a fresh random split; " +
      "tickets already assigned keep their arm.",
    limits: { maxChars: 64 },
  },
  autosendCategories: {
    name: "autosend_categories",
    type: "text",
    label: "Autosend categories",
    description:
      "all (default), ready (the categories the nightly readiness check marked ready) or a comma-separated " +
      "list. In autosend mode, tickets of other categories get drafts.",
    limits: { maxChars: 8_000, maxItems: 100, maxItemChars: 64 },
  },
  experimentMinSamples: {
    name: "experiment_min_samples",
    type: "number",
    label: "Experiment: minimum samples per arm",
    description:
      "1 to 100000. The experiment report gives a verdict on a metric only when each arm has at least this " +
      "many tickets measured; below it the verdict is 'not enough data'.",
    limits: { maxChars: 32 },
  },
} as const satisfies Record<string, SettingDefinition>;
