import type { SettingDefinition } from "./setting-definition.ts";

/**
 * The data-collection notice's setting: part of the single settings table (`settingDefinitions`
 * spreads it in), kept apart only to keep each file readable.
 */
export const dataNoticeSettings = {
  dataNotice: {
    name: "data_notice",
    type: "checkbox",
    label: "Notice before reading account data",
    description:
      "On (default): the first time on a ticket that a support action reads the customer's account data, " +
      'the reply starts with a short notice ("I\'ll look up your account to help with this."), in the ' +
      "customer's language. Off: no notice.",
    limits: { maxChars: 8 },
  },
} as const satisfies Record<string, SettingDefinition>;
