import * as z from "zod";
import { PROMPT_VARIANTS, type PromptVariant } from "../domain/canary.ts";
import { intBetween, setting } from "./setting-field.ts";
import { isUnset, toLowerText } from "./setting-inputs.ts";

/** The settings a canary may override, by their setting name, with the schema field each one is. */
export const CANARY_KEYS = {
  decision_model: "decisionModel",
  handoff_model: "handoffModel",
  classification_threshold: "classificationThreshold",
  answer_threshold: "answerThreshold",
  intent_thresholds: "intentThresholds",
  guardrail_policy_override: "guardrailPolicyOverride",
  prompt_variant: "promptVariant",
} as const;

/**
 * A parsed canary block: the overridden fields with their parsed values. Written out rather than
 * derived from `Settings`, which this module's schema is part of.
 */
export interface CanaryOverride {
  decisionModel?: string;
  handoffModel?: string;
  classificationThreshold?: number;
  answerThreshold?: number;
  intentThresholds?: Record<string, number>;
  guardrailPolicyOverride?: Record<string, unknown> | null;
  promptVariant?: PromptVariant;
}

const KEY_LIST = Object.keys(CANARY_KEYS).join(", ");

/**
 * The canary block: a JSON object (text or object) whose keys are setting names from CANARY_KEYS and
 * whose values are checked by the very schema of that setting (`fieldSchema`, looked up when a value is
 * parsed), so a canary can never hold a value the setting itself would refuse. Every bad key is named
 * with its fix.
 */
function canaryOverride(fieldSchema: (field: string) => z.ZodType | undefined) {
  return z.preprocess(
    (value, ctx) => {
      let document = value;
      if (typeof value === "string") {
        try {
          document = JSON.parse(value) as unknown;
        } catch {
          ctx.addIssue({ code: "custom", message: 'not valid JSON: give an object such as {"decision_model": "..."}' });
          return z.NEVER;
        }
      }
      if (typeof document !== "object" || document === null || Array.isArray(document)) {
        ctx.addIssue({ code: "custom", message: `use a JSON object whose keys are settings (${KEY_LIST})` });
        return z.NEVER;
      }
      const parsed: Record<string, unknown> = {};
      for (const [key, raw] of Object.entries(document)) {
        const field = (CANARY_KEYS as Record<string, string>)[key];
        const schema = field ? fieldSchema(field) : undefined;
        if (!field || !schema) {
          ctx.addIssue({
            code: "custom",
            message: `${key}: not a setting a canary can override; use one of ${KEY_LIST}`,
          });
          continue;
        }
        if (isUnset(raw)) {
          ctx.addIssue({ code: "custom", message: `${key}: no value; give the value to try or remove the key` });
          continue;
        }
        const result = schema.safeParse(raw);
        if (result.success) parsed[field] = result.data;
        else
          for (const issue of result.error.issues)
            ctx.addIssue({ code: "custom", message: `${key}: ${issue.message} (the same rule as the ${key} setting)` });
      }
      return parsed;
    },
    z.record(z.string(), z.unknown()).transform((parsed) => parsed as CanaryOverride),
  );
}

/** Default: no canary block, so no ticket decides differently. */
export const NO_CANARY: CanaryOverride | null = null;

/**
 * The canary's fields of the settings schema (definitions in canary-settings.ts). `fieldSchema` gives
 * another field's schema by name (settings-schema.ts passes its own shape), so the canary block is
 * checked by the same rules as the settings it overrides.
 */
export function canarySettingFields(fieldSchema: (field: string) => z.ZodType | undefined) {
  return {
    canary: setting("canary", canaryOverride(fieldSchema).nullable(), NO_CANARY),
    canaryPercent: setting("canaryPercent", intBetween(0, 100), 0),
    promptVariant: setting(
      "promptVariant",
      z.preprocess(toLowerText, z.enum(PROMPT_VARIANTS, { error: `use one of ${PROMPT_VARIANTS.join(", ")}` })),
      "current" as PromptVariant,
    ),
  };
}
