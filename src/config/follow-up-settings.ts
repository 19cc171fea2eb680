import type { SettingDefinition } from "./setting-definition.ts";

/**
 * The follow-up check's and the stale-ticket rule's settings (src/nightly/run-follow-ups.ts and
 * triage): part of the single settings table (`settingDefinitions` spreads them in).
 */
export const followUpSettings = {
  followUpAfterEstimate: {
    name: "follow_up_after_estimate",
    type: "checkbox",
    label: "Follow up when a person is late",
    description:
      "On (default): an escalation still waiting for a person past its estimate gets one short update to the " +
      "customer (autosend tickets only), its priority raised one step and an internal note, once per escalation.",
    limits: { maxChars: 8 },
  },
  followUpAfterMinutes: {
    name: "follow_up_after_minutes",
    type: "number",
    label: "Follow-up estimate without a told wait (minutes)",
    description:
      "15 to 10080. When the customer was not told a wait, the follow-up counts as due this long after the " +
      "escalation.",
    limits: { maxChars: 32 },
  },
  maxOpenHours: {
    name: "max_open_hours",
    type: "number",
    label: "Most hours the assistant handles a ticket",
    description:
      "0 to 720. A ticket the assistant has handled this long without a resolution goes to a person " +
      "(reason stale_ticket), checked on each message and every 15 minutes. 0: never.",
    limits: { maxChars: 32 },
  },
} as const satisfies Record<string, SettingDefinition>;
