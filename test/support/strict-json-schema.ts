type JsonSchema = Record<string, unknown>;

/** String formats structured outputs accept; another format moves into the description. */
const SUPPORTED_STRING_FORMATS = new Set([
  "date-time",
  "time",
  "date",
  "duration",
  "email",
  "hostname",
  "uri",
  "ipv4",
  "ipv6",
  "uuid",
]);

/**
 * A JSON Schema (as `z.toJSONSchema` writes it) rewritten into what structured outputs accept
 * (platform.claude.com/docs/en/build-with-claude/structured-outputs, "JSON Schema limitations"): every
 * object closed (`additionalProperties: false`), `oneOf` as `anyOf`, and each keyword the API does not
 * support (minimum, maximum, minLength, ...) moved into the description, where the model still reads it.
 * The rules are the official SDK's zod helper's, so the schema sent is the one sent before.
 */
export function strictJsonSchema(schema: JsonSchema): JsonSchema {
  return strict(structuredClone(schema));
}

function strict(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  // `$defs` before the `$ref` early return, so a root `$ref` keeps its definitions.
  const defs = take(schema, "$defs");
  if (defs !== undefined) {
    out.$defs = Object.fromEntries(Object.entries(defs as JsonSchema).map(([k, v]) => [k, strict(v as JsonSchema)]));
  }
  const ref = take(schema, "$ref");
  if (ref !== undefined) {
    out.$ref = ref;
    return out;
  }
  const enumValues = schema.enum;
  if (Array.isArray(enumValues) && enumValues.length > 0 && enumValues.every(isPrimitive)) {
    out.enum = take(schema, "enum");
  }
  if (schema.const !== undefined && isPrimitive(schema.const)) out.const = take(schema, "const");
  const hasLiterals = "enum" in out || "const" in out;
  const declaredType = take(schema, "type");
  const type = hasLiterals ? undefined : declaredType;
  const anyOf = take(schema, "anyOf");
  const oneOf = take(schema, "oneOf");
  const allOf = take(schema, "allOf");
  // `$schema` names the dialect and constrains nothing.
  take(schema, "$schema");

  if (Array.isArray(anyOf)) out.anyOf = anyOf.map((variant) => strict(variant as JsonSchema));
  else if (Array.isArray(oneOf)) out.anyOf = oneOf.map((variant) => strict(variant as JsonSchema));
  else if (Array.isArray(allOf)) out.allOf = allOf.map((entry) => strict(entry as JsonSchema));
  else if (!hasLiterals) {
    if (type === undefined) throw new Error("JSON schema must have a type unless it uses anyOf/oneOf/allOf/enum/const");
    out.type = type;
  }

  const description = take(schema, "description");
  if (description !== undefined) out.description = description;
  const title = take(schema, "title");
  if (title !== undefined) out.title = title;

  if (type === "object") {
    const properties = (take(schema, "properties") ?? {}) as JsonSchema;
    out.properties = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, strict(v as JsonSchema)]));
    take(schema, "additionalProperties");
    out.additionalProperties = false;
    const required = take(schema, "required");
    if (required !== undefined) out.required = required;
  } else if (type === "string") {
    const format = take(schema, "format");
    if (format !== undefined && SUPPORTED_STRING_FORMATS.has(format as string)) out.format = format;
    else if (format !== undefined) schema.format = format;
  } else if (type === "array") {
    const items = take(schema, "items");
    if (items !== undefined) out.items = strict(items as JsonSchema);
    const minItems = take(schema, "minItems");
    if (minItems === 0 || minItems === 1) out.minItems = minItems;
    else if (minItems !== undefined) schema.minItems = minItems;
  }

  // What is left is unsupported: the model still reads it as text.
  if (Object.keys(schema).length > 0) {
    const existing = out.description;
    const rest = Object.entries(schema)
      .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
      .join(", ");
    out.description = `${existing ? `${existing}\n\n` : ""}{${rest}}`;
  }
  return out;
}

function take(schema: JsonSchema, key: string): unknown {
  const value = schema[key];
  delete schema[key];
  return value;
}

function isPrimitive(value: unknown): boolean {
  return value === null || typeof value !== "object";
}
