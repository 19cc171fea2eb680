import type { SettingDefinition } from "./setting-definition.ts";

/**
 * The drift check's settings: part of the single settings table (`settingDefinitions` spreads them
 * in), kept apart so each group of settings stays readable.
 */
export const driftCheckSettings = {
  driftCheckEnabled: {
    name: "drift_check_enabled",
    type: "checkbox",
    label: "Daily drift check",
    description:
      "Replays the golden set (bundled cases plus those added from the review queue) against the live model " +
      "once a day, writing nothing to the helpdesk. Needs ANTHROPIC_API_KEY; its model cost is in the ledger.",
    limits: { maxChars: 32 },
  },
  driftCheckRuns: {
    name: "drift_check_runs",
    type: "number",
    label: "Drift check runs per case (k)",
    description: "1 to 10. Each golden case is decided this many times; it passes only if every run passes.",
    limits: { maxChars: 32 },
  },
  driftCheckMaxCases: {
    name: "drift_check_max_cases",
    type: "number",
    label: "Drift check cases per run",
    description: "1 to 500. At most this many golden cases are replayed per run; the rest are counted as skipped.",
    limits: { maxChars: 32 },
  },
  driftCheckMaxCostUsd: {
    name: "drift_check_max_cost_usd",
    type: "number",
    label: "Drift check budget per run (USD)",
    description:
      "0.01 to 1000. A run stops starting new cases once its model cost (priced by model_prices) reaches this.",
    limits: { maxChars: 32 },
  },
} as const satisfies Record<string, SettingDefinition>;
