import { resolveSettings } from "../../config/resolve-settings.ts";
import { settingDefinitions, type SettingField } from "../../config/settings-schema.ts";
import type { Logger } from "../../lib/logger.ts";

/** Where a setting's effective value came from, as an Intercom admin thinks of it. */
export type EffectiveSettingSource = "workspace" | "env" | "default";

export interface EffectiveSettingsView {
  workspace_id: string;
  /** snake_case name -> the value the assistant uses (normalized: lists, maps, numbers, booleans). */
  settings: Record<string, unknown>;
  sources: Record<string, EffectiveSettingSource>;
}

/**
 * What the assistant will use for a workspace: the same resolution as the runtime's SettingsLoader
 * (stored workspace values -> `DESKMATE_*` vars -> defaults), keyed by the snake_case names admins send.
 */
export function effectiveSettingsView(
  workspaceId: string,
  stored: Record<string, unknown> | null,
  env: Record<string, unknown>,
  logger: Logger,
): EffectiveSettingsView {
  const { settings, source } = resolveSettings({ installation: stored, env, lastGood: null, logger });
  const view: EffectiveSettingsView = { workspace_id: workspaceId, settings: {}, sources: {} };
  for (const field of Object.keys(settingDefinitions) as SettingField[]) {
    const name = settingDefinitions[field].name;
    view.settings[name] = settings[field];
    const from = source[field];
    // lastGood is null here, so "last_good" cannot occur; "installation" is the workspace's stored value.
    view.sources[name] = from === "env" ? "env" : from === "default" || from === "last_good" ? "default" : "workspace";
  }
  return view;
}
