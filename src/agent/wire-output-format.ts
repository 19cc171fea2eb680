import format from "./wire-output-format.json" with { type: "json" };
import type { JsonOutputFormat } from "./messages-api.ts";

/**
 * The structured output format of every decision call: the wire schema (model-output-wire.ts) as strict
 * JSON Schema, committed as JSON instead of converted at run time, which kept zod's JSON Schema converter
 * (about 22 KiB) in the bundle. A test rebuilds it from the zod schema and fails, printing the fix, when
 * the two differ; the bytes are the ones SDK 1.12.0's helper sent, so the prompt cache stays warm.
 */
export function wireOutputFormat(): JsonOutputFormat {
  return format as JsonOutputFormat;
}
