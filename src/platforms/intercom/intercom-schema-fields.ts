import * as z from "zod";

/**
 * Field schemas shared by the Intercom notification schemas. Lenient where Intercom varies (ids are
 * strings in the 2.x REST API but have arrived as numbers in webhooks; assignee ids are `0` or null
 * when unassigned), strict where an id ends up in an API path or a store key.
 */
/** Bounded so every id copied onto the queue message is short (a 64-bit id has 20 digits). */
const NUMERIC_ID = /^\d{1,30}$/;
const OPAQUE_ID = /^[A-Za-z0-9._:-]{1,200}$/;

const stringOrNumber = z.union([z.string(), z.number().int().nonnegative()]).transform((value) => String(value).trim());

/** Conversation, admin, team and part ids: strings of digits, sent as strings or numbers. */
export const intercomId = stringOrNumber.pipe(
  z.string().regex(NUMERIC_ID, "expected a numeric id of at most 30 digits"),
);

/** Contact ids are hex-like (`5ba682d23d7cf92bef87bfd4`), not digits: any short id of safe characters. */
export const intercomOpaqueId = stringOrNumber.pipe(
  z.string().regex(OPAQUE_ID, "expected an id of at most 200 letters, digits, '.', '_', ':' or '-'"),
);

/**
 * `admin_assignee_id` / `team_assignee_id`: the spec says `0` means unassigned, webhooks have also
 * sent null or omitted them. Normalized to a string of digits, or undefined when unassigned.
 */
export const intercomAssigneeId = z
  .union([z.string(), z.number().int().nonnegative()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? "" : String(value).trim()))
  .pipe(
    z.union([
      z.literal("").transform(() => undefined),
      z
        .string()
        .regex(NUMERIC_ID, "expected a numeric id of at most 30 digits")
        .transform((id) => (/^0+$/.test(id) ? undefined : id)),
    ]),
  );

/** Unix seconds (Intercom's `created_at`, `updated_at`, ...), as a number or a numeric string. */
export const unixSeconds = z
  .union([z.number().int().nonnegative(), z.string().regex(NUMERIC_ID, "expected unix seconds").transform(Number)])
  .pipe(z.number().int().nonnegative().max(253402300799, "expected unix seconds"));

/** The workspace id (`app_id`, e.g. `l4e36xhv`): it becomes part of every store key. */
export const workspaceId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "expected a workspace id of letters, digits, " + "'_' or '-'");

/** Author and contact types compared case-insensitively (`admin`, `user`, `lead`, `bot`, `team`, `contact`). */
export const lowerCaseString = z.string().transform((value) => value.trim().toLowerCase());

export const conversationState = lowerCaseString.pipe(z.enum(["open", "closed", "snoozed"]));
