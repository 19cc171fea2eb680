import * as z from "zod";
import { settingDefinitions, type SettingLimits } from "./setting-definitions.ts";
import { isUnset, toBoolean, toCategoryMap, toList, toNumber, toText } from "./setting-inputs.ts";

/*
 * The building blocks of the settings schema (settings-schema.ts): `setting()` wraps a field's value
 * schema with its default and size limit from `settingDefinitions`, and the value schemas below are
 * shared by every group of settings, so a group can live in its own file and be spread into the one
 * schema.
 */

/**
 * A field's name in `settingDefinitions`. Plain string: the definitions table is typed against
 * `SettingField`, which comes from the schema, so the schema cannot be typed by the table in turn.
 * A name missing from the table throws when this module loads.
 */
export type FieldName = string;

/**
 * One field of the settings schema: its value schema, its default (an unset value — `""`, null,
 * undefined — takes it) and its size limit from `settingDefinitions`. A raw value over its field's
 * `maxChars` is refused before it is parsed (an 87 MB list is never split, a huge JSON document never
 * walked).
 */
export function setting<T extends z.ZodType>(field: FieldName, schema: T, fallback: z.output<T>) {
  const { maxChars } = limits(field);
  return z.preprocess(
    (value, ctx) => {
      if (isUnset(value)) return undefined;
      const chars = rawChars(value);
      if (chars > maxChars) {
        ctx.addIssue({
          code: "custom",
          message: `too long: at most ${maxChars} characters, ` + `this value has ${chars}; shorten it`,
        });
        return z.NEVER;
      }
      return value;
    },
    schema.optional().default(fallback as never),
  ); // `fallback` is checked against T's output at each call
}

export function limits(field: FieldName): SettingLimits {
  const definition = (settingDefinitions as Record<string, { limits: SettingLimits } | undefined>)[field];
  if (!definition) throw new TypeError(`settings schema: no definition for ${field}`);
  return definition.limits;
}

/** Text as typed (trimmed); a list, map or document sent as JSON by its serialized length. */
function rawChars(value: unknown): number {
  if (typeof value === "string") return value.trim().length;
  if (typeof value === "object" && value !== null) return JSON.stringify(value).length;
  return String(value).length;
}

const CATEGORY = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const categoryName = z.string().regex(CATEGORY, "categories use lowercase letters, digits, _ or - (at most 64)");
export const groupId = z.preprocess(toText, z.string().regex(/^\d{1,20}$/, "group ids are digits"));
export const probability = z.preprocess(toNumber, z.number().min(0).max(1));
export const intBetween = (min: number, max: number) => z.preprocess(toNumber, z.number().int().min(min).max(max));
export const flag = z.preprocess(toBoolean, z.boolean({ error: "use true/false (or 1/0)" }));
export const tag = z.string().min(1).regex(/^\S+$/, "tags cannot contain spaces");
/** A bare host name such as help.example.com: links to it and its subdomains may appear in public replies. */
export const linkDomain = z
  .string()
  .regex(
    /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/,
    "use bare domains such as help.example.com (no scheme, path or *)",
  );

/** Customer-facing text: at most `maxItems` lines, so a message cannot be padded into a wall of blank lines. */
export const message = (field: FieldName) => {
  const maxLines = limits(field).maxItems ?? 1;
  return z.preprocess(
    toText,
    z
      .string()
      .min(1)
      .refine((text) => text.split(/\r\n|\r|\n/).length <= maxLines, `at most ${maxLines} lines; shorten it`),
  );
};

export const categoryMap = <T extends z.ZodType>(field: FieldName, value: T) => {
  const maxEntries = limits(field).maxItems ?? 0;
  return z.preprocess(
    toCategoryMap,
    z
      .record(categoryName, value)
      .refine((map) => Object.keys(map).length <= maxEntries, `at most ${maxEntries} categories`),
  );
};
export const listOf = <T extends z.ZodType>(
  field: FieldName,
  item: (maxChars: number) => T,
  { commas }: { commas: boolean },
) => {
  const { maxItems = 0, maxItemChars = 0 } = limits(field);
  return z.preprocess(
    (value, ctx) => toList(value, ctx, { commas }),
    z.array(item(maxItemChars)).max(maxItems, `at most ${maxItems} entries; remove some`),
  );
};

export const modelId = z.preprocess(
  toText,
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,199}$/, "use a model id such as claude-sonnet-5-5 (no spaces)"),
);
