import * as z from "zod";
import type { JsonOutputFormat } from "./messages-api.ts";
import { wireOutputSchema } from "./model-output-wire.ts";
import { strictJsonSchema } from "./strict-json-schema.ts";

let format: JsonOutputFormat | null = null;

/**
 * The structured output format of every decision call: the wire schema as strict JSON Schema. Built on
 * first use and kept for the isolate (the schema never changes at run time). `reused: "ref"` writes a
 * schema used twice once, under `$defs`.
 */
export function wireOutputFormat(): JsonOutputFormat {
  format ??= {
    type: "json_schema",
    schema: strictJsonSchema(z.toJSONSchema(wireOutputSchema, { reused: "ref" }) as Record<string, unknown>),
  };
  return format;
}
