import type { SettingSource, SettingsLoad } from "../../config/load-settings.ts";
import { type SettingField, settingDefinitions } from "../../config/settings-schema.ts";
import { settingFormText } from "./settings-form-values.ts";

/** What the Settings page shows for the Zendesk account: values as text, each with where it came from. */
export interface ZendeskSettingsView {
  /** snake_case name -> the value the worker uses, as the page shows it. */
  values: Record<string, string>;
  sources: Record<string, SettingSource>;
  installation: SettingsLoad["installation"];
}

/**
 * The worker's own load of the Zendesk account's settings (the wiring's loader: app installation ->
 * `DESKMATE_*` vars -> defaults, last good values while Zendesk cannot be read), keyed by the names
 * admins see in Zendesk's app settings.
 */
export function zendeskSettingsView(load: SettingsLoad): ZendeskSettingsView {
  const view: ZendeskSettingsView = { values: {}, sources: {}, installation: load.installation };
  for (const field of Object.keys(settingDefinitions) as SettingField[]) {
    const definition = settingDefinitions[field];
    view.values[definition.name] = settingFormText(load.settings[field], definition.type);
    view.sources[definition.name] = load.source[field];
  }
  return view;
}
