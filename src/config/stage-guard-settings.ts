import type { SettingDefinition } from "./setting-definition.ts";

/**
 * The stage guard's settings (src/nightly/run-stage-guard.ts): part of the single settings table
 * (`settingDefinitions` spreads them in), kept apart only to keep each file readable.
 */
export const stageGuardSettings = {
  guardEnabled: {
    name: "guard_enabled",
    type: "checkbox",
    label: "Stage guard",
    description:
      "Hourly, autosend of a category falls back to draft when its false resolution rate or bad-CSAT rate " +
      "over the window is above its maximum. Off: no new fallbacks (existing ones stay until re-enabled).",
    limits: { maxChars: 8 },
  },
  guardWindowDays: {
    name: "guard_window_days",
    type: "number",
    label: "Stage guard window (days)",
    description: "1 to 90. The guard judges the autosent tickets of this many past days (a re-enable starts afresh).",
    limits: { maxChars: 32 },
  },
  guardMinSamples: {
    name: "guard_min_samples",
    type: "number",
    label: "Stage guard minimum samples",
    description:
      "1 to 10000. A rate is judged only over at least this many tickets: AI-resolved ones for the false " +
      "resolution rate, rated ones for the bad-CSAT rate.",
    limits: { maxChars: 32 },
  },
  guardMaxFalseResolutionRate: {
    name: "guard_max_false_resolution_rate",
    type: "number",
    label: "Stage guard: most false resolutions",
    description:
      "0 to 1. Autosend of a category falls back to draft when more than this share of its AI-resolved " +
      "tickets were reopened or re-contacted (exactly this share does not).",
    limits: { maxChars: 32 },
  },
  guardMaxBadCsatRate: {
    name: "guard_max_bad_csat_rate",
    type: "number",
    label: "Stage guard: most bad ratings",
    description:
      "0 to 1. Autosend of a category falls back to draft when more than this share of its rated " +
      "autosent tickets were rated bad.",
    limits: { maxChars: 32 },
  },
  guardAutoReenable: {
    name: "guard_auto_reenable",
    type: "checkbox",
    label: "Stage guard may re-enable by itself",
    description:
      "Off (default): only an admin re-enables a category. On: a category re-enables itself once the rate " +
      "that tripped it is back at or under its maximum over at least the minimum samples.",
    limits: { maxChars: 8 },
  },
} as const satisfies Record<string, SettingDefinition>;
