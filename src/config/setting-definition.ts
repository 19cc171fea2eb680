/**
 * Zendesk app parameter types used for settings
 * (developer.zendesk.com/documentation/apps/app-developer-guide/manifest/).
 */
export type ManifestParameterType = "text" | "checkbox" | "number" | "multiline";

export interface SettingDefinition {
  /** The one name: Zendesk app parameter `name`, and `DESKMATE_<NAME>` upper-cased for the Worker var. */
  name: string;
  type: ManifestParameterType;
  label: string;
  /** Shown to admins as the parameter's help text (translations/en.json). */
  description: string;
  /** Size limits, checked whatever the source (installation, workspace store, `DESKMATE_*` var). */
  limits: SettingLimits;
}

/**
 * How big one setting may be. Values come from admins and are parsed, stored and used on every
 * message, so each is bounded before it is parsed; these numbers are the only place the sizes live.
 */
export interface SettingLimits {
  /**
   * Most characters of the raw value: text as typed (trimmed), a list or map as its text, a JSON
   * value (object or array sent to the admin endpoint) as its serialized length.
   */
  maxChars: number;
  /** Lists and maps: most items (entries). Multiline messages: most lines. */
  maxItems?: number;
  /** Lists: most characters of one item. */
  maxItemChars?: number;
}
