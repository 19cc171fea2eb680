import type { SettingDefinition } from "./setting-definition.ts";

/**
 * Business hours, the wait told to the customer and the emergency path (src/pipeline/time-escalation.ts):
 * part of the single settings table (`settingDefinitions` spreads them in), kept apart only to keep each
 * file readable. With the defaults nothing changes: no schedule means no off-hours handling, and no
 * wait is stated until the ledger or `expected_wait_minutes` can support one.
 */
export const businessHoursSettings = {
  businessHoursSource: {
    name: "business_hours_source",
    type: "text",
    label: "Business hours source",
    description:
      "setting (default): the schedule below; empty schedule = no off-hours handling. helpdesk: the " +
      "helpdesk's own schedule (Intercom office hours; Zendesk falls back to the schedule below), read at " +
      "most hourly. always_open: never off hours.",
    limits: { maxChars: 16 },
  },
  businessHours: {
    name: "business_hours",
    type: "text",
    label: "Business hours",
    description:
      "When people answer, in the time zone below: entries separated by ; such as " +
      "mon-fri 09:00-17:30; sat 10:00-14:00 (overnight: fri 22:00-02:00). Empty: no off-hours handling.",
    limits: { maxChars: 1_000 },
  },
  businessHoursTimeZone: {
    name: "business_hours_time_zone",
    type: "text",
    label: "Business hours time zone",
    description: "IANA time zone of the business hours, such as Europe/Paris (default UTC).",
    limits: { maxChars: 64 },
  },
  holidays: {
    name: "holidays",
    type: "text",
    label: "Holidays",
    description: "Closed days, YYYY-MM-DD separated by commas, such as 2026-12-25,2027-01-01.",
    limits: { maxChars: 4_000, maxItems: 200, maxItemChars: 10 },
  },
  expectedWaitMinutes: {
    name: "expected_wait_minutes",
    type: "text",
    label: "Expected wait (minutes)",
    description:
      "A range such as 20-60, told to the customer in business hours when the ledger has too few past " +
      "handoffs to estimate one. Empty: no wait is stated.",
    limits: { maxChars: 16 },
  },
  onCallGroupId: {
    name: "on_call_group_id",
    type: "text",
    label: "On-call group id",
    description:
      "Outside business hours, safety, security, fraud and legal escalations go to this group instead. " +
      "Empty: they keep their group.",
    limits: { maxChars: 20 },
  },
  onCallTag: {
    name: "on_call_tag",
    type: "text",
    label: "On-call tag",
    description: "Outside business hours, added to safety, security, fraud and legal escalations. Empty: none.",
    limits: { maxChars: 80 },
  },
  onCallWebhookUrl: {
    name: "on_call_webhook_url",
    type: "text",
    label: "On-call notification URL",
    description:
      "https URL that gets a JSON POST (ticket id, link, reasons, platform, account; never the message) for " +
      "each off-hours safety, security, fraud or legal escalation, signed when ON_CALL_WEBHOOK_SECRET is set.",
    limits: { maxChars: 2_000 },
  },
} as const satisfies Record<string, SettingDefinition>;
