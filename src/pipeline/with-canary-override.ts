import { freezeSettings, type Settings } from "../config/settings-schema.ts";

const merged = new WeakMap<Settings, Settings>();

/**
 * The settings a canary ticket decides with: the account's settings with the canary block's values
 * in place of theirs. One frozen object per settings object, so its fingerprint (cached per object)
 * is hashed once. Without a block, the settings themselves.
 */
export function withCanaryOverride(settings: Settings): Settings {
  if (!settings.canary) return settings;
  const known = merged.get(settings);
  if (known) return known;
  const candidate = freezeSettings({ ...settings, ...settings.canary });
  merged.set(settings, candidate);
  return candidate;
}
