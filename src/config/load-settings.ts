import { createLogger, type Logger } from "../lib/logger.ts";
import { resolveSettings, type LoadedSettings, type SettingSource } from "./resolve-settings.ts";
import type { SettingField, Settings } from "./settings-schema.ts";

export type { LoadedSettings, SettingSource } from "./resolve-settings.ts";

/**
 * What became of the installation read behind a load: its settings were read, the app is not
 * installed, no read is configured (no helpdesk app), or the read failed (last good values, or the
 * environment and defaults, stand in until it succeeds).
 */
export type InstallationRead = "read" | "not_installed" | "not_configured" | "failed";

/** One load: the settings, each field's source, and how the installation read went. */
export interface SettingsLoad extends LoadedSettings {
  installation: InstallationRead;
}

export interface SettingsLoaderOptions {
  env: Record<string, unknown>;
  /** Reads the app installation's settings (null: no installation). Null when there is no helpdesk app. */
  fetchInstallationSettings: (() => Promise<Record<string, unknown> | null>) | null;
  logger: Logger;
  now?: () => number;
  /** How long one load is reused; admins see a change within this time. */
  cacheMs?: number;
}

/**
 * Loads behaviour settings: installation -> `DESKMATE_*` vars -> defaults, per field (see
 * resolveSettings). One instance per isolate: it caches a load for `cacheMs`, shares one in-flight
 * load between concurrent callers, and keeps the last good settings so a bad edit or an unreachable
 * helpdesk never drops the configuration back to defaults.
 */
export class SettingsLoader {
  readonly #options: SettingsLoaderOptions;
  readonly #now: () => number;
  readonly #cacheMs: number;
  #cached: { value: SettingsLoad; expiresAt: number } | null = null;
  #inFlight: Promise<SettingsLoad> | null = null;
  #lastGood: Settings | null = null;

  constructor(options: SettingsLoaderOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#cacheMs = options.cacheMs ?? 60_000;
  }

  get(): Promise<SettingsLoad> {
    if (this.#cached && this.#now() < this.#cached.expiresAt) return Promise.resolve(this.#cached.value);
    this.#inFlight ??= this.#load().finally(() => {
      this.#inFlight = null;
    });
    return this.#inFlight;
  }

  async #load(): Promise<SettingsLoad> {
    const { env, logger } = this.#options;
    const fetched = await this.#fetchInstallation();
    const resolved =
      fetched === "failed" && this.#lastGood
        ? { settings: this.#lastGood, source: allFrom(this.#lastGood, "last_good") }
        : resolveSettings({
            installation: fetched === "failed" || fetched === "not_configured" ? null : fetched,
            env,
            lastGood: this.#lastGood,
            logger,
          });
    const installation: InstallationRead =
      fetched === "failed" || fetched === "not_configured" ? fetched : fetched === null ? "not_installed" : "read";
    const value = { ...resolved, installation };
    this.#lastGood = value.settings;
    this.#cached = { value, expiresAt: this.#now() + this.#cacheMs };
    return value;
  }

  async #fetchInstallation(): Promise<Record<string, unknown> | null | "failed" | "not_configured"> {
    const { fetchInstallationSettings, logger } = this.#options;
    if (!fetchInstallationSettings) return "not_configured";
    try {
      const settings = await fetchInstallationSettings();
      if (settings === null || (typeof settings === "object" && !Array.isArray(settings))) return settings;
      throw new TypeError("installation settings are not an object");
    } catch (error) {
      logger.warn("installation settings unavailable", {
        error,
        using: this.#lastGood ? "last_good" : "env_and_defaults",
        retry_in_ms: this.#cacheMs,
      });
      return "failed";
    }
  }
}

/** Settings from `DESKMATE_*` vars and defaults, for code paths with no app installation. */
export function parseSettingsFromEnv(env: Record<string, unknown>, logger: Logger = createLogger()): Settings {
  return resolveSettings({ installation: null, env, lastGood: null, logger }).settings;
}

function allFrom(settings: Settings, source: SettingSource): Record<SettingField, SettingSource> {
  return Object.fromEntries(Object.keys(settings).map((field) => [field, source])) as Record<
    SettingField,
    SettingSource
  >;
}
