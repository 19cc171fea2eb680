import * as z from "zod";
import { checkRegexPattern } from "../lib/check-regex-pattern.ts";
import defaultPolicyJson from "./default-policy.json" with { type: "json" };

/**
 * A regular expression written as a string in the policy file. It runs on customer text, so it must
 * compile (case-insensitive, unicode) and have no shape that backtracks catastrophically.
 */
const pattern = z.string().superRefine((source, ctx) => {
  const problem = checkRegexPattern(source, "iu");
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** Size limits: the policy is compiled and run on every message, and admins paste it by hand. */
const LIMITS = {
  topics: 50,
  patternsPerTopic: 20,
  topicChars: 80,
  phrases: 200,
  phraseChars: 200,
  messageChars: 2000,
} as const;

const topicName = z.string().min(1).max(LIMITS.topicChars);
const patterns = z.array(pattern).min(1).max(LIMITS.patternsPerTopic);
const sensitiveTopic = z.discriminatedUnion("action", [
  z.strictObject({ topic: topicName, patterns, action: z.literal("escalate") }),
  z.strictObject({
    topic: topicName,
    patterns,
    action: z.literal("refuse"),
    message: z.string().trim().min(1).max(LIMITS.messageChars),
  }),
]);

export const MASK_KINDS = ["card", "national_id", "secret"] as const;
export type MaskKind = (typeof MASK_KINDS)[number];

export const guardrailPolicySchema = z.strictObject({
  version: z.literal(1),
  prohibitedPhrases: z.array(z.string().trim().min(1).max(LIMITS.phraseChars)).max(LIMITS.phrases),
  prohibitedTopics: z.array(z.strictObject({ topic: topicName, patterns })).max(LIMITS.topics),
  /** Defaults only: the `disclosure_text` setting stays the admin's override. */
  requiredDisclosures: z.strictObject({ ai: z.string().trim().min(1).max(LIMITS.messageChars) }),
  sensitiveTopics: z.array(sensitiveTopic).max(LIMITS.topics),
  pii: z.strictObject({ mask: z.array(z.enum(MASK_KINDS)).max(MASK_KINDS.length) }),
});

export type GuardrailPolicy = z.infer<typeof guardrailPolicySchema>;
export type SensitiveTopicHandler = GuardrailPolicy["sensitiveTopics"][number];

/** A workspace override: any top-level section replaces the default's section of the same name. */
export type PolicyOverride = Partial<Omit<GuardrailPolicy, "version">> & Record<string, unknown>;

export interface LoadedPolicy {
  policy: GuardrailPolicy;
  /** Why the override (or the default) was rejected, one line per field; empty when it loaded. */
  problems: string[];
}

/**
 * The bundled default, validated when the module loads: a broken file in the deployment must fail the
 * deploy's tests, not surface at request time.
 */
export const defaultGuardrailPolicy: GuardrailPolicy = guardrailPolicySchema.parse(defaultPolicyJson);

/**
 * The effective policy: the default merged with a workspace override (section by section), validated
 * with zod. A bad result keeps `lastGood` (or the default when nothing loaded before) and lists every
 * problem so the caller can log why. Pure: no I/O, no logging.
 */
export function loadPolicy(
  defaults: unknown,
  override: unknown,
  lastGood: GuardrailPolicy | null = null,
): LoadedPolicy {
  const base = guardrailPolicySchema.safeParse(defaults);
  if (!base.success) {
    return { policy: lastGood ?? defaultGuardrailPolicy, problems: describe("default policy", base.error) };
  }
  if (override === undefined || override === null) return { policy: base.data, problems: [] };
  if (typeof override !== "object" || Array.isArray(override)) {
    return { policy: lastGood ?? base.data, problems: ["policy override: must be a JSON object"] };
  }
  const merged = guardrailPolicySchema.safeParse({ ...base.data, ...override, version: base.data.version });
  if (!merged.success) return { policy: lastGood ?? base.data, problems: describe("policy override", merged.error) };
  return { policy: merged.data, problems: [] };
}

function describe(what: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${what}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
}

/** Compiled once per policy object; patterns are validated by the schema, so this cannot throw. */
const compiled = new WeakMap<object, RegExp[]>();
export function policyPatterns(entry: { patterns: string[] }): RegExp[] {
  let regexes = compiled.get(entry);
  if (!regexes) {
    regexes = entry.patterns.map((p) => new RegExp(p, "iu"));
    compiled.set(entry, regexes);
  }
  return regexes;
}
