import { toNumber } from "../../config/setting-inputs.ts";
import { type SettingDefinition, settingDefinitions } from "../../config/settings-schema.ts";

/** The form field a setting is posted in: prefixed, so no setting name can collide with `csrf` or `account`. */
export function settingFieldName(name: string): string {
  return `setting.${name}`;
}

/** Every setting's definition, in the table's order (the order the page shows them in). */
export const SETTING_DEFINITIONS: readonly SettingDefinition[] = Object.values(settingDefinitions);

/**
 * A setting's effective value as the admin would type it: lists one item per line (comma separated in a
 * one-line text field, whose lists all split on commas), category maps as
 * `category=value` lines, documents as indented JSON, flags as "true"/"false", nothing as "". Each of
 * these reads back through the settings schema to the same value.
 */
export function settingFormText(value: unknown, type: SettingDefinition["type"]): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    return value.every((item) => typeof item === "string" || typeof item === "number")
      ? value.join(type === "multiline" ? "\n" : ", ")
      : JSON.stringify(value, null, 2);
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return "";
    return entries.every(([, v]) => typeof v === "string" || typeof v === "number")
      ? entries.map(([k, v]) => `${k}=${String(v)}`).join("\n")
      : JSON.stringify(value, null, 2);
  }
  return String(value);
}

/** Line endings and outer whitespace do not make a change (browsers post CRLF). */
function normalized(text: string): string {
  return text.replace(/\r\n?/g, "\n").trim();
}

export interface SettingsFormRead {
  /** What the admin typed, per snake_case name, to show back with the errors. */
  typed: Record<string, string>;
  /** Only the settings the admin changed, as values for the write path ("" removes a stored value). */
  patch: Record<string, unknown>;
}

/**
 * The posted form against the values it was shown with: a setting is part of the patch only when its
 * text differs, so saving the form never turns an environment or default value into a stored one. An
 * unticked checkbox is not posted at all, which reads as false. Numbers are stored as numbers.
 */
export function readSettingsForm(
  posted: (field: string) => string | undefined,
  shown: Readonly<Record<string, string>>,
): SettingsFormRead {
  const typed: Record<string, string> = {};
  const patch: Record<string, unknown> = {};
  for (const definition of SETTING_DEFINITIONS) {
    const name = definition.name;
    const before = shown[name] ?? "";
    const raw = posted(settingFieldName(name));
    const text = definition.type === "checkbox" ? String(raw !== undefined) : (raw ?? before);
    typed[name] = text;
    if (normalized(text) === normalized(before)) continue;
    if (definition.type === "checkbox") patch[name] = text === "true";
    else if (definition.type === "number") patch[name] = toNumber(normalized(text));
    else patch[name] = normalized(text);
  }
  return { typed, patch };
}
