import type { Settings } from "../config/settings-schema.ts";
import { fixedMessage } from "./fixed-messages.ts";

/**
 * The warm message telling the customer a specialist takes over, in the customer's language: the
 * admin's translation for that language, else the bundled one; in English the `escalation_message`
 * setting (text that sends the customer to "contact support" is never used: the default replaces it).
 */
export function escalationMessage(
  settings: Pick<Settings, "escalationMessage"> & Partial<Pick<Settings, "messageTranslations">>,
  locale = "en",
): string {
  return fixedMessage("escalation", locale, {}, settings);
}
