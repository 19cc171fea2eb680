import * as z from "zod";

/**
 * Normalizers for raw setting values. Zendesk installation settings arrive as strings, numbers or
 * booleans depending on the parameter type (and `""`/null when an admin clears a field); Worker vars
 * are strings (or TOML scalars). Each function turns what admins plausibly type into the shape the
 * zod schema checks, and leaves anything else alone so zod reports it.
 */

/** `""`, whitespace, null and undefined all mean "not set": the next source decides. */
export function isUnset(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

const TRUE_WORDS = new Set(["true", "1", "yes", "on"]);
const FALSE_WORDS = new Set(["false", "0", "no", "off"]);

/** Own parser because `z.coerce.boolean()` turns the string "false" into `true`. */
export function toBoolean(value: unknown): unknown {
  if (typeof value === "number" && (value === 0 || value === 1)) return value === 1;
  if (typeof value !== "string") return value;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return value;
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Numeric strings become numbers; other strings stay strings (zod then says "expected number"). */
export function toNumber(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  return NUMBER_TEXT.test(text) ? Number(text) : value;
}

/** Trims strings; finite numbers become strings (a TOML var `DESKMATE_FALLBACK_GROUP_ID = 123`). */
export function toText(value: unknown): unknown {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" ? value.trim() : value;
}

export function toLowerText(value: unknown): unknown {
  const text = toText(value);
  return typeof text === "string" ? text.toLowerCase() : text;
}

/**
 * A list from a JSON array, an array, or text with one item per line (and per comma when
 * `commas` is set: phrases may contain commas, tags and categories cannot). Empty items are dropped.
 */
export function toList(value: unknown, ctx: z.RefinementCtx, options: { commas: boolean }): unknown {
  let items: unknown = value;
  if (typeof value === "string") {
    const text = value.trim();
    if (text.startsWith("[")) {
      items = parseJson(text, ctx);
    } else {
      items = text.split(options.commas ? /[\r\n,]+/ : /[\r\n]+/);
    }
  }
  if (!Array.isArray(items)) return items;
  const trimmed = items.map(toText).filter((item) => item !== "");
  return [...new Set(trimmed)];
}

/**
 * A category map from a JSON object, an object, or text entries `category=value` separated by new
 * lines or commas. Category names are lowercased so `Billing=123` and `billing` match.
 */
export function toCategoryMap(value: unknown, ctx: z.RefinementCtx): unknown {
  let entries: [string, unknown][];
  if (typeof value === "string" && !value.trim().startsWith("{")) {
    entries = [];
    for (const part of value.split(/[\r\n,]+/)) {
      if (part.trim() === "") continue;
      const at = part.indexOf("=");
      if (at <= 0) {
        ctx.addIssue({ code: "custom", message: `entry ${entries.length + 1} is not of the form category=value` });
        return value;
      }
      entries.push([part.slice(0, at), part.slice(at + 1).trim()]);
    }
  } else {
    const parsed = typeof value === "string" ? parseJson(value.trim(), ctx) : value;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return parsed;
    entries = Object.entries(parsed);
  }
  // A Map, not `in` on a plain object: a category called "constructor" is not a duplicate.
  const map = new Map<string, unknown>();
  for (const [key, entryValue] of entries) {
    const category = key.trim().toLowerCase();
    if (map.has(category)) {
      ctx.addIssue({ code: "custom", message: `category "${category}" is listed twice` });
      return value;
    }
    map.set(category, entryValue);
  }
  return Object.fromEntries(map);
}

function parseJson(text: string, ctx: z.RefinementCtx): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The parser's message quotes the input; say where it failed without echoing it.
    ctx.addIssue({ code: "custom", message: "is not valid JSON" });
    return z.NEVER;
  }
}
