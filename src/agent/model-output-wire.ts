import * as z from "zod";
import { modelOutputSchema, type ModelOutput } from "../ports/model-output.ts";

const parameterValue = z.union([z.string(), z.number(), z.boolean()]);

/**
 * The shape the model is asked to produce: `ModelOutput` with the action's parameters as a list of
 * `{name, value}` pairs. Structured outputs need every object closed (`additionalProperties: false`);
 * `strictJsonSchema` (test/support/strict-json-schema.ts, which builds wire-output-format.json)
 * closes `z.record(...)` into an object with no properties, so the model could only ever send
 * `parameters: {}` (platform.claude.com/docs/en/build-with-claude/structured-outputs, "JSON Schema
 * limitations"). A list of pairs keeps arbitrary parameter names expressible.
 */
export const wireOutputSchema = modelOutputSchema.extend({
  action: z
    .object({
      name: z.string(),
      parameters: z
        .array(z.object({ name: z.string(), value: parameterValue }))
        .refine(
          (pairs) => new Set(pairs.map((pair) => pair.name)).size === pairs.length,
          "parameter names must be unique",
        ),
    })
    .nullable(),
});

export type WireOutput = z.infer<typeof wireOutputSchema>;

export function fromWireOutput(wire: WireOutput): ModelOutput {
  const { action, ...rest } = wire;
  if (action === null) return { ...rest, action: null };
  return {
    ...rest,
    action: { name: action.name, parameters: Object.fromEntries(action.parameters.map((p) => [p.name, p.value])) },
  };
}

/** The JSON a well-behaved model sends for `output` (test doubles and recorded demo outputs use it). */
export function toWireOutput(output: ModelOutput): WireOutput {
  const { action, ...rest } = output;
  if (action === null) return { ...rest, action: null };
  return {
    ...rest,
    action: {
      name: action.name,
      parameters: Object.entries(action.parameters).map(([name, value]) => ({ name, value })),
    },
  };
}

export type WireParseResult = { ok: true; output: ModelOutput } | { ok: false; detail: string };

/**
 * Parses the model's text. Never throws, and the detail names paths and zod messages only: the text
 * itself (and JSON.parse's message, which quotes it) may hold customer data and must not reach logs.
 */
export function parseWireOutput(text: string): WireParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, detail: "the output is not valid JSON" };
  }
  const parsed = wireOutputSchema.safeParse(json);
  if (parsed.success) return { ok: true, output: fromWireOutput(parsed.data) };
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ` + `${issue.message}`);
  return { ok: false, detail: `the output does not match the schema (${issues.join("; ")})` };
}
