import * as z from "zod";
import { parseIsoTimestamp } from "../../lib/parse-iso-timestamp.ts";

/**
 * Field schemas shared by the Zendesk payload schemas. Lenient where Zendesk varies (ids arrive as
 * strings in event payloads but numbers in the REST API; enums have been seen as `OPEN` and `Open`),
 * strict where the pipeline depends on the value (ids must be numeric: they go into API paths and keys).
 */
/** Bounded so every id copied onto the queue message is short (a 64-bit id has 20 digits). */
const NUMERIC_ID = /^\d{1,30}$/;

/** A Zendesk id sent as a string or a number; normalized to a string of digits. */
export const zendeskId = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform((value) => String(value).trim())
  .pipe(z.string().regex(NUMERIC_ID, "expected a numeric id of at most 30 digits"));

/** An id Zendesk may omit, send as null, or (trigger placeholders) render as "". */
export const optionalZendeskId = z
  .union([z.string(), z.number().int().nonnegative()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? "" : String(value).trim()))
  .pipe(
    z.union([
      z.literal("").transform(() => undefined),
      z.string().regex(NUMERIC_ID, "expected a numeric id of at most 30 digits"),
    ]),
  );

/** An enum compared case-insensitively (`OPEN`, `Open`, `open`), normalized to lower case. */
export function caseInsensitiveEnum<const T extends readonly [string, ...string[]]>(
  values: T,
  aliases: Readonly<Record<string, T[number]>> = {},
) {
  return z
    .string()
    .transform((value) => {
      const lower = value.trim().toLowerCase();
      return Object.hasOwn(aliases, lower) ? (aliases[lower] as string) : lower;
    })
    .pipe(z.enum(values));
}

/** Statuses seen in event payloads; `deleted`, `archived`, `scrubbed` appear for removed tickets. */
export const TICKET_STATUSES = [
  "new",
  "open",
  "pending",
  "hold",
  "solved",
  "closed",
  "deleted",
  "archived",
  "scrubbed",
] as const;
/** Trigger placeholders render the display name `On-hold` (support.zendesk.com article 4408886858138). */
export const STATUS_ALIASES: Readonly<Record<string, (typeof TICKET_STATUSES)[number]>> = {
  "on-hold": "hold",
  on_hold: "hold",
  "on hold": "hold",
};

export const ticketStatus = caseInsensitiveEnum(TICKET_STATUSES, STATUS_ALIASES);
export const ticketPriority = caseInsensitiveEnum(["low", "normal", "high", "urgent"] as const);

/** A boolean, or its string rendering from a trigger placeholder (`"true"`, `"False"`). */
export const booleanish = z.union([
  z.boolean(),
  z
    .string()
    .transform((value) => value.trim().toLowerCase())
    .pipe(z.enum(["true", "false"]))
    .transform((value) => value === "true"),
]);

export const isoTimestamp = z
  .string()
  .refine((value) => parseIsoTimestamp(value) !== null, "expected an ISO-8601 date-time");

/** Event ids and similar opaque ids end up in store keys: keep them short and free of odd characters. */
export const opaqueId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,200}$/, "expected an id of at most 200 letters, " + "digits, '.', '_', ':' or '-'");
