import * as z from "zod";
import { loadCatalog } from "../actions/load-catalog.ts";
import defaultPolicyJson from "../guardrails/default-policy.json" with { type: "json" };
import { loadPolicy } from "../guardrails/policy-file.ts";
import { type SettingDefinition, settingDefinitions } from "./setting-definitions.ts";
import { driftCheckSettingFields } from "./drift-check-setting-fields.ts";
import { DEFAULT_MODEL_PRICES, modelPriceTable } from "./model-price-table.ts";
import { shadowScoringSettingFields } from "./shadow-scoring-setting-fields.ts";
import {
  categoryMap,
  categoryName,
  flag,
  groupId,
  intBetween,
  limits,
  linkDomain,
  listOf,
  message,
  modelId,
  probability,
  setting,
  tag,
} from "./setting-field.ts";
import { toLowerText, toNumber, toText } from "./setting-inputs.ts";
import { rolloutArmSettingFields } from "./rollout-arm-setting-fields.ts";
import { stageGuardSettingFields } from "./stage-guard-setting-fields.ts";
import { attachmentSettingFields } from "./attachment-setting-fields.ts";
import { followUpSettingFields } from "./follow-up-setting-fields.ts";
import { canarySettingFields } from "./canary-setting-fields.ts";
import { businessHoursSettingFields } from "./business-hours-setting-fields.ts";
import { messageTranslationsSettingFields } from "./message-translations-setting-fields.ts";
import { dataNoticeSettingFields } from "./data-notice-setting-fields.ts";
import { routingSettingFields } from "./routing-setting-fields.ts";
import { modelRoutingSettingFields } from "./model-routing-setting-fields.ts";
import { requestGovernorSettingFields } from "./request-governor-setting-fields.ts";

export { settingDefinitions, settingEnvVar } from "./setting-definitions.ts";
export type { ManifestParameterType, SettingDefinition } from "./setting-definitions.ts";

export const DEFAULT_DISCLOSURE_TEXT =
  "I'm Deskmate, the support team's AI assistant. If you'd rather talk to a person, just say so and one will take " +
  "over.";

export const DEFAULT_ESCALATION_MESSAGE =
  "Thanks for your patience. I'm handing your conversation to a specialist on our support team now. " +
  "They can see everything we've discussed, so you won't need to repeat anything. " +
  "They'll reply right here as soon as they can, and you'll get their answer in this same conversation.";

/**
 * Current models (as of December 2026), none announced for retirement (claude-sonnet-4-5 reached end of
 * life on 2026-11-30). Configurable, because models retire:
 * docs.anthropic.com/en/docs/resources/model-deprecations.
 */
export const DEFAULT_DECISION_MODEL = "claude-sonnet-5-5";
export const DEFAULT_HANDOFF_MODEL = "claude-haiku-5-5";

/** Topics whose articles go out of date: prices, fees and policies change, and an old answer costs money. */
export const DEFAULT_VOLATILE_TOPICS = [
  "pricing",
  "price",
  "policy",
  "policies",
  "refund",
  "refunds",
  "fee",
  "fees",
] as const;

/** A JSON object given as text (app settings, env) or as an object (stored workspace settings). */
const jsonObject = z.preprocess(
  (value, ctx) => {
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "not valid JSON" });
      return z.NEVER;
    }
  },
  z.record(z.string(), z.unknown()),
);

/**
 * Override documents are checked against the real schemas here, so the admin endpoint refuses a bad
 * one (400, nothing stored) and a load keeps the field's last good value and logs every bad path.
 */
function jsonDocument(problemsOf: (document: Record<string, unknown>) => string[], shape: string) {
  return jsonObject.superRefine((document, ctx) => {
    const problems = problemsOf(document);
    for (const problem of problems) ctx.addIssue({ code: "custom", message: problem });
    if (problems.length > 0)
      ctx.addIssue({ code: "custom", message: `fix the paths listed; ${shape} shows the expected shape` });
  });
}
const actionsCatalogOverride = jsonDocument(
  (override) => loadCatalog({ override }).problems,
  "the bundled catalog (src/actions/default-catalog.json)",
);
const guardrailPolicyOverride = jsonDocument(
  (override) => loadPolicy(defaultPolicyJson, override).problems,
  "the bundled policy (src/guardrails/default-policy.json)",
);

/**
 * Behaviour settings: one schema over the raw values from the Zendesk app installation, the
 * Intercom workspace's stored settings or the `DESKMATE_*` Worker vars. Every field has a default,
 * and an unset value (`""`, null, undefined) takes it, so `settingsSchema.parse({})` is the default
 * configuration. Names, manifest types, descriptions and size limits live in `settingDefinitions`.
 */
export const settingsSchema = z.object({
  mode: setting("mode", z.preprocess(toLowerText, z.enum(["off", "shadow", "draft", "autosend"])), "draft"),
  autosendRolloutPercent: setting(
    "autosendRolloutPercent",
    z.preprocess(toNumber, z.number().int().min(0).max(100)),
    100,
  ),
  tagPrefix: setting(
    "tagPrefix",
    z.preprocess(toText, z.string().regex(/^[a-z0-9_-]+$/, "use 1-30 lowercase letters, digits, _ or -")),
    "deskmate_",
  ),
  optOutTag: setting("optOutTag", z.preprocess(toText, tag), "deskmate_off"),
  groupByCategory: setting("groupByCategory", categoryMap("groupByCategory", groupId), {}),
  fallbackGroupId: setting("fallbackGroupId", groupId.nullable(), null),
  classificationThreshold: setting("classificationThreshold", probability, 0.7),
  answerThreshold: setting("answerThreshold", probability, 0.75),
  intentThresholds: setting("intentThresholds", categoryMap("intentThresholds", probability), {}),
  turnCap: setting("turnCap", intBetween(1, 100), 4),
  negativeStreak: setting("negativeStreak", intBetween(1, 100), 2),
  loopRepeats: setting("loopRepeats", intBetween(2, 100), 3),
  repeatContactCount: setting("repeatContactCount", intBetween(2, 1000), 3),
  repeatContactDays: setting("repeatContactDays", intBetween(1, 365), 7),
  vipTags: setting(
    "vipTags",
    listOf("vipTags", (max: number) => z.string().max(max), { commas: true }),
    [],
  ),
  vipValueField: setting("vipValueField", z.preprocess(toText, z.string().min(1)).nullable(), null),
  vipMinValue: setting("vipMinValue", z.preprocess(toNumber, z.number().finite()).nullable(), null),
  billingDisputeThreshold: setting("billingDisputeThreshold", z.preprocess(toNumber, z.number().finite().min(0)), 500),
  legalTrigger: setting("legalTrigger", flag, true),
  fraudTrigger: setting("fraudTrigger", flag, true),
  securityTrigger: setting("securityTrigger", flag, true),
  safetyTrigger: setting("safetyTrigger", flag, true),
  disclosureText: setting("disclosureText", message("disclosureText"), DEFAULT_DISCLOSURE_TEXT),
  escalationMessage: setting("escalationMessage", message("escalationMessage"), DEFAULT_ESCALATION_MESSAGE),
  prohibitedPhrases: setting(
    "prohibitedPhrases",
    listOf("prohibitedPhrases", (max: number) => z.string().max(max), { commas: false }),
    [],
  ),
  linkDomains: setting(
    "linkDomains",
    listOf("linkDomains", () => z.preprocess(toLowerText, linkDomain), { commas: true }),
    [],
  ),
  enabledCategories: setting(
    "enabledCategories",
    listOf("enabledCategories", () => z.preprocess(toLowerText, categoryName), { commas: true }),
    [],
  ),
  decisionModel: setting("decisionModel", modelId, DEFAULT_DECISION_MODEL),
  handoffModel: setting("handoffModel", modelId, DEFAULT_HANDOFF_MODEL),
  modelPrices: setting("modelPrices", modelPriceTable(limits("modelPrices").maxItems ?? 0), {
    ...DEFAULT_MODEL_PRICES,
  }),
  modelTimeoutSeconds: setting("modelTimeoutSeconds", z.preprocess(toNumber, z.number().min(1).max(30)), 20),
  knowledgeMaxPassages: setting("knowledgeMaxPassages", z.preprocess(toNumber, z.number().int().min(1).max(10)), 4),
  knowledgeCacheMinutes: setting(
    "knowledgeCacheMinutes",
    z.preprocess(toNumber, z.number().int().min(0).max(1440)),
    60,
  ),
  volatileTopics: setting(
    "volatileTopics",
    listOf("volatileTopics", (max: number) => z.preprocess(toLowerText, z.string().min(1).max(max)), { commas: true }),
    [...DEFAULT_VOLATILE_TOPICS],
  ),
  staleAfterDays: setting("staleAfterDays", intBetween(1, 3650), 90),
  staleKnowledgeAction: setting(
    "staleKnowledgeAction",
    z.preprocess(toLowerText, z.enum(["escalate", "draft"])),
    "escalate",
  ),
  resolutionWaitHours: setting("resolutionWaitHours", intBetween(1, 720), 72),
  retentionDays: setting("retentionDays", intBetween(30, 3650), 400),
  actionsCatalogOverride: setting("actionsCatalogOverride", actionsCatalogOverride.nullable(), null),
  guardrailPolicyOverride: setting("guardrailPolicyOverride", guardrailPolicyOverride.nullable(), null),
  ...rolloutArmSettingFields,
  ...driftCheckSettingFields,
  ...stageGuardSettingFields,
  ...shadowScoringSettingFields,
  ...businessHoursSettingFields,
  ...messageTranslationsSettingFields,
  ...dataNoticeSettingFields,
  ...attachmentSettingFields,
  ...followUpSettingFields,
  ...routingSettingFields,
  ...modelRoutingSettingFields,
  ...requestGovernorSettingFields,
  ...canarySettingFields((field): z.ZodType | undefined => (settingsSchema.shape as Record<string, z.ZodType>)[field]),
});

export type Settings = z.infer<typeof settingsSchema>;

export type SettingField = keyof Settings;

/**
 * Every setting has a definition and every definition is a setting (checked here rather than in the
 * definitions file, which would otherwise import this schema back).
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const settingsMatchDefinitions: Same<SettingField, keyof typeof settingDefinitions> = true;
settingDefinitions satisfies Record<SettingField, SettingDefinition>;

/** Frozen with its lists and maps: settings objects are shared by every caller in the isolate. */
export function freezeSettings(settings: Settings): Settings {
  for (const inner of Object.values(settings)) if (typeof inner === "object" && inner !== null) Object.freeze(inner);
  return Object.freeze(settings);
}

export const defaultSettings: Settings = freezeSettings(settingsSchema.parse({}));
