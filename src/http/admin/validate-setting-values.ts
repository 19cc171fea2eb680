import type * as z from "zod";
import { isUnset } from "../../config/setting-inputs.ts";
import { settingDefinitions, settingsSchema, type SettingField } from "../../config/settings-schema.ts";

export interface FieldProblem {
  /** The snake_case setting name as sent. */
  name: string;
  message: string;
}

const FIELD_BY_NAME: ReadonlyMap<string, SettingField> = new Map(
  (Object.keys(settingDefinitions) as SettingField[]).map((field) => [settingDefinitions[field].name, field]),
);

/** Identifier-shaped fragments (category names, enum options) are safe to repeat back; free text is not. */
const IDENTIFIER = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * Check raw snake_case values against the one settings schema and report every problem at once:
 * unknown names and each invalid value. Unset values (null, "") are valid: they remove a stored
 * value. Messages name the rule broken and never quote the input (some settings are free text).
 */
export function validateSettingValues(raw: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const field = FIELD_BY_NAME.get(name);
    if (field === undefined) {
      problems.push({ name: safeName(name), message: unknownNameMessage(name) });
      continue;
    }
    if (isUnset(value)) continue;
    const parsed = settingsSchema.shape[field].safeParse(value);
    if (!parsed.success) problems.push({ name, message: describeIssues(parsed.error) });
  }
  return problems;
}

function unknownNameMessage(name: string): string {
  const snake = name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[\s-]+/g, "_")
    .toLowerCase();
  const hint = FIELD_BY_NAME.has(snake)
    ? `did you mean "${snake}"?`
    : "GET /admin/settings/intercom lists the settings";
  return `not a Deskmate setting; ${hint}`;
}

/** Names are echoed so the admin can find the bad entry; a name that is not identifier-shaped is cut short. */
function safeName(name: string): string {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(name) ? name : "(unrecognized name)";
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map(describeIssue).join("; ");
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const message =
    issue.code === "invalid_key"
      ? `invalid category name (${issue.issues.map((inner) => inner.message).join("; ")})`
      : issue.message;
  const path = issue.path.map((part) =>
    typeof part === "number" || IDENTIFIER.test(String(part)) ? String(part) : "(entry)",
  );
  return [path.length > 0 ? `${path.join(".")}:` : null, withoutQuotedInput(message)].filter(Boolean).join(" ");
}

/**
 * Zod's own messages quote only the allowed values (enum options); our input normalizers may quote a
 * category from the input. Drop any quoted fragment that is not identifier-shaped.
 */
function withoutQuotedInput(message: string): string {
  return message.replace(/"([^"]*)"/g, (whole, inner: string) => (IDENTIFIER.test(inner) ? whole : '"(omitted)"'));
}
