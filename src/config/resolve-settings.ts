import type * as z from "zod";
import type { Logger } from "../lib/logger.ts";
import { isUnset } from "./setting-inputs.ts";
import {
  defaultSettings,
  freezeSettings,
  settingDefinitions,
  settingEnvVar,
  settingsSchema,
  type SettingField,
  type Settings,
} from "./settings-schema.ts";

export type SettingSource = "installation" | "env" | "default" | "last_good";

export interface LoadedSettings {
  settings: Settings;
  source: Record<SettingField, SettingSource>;
}

export interface ResolveSettingsInput {
  /** The app installation's flat settings object; null when there is none (or it could not be read). */
  installation: Record<string, unknown> | null;
  env: Record<string, unknown>;
  /** The settings of the previous load in this isolate: what a bad value falls back to first. */
  lastGood: Settings | null;
  logger: Logger;
}

const FIELDS = Object.keys(settingDefinitions) as SettingField[];

/**
 * Per field: installation value -> `DESKMATE_*` var -> default. A value that fails validation is
 * never used: the field keeps its last good value or, without one, falls to the next source. Each
 * bad field is logged once with the reason and the fix, never with the value (some are free text).
 */
export function resolveSettings({ installation, env, lastGood, logger }: ResolveSettingsInput): LoadedSettings {
  const settings: Record<string, unknown> = {};
  const source = {} as Record<SettingField, SettingSource>;

  for (const field of FIELDS) {
    const definition = settingDefinitions[field];
    const envVar = settingEnvVar(definition);
    const candidates: [SettingSource, unknown][] = [
      ["installation", installation?.[definition.name]],
      ["env", env[envVar]],
    ];
    const failures: { from: SettingSource; error: string }[] = [];
    let chosen: [SettingSource, unknown] = ["default", defaultSettings[field]];

    for (const [from, raw] of candidates) {
      if (isUnset(raw)) continue;
      const parsed = settingsSchema.shape[field].safeParse(raw);
      if (parsed.success) {
        chosen = [from, parsed.data];
        break;
      }
      failures.push({ from, error: describeIssues(parsed.error) });
      if (lastGood) {
        chosen = ["last_good", lastGood[field]];
        break;
      }
    }

    [source[field], settings[field]] = chosen;
    if (failures.length > 0) {
      logger.warn("invalid setting ignored", {
        setting: definition.name,
        source: failures.map((failure) => failure.from).join(","),
        error: failures.map((failure) => `${failure.from}: ${failure.error}`).join(" | "),
        using: chosen[0],
        fix: `correct "${definition.name}" in the Deskmate app's settings in Zendesk, or the ${envVar} Worker var`,
      });
    }
  }
  return { settings: freezeSettings(settings as Settings), source };
}

/** Zod's messages name the rule broken, not the input, so they are safe to log. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}
