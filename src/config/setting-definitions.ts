import type { SettingField } from "./settings-schema.ts";

/** Zendesk app parameter types used for settings (developer.zendesk.com/documentation/apps/app-developer-guide/manifest/). */
export type ManifestParameterType = "text" | "checkbox" | "number" | "multiline";

export interface SettingDefinition {
  /** The one name: Zendesk app parameter `name`, and `DESKMATE_<NAME>` upper-cased for the Worker var. */
  name: string;
  type: ManifestParameterType;
  label: string;
  /** Shown to admins as the parameter's help text (translations/en.json). */
  description: string;
}

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
    name: "mode", type: "text", label: "Mode",
    description: "off, shadow (internal notes only), draft (suggested replies for agents) or autosend (public replies).",
  },
  autosendRolloutPercent: {
    name: "autosend_rollout_percent", type: "number", label: "Autosend rollout (%)",
    description: "In autosend mode, the share of tickets (chosen by ticket id) that get public replies; the rest get drafts.",
  },
  tagPrefix: {
    name: "tag_prefix", type: "text", label: "Tag prefix",
    description: "Prefix of the tags Deskmate writes: 1-30 lowercase letters, digits, _ or -.",
  },
  optOutTag: {
    name: "opt_out_tag", type: "text", label: "Opt-out tag",
    description: "Deskmate leaves tickets with this tag alone.",
  },
  groupByCategory: {
    name: "group_by_category", type: "multiline", label: "Escalation group per category",
    description: `Group id that escalations of each category go to. ${MAP_FORMAT} Example: billing=360001234567`,
  },
  fallbackGroupId: {
    name: "fallback_group_id", type: "text", label: "Fallback escalation group id",
    description: "Group id for escalations whose category has no group above. Empty keeps the ticket's group.",
  },
  classificationThreshold: {
    name: "classification_threshold", type: "number", label: "Classification confidence threshold",
    description: "0 to 1. Below this confidence in the ticket's category, Deskmate escalates.",
  },
  answerThreshold: {
    name: "answer_threshold", type: "number", label: "Answer confidence threshold",
    description: "0 to 1. Below this confidence in its answer, Deskmate escalates instead of replying.",
  },
  intentThresholds: {
    name: "intent_thresholds", type: "multiline", label: "Answer threshold per category",
    description: `Overrides the answer threshold for some categories (0 to 1). ${MAP_FORMAT} Example: refunds=0.9`,
  },
  turnCap: {
    name: "turn_cap", type: "number", label: "Turn cap",
    description: "Maximum Deskmate replies on one issue before it hands over to a person (at least 1).",
  },
  negativeStreak: {
    name: "negative_streak", type: "number", label: "Negative message streak",
    description: "Escalate after this many consecutive negative customer messages (at least 1).",
  },
  loopRepeats: {
    name: "loop_repeats", type: "number", label: "Repeated question limit",
    description: "Escalate when the customer asks the same question this many times (at least 2).",
  },
  repeatContactCount: {
    name: "repeat_contact_count", type: "number", label: "Repeat contact count",
    description: "Escalate when the requester opened this many tickets within the repeat contact window (at least 2).",
  },
  repeatContactDays: {
    name: "repeat_contact_days", type: "number", label: "Repeat contact window (days)",
    description: "Length of the repeat contact window in days (at least 1).",
  },
  vipTags: {
    name: "vip_tags", type: "text", label: "VIP tags",
    description: "Comma-separated user or organization tags that mark a VIP; VIP tickets go to a person.",
  },
  vipValueField: {
    name: "vip_value_field", type: "text", label: "VIP value field",
    description: "Key of a numeric user or organization field (e.g. lifetime value) used with the VIP minimum value.",
  },
  vipMinValue: {
    name: "vip_min_value", type: "number", label: "VIP minimum value",
    description: "Customers whose VIP value field is at least this are treated as VIPs. Empty turns this off.",
  },
  billingDisputeThreshold: {
    name: "billing_dispute_threshold", type: "number", label: "Billing dispute threshold",
    description: "Disputed amounts above this (in the account's currency) go to a person.",
  },
  legalTrigger: {
    name: "legal_trigger", type: "checkbox", label: "Escalate legal matters",
    description: "Hand over mentions of lawyers, legal action, regulators or data protection requests.",
  },
  fraudTrigger: {
    name: "fraud_trigger", type: "checkbox", label: "Escalate possible fraud",
    description: "Hand over chargebacks, unrecognized charges and stolen cards.",
  },
  securityTrigger: {
    name: "security_trigger", type: "checkbox", label: "Escalate security issues",
    description: "Hand over hacked or compromised accounts and lost devices with access.",
  },
  safetyTrigger: {
    name: "safety_trigger", type: "checkbox", label: "Escalate safety concerns",
    description: "Hand over threats of self-harm or violence.",
  },
  disclosureText: {
    name: "disclosure_text", type: "multiline", label: "AI disclosure",
    description: "Sentence that tells customers they are talking to an AI assistant and how to reach a person.",
  },
  escalationMessage: {
    name: "escalation_message", type: "multiline", label: "Escalation message",
    description: "Message customers get when a specialist takes over (only in autosend mode).",
  },
  prohibitedPhrases: {
    name: "prohibited_phrases", type: "multiline", label: "Prohibited phrases",
    description: "One phrase per line that Deskmate must never write to a customer.",
  },
  linkDomains: {
    name: "link_domains", type: "text", label: "Allowed link domains",
    description: "Comma-separated domains (example.com also covers its subdomains) that public replies may link to besides the help center articles they rest on. Links the customer wrote are never repeated.",
  },
  actionsCatalogOverride: {
    name: "actions_catalog_override", type: "multiline", label: "Action catalog override (JSON)",
    description: 'Adds, replaces or disables support actions for this workspace: {"actions": [...]} with entries shaped like the bundled catalog; {"name": "refund", "disabled": true} removes one. An invalid override keeps the last good catalog.',
  },
  guardrailPolicyOverride: {
    name: "guardrail_policy_override", type: "multiline", label: "Guardrail policy override (JSON)",
    description: "Replaces sections of the bundled guardrail policy (prohibited topics and phrases, sensitive-topic handlers, PII masking). An invalid override keeps the last good policy.",
  },
  enabledCategories: {
    name: "enabled_categories", type: "text", label: "Enabled categories",
    description: "Comma-separated categories Deskmate may handle; empty means all.",
  },
  decisionModel: {
    name: "decision_model", type: "text", label: "Decision model",
    description: "Claude model id that decides answer, ask, act or escalate for each customer message.",
  },
  handoffModel: {
    name: "handoff_model", type: "text", label: "Handoff model",
    description: "Claude model id that writes the handoff summary when a message goes straight to a person.",
  },
  modelTimeoutSeconds: {
    name: "model_timeout_seconds", type: "number", label: "Model timeout (seconds)",
    description: "1 to 30. A model call slower than this is retried, then the ticket goes to a person.",
  },
  knowledgeMaxPassages: {
    name: "knowledge_max_passages", type: "number", label: "Help center articles per message",
    description: "1 to 10. How many help center articles Deskmate reads before answering a message.",
  },
  knowledgeCacheMinutes: {
    name: "knowledge_cache_minutes", type: "number", label: "Help center cache (minutes)",
    description: "0 to 1440. How long article texts are cached; an edited article is read again at once. 0 turns the cache off.",
  },
  volatileTopics: {
    name: "volatile_topics", type: "text", label: "Volatile topics",
    description: "Comma-separated words (pricing, refunds, ...) whose articles go out of date; old passages on them count as stale.",
  },
  staleAfterDays: {
    name: "stale_after_days", type: "number", label: "Stale after (days)",
    description: "A passage on a volatile topic not updated for more than this many days (at least 1) is stale.",
  },
  staleKnowledgeAction: {
    name: "stale_knowledge_action", type: "text", label: "When an answer rests only on stale knowledge",
    description: "escalate (hand over with reason stale_knowledge) or draft (keep the answer as a suggested reply for an agent).",
  },
} as const satisfies Record<SettingField, SettingDefinition>;
