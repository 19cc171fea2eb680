import { flag, intBetween, setting } from "./setting-field.ts";

/**
 * The follow-up's and the stale-ticket rule's fields of the settings schema (definitions in
 * follow-up-settings.ts). 240 minutes is a common first-reply target for email support; 24 hours
 * matches the escalation playbook's "no ticket sits with the bot for a day".
 */
export const followUpSettingFields = {
  followUpAfterEstimate: setting("followUpAfterEstimate", flag, true),
  followUpAfterMinutes: setting("followUpAfterMinutes", intBetween(15, 10_080), 240),
  maxOpenHours: setting("maxOpenHours", intBetween(0, 720), 24),
};
