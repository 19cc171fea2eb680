import { driftCheckSettings } from "./drift-check-settings.ts";
import { modelKnowledgeLedgerSettings } from "./model-knowledge-ledger-settings.ts";
import { canarySettings } from "./canary-settings.ts";
import { rolloutArmSettings } from "./rollout-arm-settings.ts";
import { stageGuardSettings } from "./stage-guard-settings.ts";
import { businessHoursSettings } from "./business-hours-settings.ts";
import { attachmentSettings } from "./attachment-settings.ts";
import { followUpSettings } from "./follow-up-settings.ts";
import { modelRoutingSettings } from "./model-routing-settings.ts";
import { requestGovernorSettings } from "./request-governor-settings.ts";
import { routingSettings } from "./routing-settings.ts";
import { shadowScoringSettings } from "./shadow-scoring-settings.ts";
import { messageTranslationsSettings } from "./message-translations-settings.ts";
import { dataNoticeSettings } from "./data-notice-settings.ts";
import type { SettingDefinition } from "./setting-definition.ts";

export type { ManifestParameterType, SettingDefinition, SettingLimits } from "./setting-definition.ts";

/** The Worker var that backs a setting when the app installation leaves it unset. */
export function settingEnvVar(definition: Pick<SettingDefinition, "name">): `DESKMATE_${string}` {
  return `DESKMATE_${definition.name.toUpperCase()}`;
}

const MAP_FORMAT = 'One "category=value" per line (or comma separated), or a JSON object.';

/**
 * The single table of settings: TS field -> snake_case name -> manifest parameter type -> text.
 * manifest/manifest.json and manifest/translations/en.json are checked against it by
 * test/unit/manifest.test.ts.
 */
export const settingDefinitions = {
  mode: {
    name: "mode",
    type: "text",
    label: "Mode",
    description:
      "off, shadow (internal notes only), draft (suggested " + "replies for agents) or autosend (public replies).",
    limits: { maxChars: 32 },
  },
  autosendRolloutPercent: {
    name: "autosend_rollout_percent",
    type: "number",
    label: "Autosend rollout (%)",
    description:
      "In autosend mode, the share of tickets (chosen by " + "ticket id) that get public replies; the rest get drafts.",
    limits: { maxChars: 32 },
  },
  tagPrefix: {
    name: "tag_prefix",
    type: "text",
    label: "Tag prefix",
    description: "Prefix of the tags Deskmate writes: 1-30 lowercase letters, digits, _ or -.",
    limits: { maxChars: 30 },
  },
  optOutTag: {
    name: "opt_out_tag",
    type: "text",
    label: "Opt-out tag",
    description: "Deskmate leaves tickets with this tag alone.",
    limits: { maxChars: 80 },
  },
  groupByCategory: {
    name: "group_by_category",
    type: "multiline",
    label: "Escalation group per category",
    description: `Group id that escalations of each category go to. ${MAP_FORMAT} Example: billing=360001234567`,
    limits: { maxChars: 10_000, maxItems: 100 },
  },
  fallbackGroupId: {
    name: "fallback_group_id",
    type: "text",
    label: "Fallback escalation group id",
    description: "Group id for escalations whose category has no group above. Empty keeps the ticket's group.",
    limits: { maxChars: 20 },
  },
  classificationThreshold: {
    name: "classification_threshold",
    type: "number",
    label: "Classification confidence threshold",
    description: "0 to 1. Below this confidence in the ticket's category, Deskmate escalates.",
    limits: { maxChars: 32 },
  },
  answerThreshold: {
    name: "answer_threshold",
    type: "number",
    label: "Answer confidence threshold",
    description: "0 to 1. Below this confidence in its answer, Deskmate escalates instead of replying.",
    limits: { maxChars: 32 },
  },
  intentThresholds: {
    name: "intent_thresholds",
    type: "multiline",
    label: "Answer threshold per category",
    description: `Overrides the answer threshold for some categories (0 to 1). ${MAP_FORMAT} Example: refunds=0.9`,
    limits: { maxChars: 10_000, maxItems: 100 },
  },
  turnCap: {
    name: "turn_cap",
    type: "number",
    label: "Turn cap",
    description: "Maximum Deskmate replies on one issue before it hands over to a person (at least 1).",
    limits: { maxChars: 32 },
  },
  negativeStreak: {
    name: "negative_streak",
    type: "number",
    label: "Negative message streak",
    description: "Escalate after this many consecutive negative customer messages (at least 1).",
    limits: { maxChars: 32 },
  },
  loopRepeats: {
    name: "loop_repeats",
    type: "number",
    label: "Repeated question limit",
    description: "Escalate when the customer asks the same question this many times (at least 2).",
    limits: { maxChars: 32 },
  },
  repeatContactCount: {
    name: "repeat_contact_count",
    type: "number",
    label: "Repeat contact count",
    description: "Escalate when the requester opened this many tickets within the repeat contact window (at least 2).",
    limits: { maxChars: 32 },
  },
  repeatContactDays: {
    name: "repeat_contact_days",
    type: "number",
    label: "Repeat contact window (days)",
    description: "Length of the repeat contact window in days (at least 1).",
    limits: { maxChars: 32 },
  },
  vipTags: {
    name: "vip_tags",
    type: "text",
    label: "VIP tags",
    description: "Comma-separated user or organization tags that mark a VIP; VIP tickets go to a person.",
    limits: { maxChars: 4_000, maxItems: 50, maxItemChars: 80 },
  },
  vipValueField: {
    name: "vip_value_field",
    type: "text",
    label: "VIP value field",
    description: "Key of a numeric user or organization field (e.g. lifetime value) used with the VIP minimum value.",
    limits: { maxChars: 100 },
  },
  vipMinValue: {
    name: "vip_min_value",
    type: "number",
    label: "VIP minimum value",
    description: "Customers whose VIP value field is at least this are treated as VIPs. Empty turns this off.",
    limits: { maxChars: 32 },
  },
  billingDisputeThreshold: {
    name: "billing_dispute_threshold",
    type: "number",
    label: "Billing dispute threshold",
    description: "Disputed amounts above this (in the account's currency) go to a person.",
    limits: { maxChars: 32 },
  },
  legalTrigger: {
    name: "legal_trigger",
    type: "checkbox",
    label: "Escalate legal matters",
    description: "Hand over mentions of lawyers, legal action, regulators or data protection requests.",
    limits: { maxChars: 32 },
  },
  fraudTrigger: {
    name: "fraud_trigger",
    type: "checkbox",
    label: "Escalate possible fraud",
    description: "Hand over chargebacks, unrecognized charges and stolen cards.",
    limits: { maxChars: 32 },
  },
  securityTrigger: {
    name: "security_trigger",
    type: "checkbox",
    label: "Escalate security issues",
    description: "Hand over hacked or compromised accounts and lost devices with access.",
    limits: { maxChars: 32 },
  },
  safetyTrigger: {
    name: "safety_trigger",
    type: "checkbox",
    label: "Escalate safety concerns",
    description: "Hand over threats of self-harm or violence.",
    limits: { maxChars: 32 },
  },
  disclosureText: {
    name: "disclosure_text",
    type: "multiline",
    label: "AI disclosure",
    description: "Sentence that tells customers they are talking to an AI assistant and how to reach a person.",
    limits: { maxChars: 1_000, maxItems: 10 },
  },
  escalationMessage: {
    name: "escalation_message",
    type: "multiline",
    label: "Escalation message",
    description: "Message customers get when a specialist takes over (only in autosend mode).",
    limits: { maxChars: 2_000, maxItems: 20 },
  },
  prohibitedPhrases: {
    name: "prohibited_phrases",
    type: "multiline",
    label: "Prohibited phrases",
    description: "One phrase per line that Deskmate must never write to a customer.",
    limits: { maxChars: 20_000, maxItems: 200, maxItemChars: 200 },
  },
  linkDomains: {
    name: "link_domains",
    type: "text",
    label: "Allowed link domains",
    description:
      "Comma-separated domains (example.com also covers its subdomains) that public replies may link to " +
      "besides the help center articles they rest on. Links the customer wrote are never repeated.",
    limits: { maxChars: 4_000, maxItems: 50, maxItemChars: 253 },
  },
  actionsCatalogOverride: {
    name: "actions_catalog_override",
    type: "multiline",
    label: "Action catalog override (JSON)",
    description:
      'Adds, replaces or disables support actions for this workspace: {"actions": [...]} with entries ' +
      'shaped like the bundled catalog; {"name": "refund", "disabled": true} removes one. An invalid ' +
      "override keeps the last good catalog.",
    limits: { maxChars: 64_000 },
  },
  guardrailPolicyOverride: {
    name: "guardrail_policy_override",
    type: "multiline",
    label: "Guardrail policy override (JSON)",
    description:
      "Replaces sections of the bundled guardrail policy " +
      "(prohibited topics and phrases, sensitive-topic handlers, " +
      "PII masking). An invalid override keeps the last good policy.",
    limits: { maxChars: 32_000 },
  },
  enabledCategories: {
    name: "enabled_categories",
    type: "text",
    label: "Enabled categories",
    description: "Comma-separated categories Deskmate may handle; empty means all.",
    limits: { maxChars: 8_000, maxItems: 100, maxItemChars: 64 },
  },
  ...modelKnowledgeLedgerSettings,
  ...rolloutArmSettings,
  ...driftCheckSettings,
  ...stageGuardSettings,
  ...shadowScoringSettings,
  ...canarySettings,
  ...businessHoursSettings,
  ...messageTranslationsSettings,
  ...dataNoticeSettings,
  ...attachmentSettings,
  ...followUpSettings,
  ...routingSettings,
  ...modelRoutingSettings,
  ...requestGovernorSettings,
} as const satisfies Record<string, SettingDefinition>;
