import { DEFAULT_ESCALATION_MESSAGE, type Settings } from "../config/settings-schema.ts";

/** "contact support", "contact our support", "contact customer support"... */
const CONTACT_SUPPORT = /\bcontact\s+(?:(?:our|the|customer)\s+)*support\b/i;

/**
 * The warm message telling the customer a specialist takes over. The customer is already talking to
 * support, so text that sends them to "contact support" is never used: the default replaces it.
 */
export function escalationMessage(settings: Pick<Settings, "escalationMessage">): string {
  const configured = settings.escalationMessage.trim();
  return configured && !CONTACT_SUPPORT.test(configured) ? configured : DEFAULT_ESCALATION_MESSAGE;
}
