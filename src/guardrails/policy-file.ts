import { z } from "zod";
import defaultPolicyJson from "./default-policy.json" with { type: "json" };

/** A regular expression written as a string in the policy file; it must compile (case-insensitive). */
const pattern = z.string().min(1).refine(isValidPattern, { message: "not a valid regular expression" });

const sensitiveTopic = z.discriminatedUnion("action", [
  z.object({ topic: z.string().min(1), patterns: z.array(pattern).min(1), action: z.literal("escalate") }),
  z.object({ topic: z.string().min(1), patterns: z.array(pattern).min(1), action: z.literal("refuse"), message: z.string().trim().min(1) }),
]);

export const MASK_KINDS = ["card", "national_id", "secret"] as const;
export type MaskKind = (typeof MASK_KINDS)[number];

export const guardrailPolicySchema = z.strictObject({
  version: z.literal(1),
  prohibitedPhrases: z.array(z.string().trim().min(1)),
  prohibitedTopics: z.array(z.strictObject({ topic: z.string().min(1), patterns: z.array(pattern).min(1) })),
  /** Defaults only: the `disclosure_text` setting stays the admin's override. */
  requiredDisclosures: z.strictObject({ ai: z.string().trim().min(1) }),
  sensitiveTopics: z.array(sensitiveTopic),
  pii: z.strictObject({ mask: z.array(z.enum(MASK_KINDS)) }),
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
export function loadPolicy(defaults: unknown, override: unknown, lastGood: GuardrailPolicy | null = null): LoadedPolicy {
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

function isValidPattern(source: string): boolean {
  try {
    new RegExp(source, "iu");
    return true;
  } catch {
    return false;
  }
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
