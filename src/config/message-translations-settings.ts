import type { SettingDefinition } from "./setting-definition.ts";

/**
 * The admin's translations of the fixed messages (src/handoff/fixed-messages.ts): part of the single
 * settings table (`settingDefinitions` spreads them in), kept apart only to keep each file readable.
 */
export const messageTranslationsSettings = {
  messageTranslations: {
    name: "message_translations",
    type: "multiline",
    label: "Fixed messages per language",
    description:
      'JSON object: language tag → message kind → text, e.g. {"it": {"escalation": "..."}, "es": ' +
      '{"disclosure": "..."}}. Kinds: disclosure, escalation, escalation_wait (must contain {wait}), ' +
      "off_hours (must contain {opening}), emergency, follow_up, data_notice. Overrides the bundled " +
      "English, Spanish, French, German and Portuguese texts and adds any other language; a kind left " +
      "out falls back to the bundled text, then to English.",
    limits: { maxChars: 50_000, maxItems: 40 },
  },
} as const satisfies Record<string, SettingDefinition>;
