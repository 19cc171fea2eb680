import type { SettingDefinition } from "./setting-definition.ts";

/**
 * The request governor (src/state/request-governor.ts): part of the single settings table
 * (`settingDefinitions` spreads it in).
 */
export const requestGovernorSettings = {
  helpdeskApiShare: {
    name: "helpdesk_api_share",
    type: "number",
    label: "Share of the helpdesk API limit",
    description:
      "0.05 to 1. The share of the account's API requests per minute (Zendesk) or per 10 seconds (Intercom) " +
      "Deskmate may use; it also waits while the account as a whole has less than the rest left. Messages " +
      "over the share wait in the queue for the next window instead of failing.",
    limits: { maxChars: 32 },
  },
} as const satisfies Record<string, SettingDefinition>;
