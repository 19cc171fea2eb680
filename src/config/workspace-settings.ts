import { ConfigError } from "../lib/errors.ts";
import type { StateStore } from "../state/state-store.ts";
import { isUnset } from "./setting-inputs.ts";

/**
 * Behaviour settings of one Intercom workspace. Intercom has no per-installation settings page like
 * Zendesk's app parameters, so the raw values (snake_case names of `settingDefinitions`, as an admin
 * sent them) live in the state store and are edited through `PUT /admin/settings/intercom`.
 * `SettingsLoader` reads them in place of installation settings: workspace -> `DESKMATE_*` -> default.
 */

/** Every key in the store has a TTL; settings must outlive any realistic gap between edits. */
export const WORKSPACE_SETTINGS_TTL_SECONDS = 10 * 365 * 24 * 60 * 60;

const FIX = "rewrite them with PUT /admin/settings/intercom";

/** The stored raw settings, or null when the workspace has none. Throws when the stored value is corrupt. */
export async function readWorkspaceSettings(store: StateStore): Promise<Record<string, unknown> | null> {
  const raw = await store.kv.get(store.key("settings"));
  if (raw === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new ConfigError(`stored workspace settings are not valid JSON; ${FIX}`, { cause: error });
  }
  if (!isPlainObject(parsed)) throw new ConfigError(`stored workspace settings are not an object; ${FIX}`);
  return parsed;
}

/** Replace the stored raw settings. Unset values (null, "") are dropped: absent means "next source". */
export async function writeWorkspaceSettings(store: StateStore, raw: Record<string, unknown>): Promise<void> {
  const kept = Object.fromEntries(Object.entries(raw).filter(([, value]) => !isUnset(value)));
  await store.kv.set(store.key("settings"), JSON.stringify(kept), WORKSPACE_SETTINGS_TTL_SECONDS);
}

/** `patch` over `previous`: a value replaces, an unset value (null, "") removes the stored one. */
export function mergeWorkspaceSettings(
  previous: Record<string, unknown> | null,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...previous };
  for (const [name, value] of Object.entries(patch)) {
    if (isUnset(value)) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
