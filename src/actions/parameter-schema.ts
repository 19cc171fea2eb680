import * as z from "zod";
import { checkRegexPattern } from "../lib/check-regex-pattern.ts";

/**
 * The small JSON-schema subset an action's parameters are declared in: a flat object of typed
 * scalars. Validation is hand-written rather than done with ajv because ajv compiles schemas with
 * `new Function`, which Workers forbid (code generation from strings is disallowed at run time).
 */
export type ParameterValue = string | number | boolean;
export type ActionParameters = Record<string, ParameterValue>;

/**
 * Parameter patterns run on model-proposed values built from customer text: same safety check as guardrail
 * patterns.
 */
const regexSource = z.string().superRefine((source, ctx) => {
  const problem = checkRegexPattern(source, "u");
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** Size limits of a declaration: the catalog is sent to the model as tool schemas on every call. */
const LIMITS = { properties: 20, nameChars: 64, descriptionChars: 500, enumValues: 100, enumValueChars: 200 } as const;

export const parameterPropertySchema = z.strictObject({
  type: z.enum(["string", "number", "integer", "boolean"]),
  description: z.string().max(LIMITS.descriptionChars).optional(),
  enum: z
    .array(z.union([z.string().max(LIMITS.enumValueChars), z.number()]))
    .min(1)
    .max(LIMITS.enumValues)
    .optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  pattern: regexSource.optional(),
  maxLength: z.number().int().positive().optional(),
});

/** Undeclared properties are always rejected (as if `additionalProperties: false`). */
export const parametersSchema = z.strictObject({
  type: z.literal("object"),
  properties: z
    .record(
      z
        .string()
        .regex(/^[a-z][a-z0-9_]*$/, "parameter names are snake_case")
        .max(LIMITS.nameChars),
      parameterPropertySchema,
    )
    .refine(
      (properties) => Object.keys(properties).length <= LIMITS.properties,
      `at most ${LIMITS.properties} parameters`,
    ),
  required: z.array(z.string().max(LIMITS.nameChars)).max(LIMITS.properties).default([]),
});

export type ParameterProperty = z.infer<typeof parameterPropertySchema>;
export type ParametersSchema = z.infer<typeof parametersSchema>;

/** Every way `value` breaks `schema`, as `name: problem` lines; empty when it conforms. */
export function checkParameters(schema: ParametersSchema, value: unknown): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return ["parameters must be an object"];
  const params = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const name of schema.required) {
    if (params[name] === undefined) problems.push(`${name}: required`);
  }
  for (const [name, v] of Object.entries(params)) {
    const property = schema.properties[name];
    if (!property) problems.push(`${name}: not a declared parameter`);
    else if (v !== undefined) problems.push(...checkProperty(name, property, v));
  }
  return problems;
}

function checkProperty(name: string, p: ParameterProperty, v: unknown): string[] {
  const typeOk =
    p.type === "string"
      ? typeof v === "string"
      : p.type === "boolean"
        ? typeof v === "boolean"
        : p.type === "integer"
          ? Number.isInteger(v)
          : typeof v === "number" && Number.isFinite(v);
  if (!typeOk) return [`${name}: must be ${p.type}`];
  const problems: string[] = [];
  if (p.enum && !p.enum.includes(v as string | number)) problems.push(`${name}: not one of the allowed values`);
  if (typeof v === "number") {
    if (p.minimum !== undefined && v < p.minimum) problems.push(`${name}: below minimum ${p.minimum}`);
    if (p.maximum !== undefined && v > p.maximum) problems.push(`${name}: above maximum ${p.maximum}`);
  }
  if (typeof v === "string") {
    if (p.maxLength !== undefined && v.length > p.maxLength) problems.push(`${name}: longer than ${p.maxLength}`);
    // Anchored so a pattern describes the whole value, not a substring of it.
    if (p.pattern !== undefined && !new RegExp(`^(?:${p.pattern})$`, "u").test(v))
      problems.push(`${name}: does not match pattern`);
  }
  return problems;
}
