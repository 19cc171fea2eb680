import { z } from "zod";
import { isUnset, toBoolean, toCategoryMap, toList, toLowerText, toNumber, toText } from "./setting-inputs.ts";

export { settingDefinitions, settingEnvVar } from "./setting-definitions.ts";
export type { ManifestParameterType, SettingDefinition } from "./setting-definitions.ts";

/**
 * Behaviour settings: one schema over the raw values from the Zendesk app installation or the
 * `DESKMATE_*` Worker vars. Every field has a default, and an unset value (`""`, null, undefined)
 * takes it, so `settingsSchema.parse({})` is the default configuration. Names, manifest types and
 * descriptions live in `settingDefinitions`.
 */
function setting<T extends z.ZodType>(schema: T, fallback: z.output<T>) {
  // `fallback` is checked against the schema's output at each call; zod cannot see that through T.
  return z.preprocess((value) => (isUnset(value) ? undefined : value), schema.optional().default(fallback as never));
}

const CATEGORY = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const categoryName = z.string().regex(CATEGORY, "categories use lowercase letters, digits, _ or - (at most 64)");
const groupId = z.preprocess(toText, z.string().regex(/^\d{1,20}$/, "group ids are digits"));
const probability = z.preprocess(toNumber, z.number().min(0).max(1));
const intAtLeast = (min: number) => z.preprocess(toNumber, z.number().int().min(min));
const flag = z.preprocess(toBoolean, z.boolean({ error: 'use true/false (or 1/0)' }));
const tag = z.string().min(1).max(80).regex(/^\S+$/, "tags cannot contain spaces");
/** A bare host name such as help.example.com: links to it and its subdomains may appear in public replies. */
const linkDomain = z.string().regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/, "use bare domains such as help.example.com (no scheme, path or *)");
const message = (max: number) => z.preprocess(toText, z.string().min(1).max(max));

const categoryMap = <T extends z.ZodType>(value: T) => z.preprocess(toCategoryMap, z.record(categoryName, value));
const listOf = <T extends z.ZodType>(item: T, commas: boolean) =>
  z.preprocess((value, ctx) => toList(value, ctx, { commas }), z.array(item));

export const DEFAULT_DISCLOSURE_TEXT =
  "I'm Deskmate, the support team's AI assistant. If you'd rather talk to a person, just say so and one will take over.";

export const DEFAULT_ESCALATION_MESSAGE =
  "Thanks for your patience. I'm handing your conversation to a specialist on our support team now. " +
  "They can see everything we've discussed, so you won't need to repeat anything. " +
  "They'll reply right here as soon as they can, and you'll get their answer in this same conversation.";

/**
 * Current models from the SDK's `Model` type (@anthropic-ai/sdk 1.12.0), none in its deprecation table
 * (`DEPRECATED_MODELS`: claude-sonnet-4-5 reaches end of life on 2026-11-30). Configurable, because
 * models retire: docs.anthropic.com/en/docs/resources/model-deprecations.
 */
export const DEFAULT_DECISION_MODEL = "claude-sonnet-5-5";
export const DEFAULT_HANDOFF_MODEL = "claude-haiku-5-5";

const modelId = z.preprocess(
  toText,
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,199}$/, "use a model id such as claude-sonnet-5-5 (no spaces)"),
);

/** Topics whose articles go out of date: prices, fees and policies change, and an old answer costs money. */
export const DEFAULT_VOLATILE_TOPICS = ["pricing", "price", "policy", "policies", "refund", "refunds", "fee", "fees"] as const;

/** A JSON object given as text (app settings, env) or as an object (stored workspace settings). Its shape is checked by its own loader. */
const jsonObject = z.preprocess((value, ctx) => {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    ctx.addIssue({ code: "custom", message: "not valid JSON" });
    return z.NEVER;
  }
}, z.record(z.string(), z.unknown()));

export const settingsSchema = z.object({
  mode: setting(z.preprocess(toLowerText, z.enum(["off", "shadow", "draft", "autosend"])), "draft"),
  autosendRolloutPercent: setting(z.preprocess(toNumber, z.number().int().min(0).max(100)), 100),
  tagPrefix: setting(
    z.preprocess(toText, z.string().regex(/^[a-z0-9_-]{1,30}$/, "use 1-30 lowercase letters, digits, _ or -")),
    "deskmate_",
  ),
  optOutTag: setting(z.preprocess(toText, tag), "deskmate_off"),
  groupByCategory: setting(categoryMap(groupId), {}),
  fallbackGroupId: setting(groupId.nullable(), null),
  classificationThreshold: setting(probability, 0.7),
  answerThreshold: setting(probability, 0.75),
  intentThresholds: setting(categoryMap(probability), {}),
  turnCap: setting(intAtLeast(1), 4),
  negativeStreak: setting(intAtLeast(1), 2),
  loopRepeats: setting(intAtLeast(2), 3),
  repeatContactCount: setting(intAtLeast(2), 3),
  repeatContactDays: setting(intAtLeast(1), 7),
  vipTags: setting(listOf(z.string().max(80), true), []),
  vipValueField: setting(z.preprocess(toText, z.string().min(1).max(100)).nullable(), null),
  vipMinValue: setting(z.preprocess(toNumber, z.number().finite()).nullable(), null),
  billingDisputeThreshold: setting(z.preprocess(toNumber, z.number().finite().min(0)), 500),
  legalTrigger: setting(flag, true),
  fraudTrigger: setting(flag, true),
  securityTrigger: setting(flag, true),
  safetyTrigger: setting(flag, true),
  disclosureText: setting(message(1000), DEFAULT_DISCLOSURE_TEXT),
  escalationMessage: setting(message(2000), DEFAULT_ESCALATION_MESSAGE),
  prohibitedPhrases: setting(listOf(z.string().max(200), false), []),
  linkDomains: setting(listOf(z.preprocess(toLowerText, linkDomain), true), []),
  enabledCategories: setting(
    listOf(z.preprocess(toLowerText, categoryName), true),
    [],
  ),
  decisionModel: setting(modelId, DEFAULT_DECISION_MODEL),
  handoffModel: setting(modelId, DEFAULT_HANDOFF_MODEL),
  modelTimeoutSeconds: setting(z.preprocess(toNumber, z.number().min(1).max(30)), 20),
  knowledgeMaxPassages: setting(z.preprocess(toNumber, z.number().int().min(1).max(10)), 4),
  knowledgeCacheMinutes: setting(z.preprocess(toNumber, z.number().int().min(0).max(1440)), 60),
  volatileTopics: setting(listOf(z.preprocess(toLowerText, z.string().min(1).max(60)), true), [...DEFAULT_VOLATILE_TOPICS]),
  staleAfterDays: setting(intAtLeast(1), 90),
  staleKnowledgeAction: setting(z.preprocess(toLowerText, z.enum(["escalate", "draft"])), "escalate"),
  actionsCatalogOverride: setting(jsonObject.nullable(), null),
  guardrailPolicyOverride: setting(jsonObject.nullable(), null),
});

export type Settings = z.infer<typeof settingsSchema>;

export type SettingField = keyof Settings;

/** Frozen with its lists and maps: settings objects are shared by every caller in the isolate. */
export function freezeSettings(settings: Settings): Settings {
  for (const inner of Object.values(settings)) if (typeof inner === "object" && inner !== null) Object.freeze(inner);
  return Object.freeze(settings);
}

export const defaultSettings: Settings = freezeSettings(settingsSchema.parse({}));
