import { describe, expect, it } from "vitest";
import { parseSettingsFromEnv, SettingsLoader, type SettingsLoaderOptions } from "../../src/config/load-settings.ts";
import { defaultSettings, settingDefinitions, type Settings } from "../../src/config/settings-schema.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";

type Installation = Record<string, unknown> | null;

/** A loader over a mutable installation and a hand-driven clock; counts installation reads. */
function setup(options: { installation?: Installation; env?: Record<string, unknown> } = {}) {
  const { logger, lines } = createMemoryLogger();
  const state = { installation: options.installation ?? null, fail: false, fetches: 0, time: 1_000_000 };
  const loaderOptions: SettingsLoaderOptions = {
    env: options.env ?? {},
    fetchInstallationSettings: async () => {
      state.fetches += 1;
      if (state.fail) throw new Error("zendesk unreachable");
      return state.installation;
    },
    logger,
    now: () => state.time,
  };
  return { loader: new SettingsLoader(loaderOptions), state, lines };
}

const EXPIRED = 60_001;

describe("SettingsLoader: sources per field", () => {
  const rows: {
    name: string;
    installation: Installation;
    env: Record<string, unknown>;
    settings: Partial<Settings>;
    source: Partial<Record<keyof Settings, string>>;
  }[] = [
    {
      name: "defaults when nothing is set",
      installation: null,
      env: {},
      settings: defaultSettings,
      source: { mode: "default", groupByCategory: "default", escalationMessage: "default" },
    },
    {
      name: "env only (mode is case-insensitive, numbers from strings)",
      installation: null,
      env: { DESKMATE_MODE: "SHADOW", DESKMATE_TURN_CAP: "6", DESKMATE_VIP_TAGS: "gold, platinum\ngold" },
      settings: { mode: "shadow", turnCap: 6, vipTags: ["gold", "platinum"], loopRepeats: 3 },
      source: { mode: "env", turnCap: "env", vipTags: "env", loopRepeats: "default" },
    },
    {
      name: "installation overrides env; empty installation values fall through",
      installation: {
        mode: "autosend",
        turn_cap: 5,
        tag_prefix: "",
        opt_out_tag: null,
        worker_url: "https://w.example",
      },
      env: { DESKMATE_MODE: "shadow", DESKMATE_TURN_CAP: "6", DESKMATE_TAG_PREFIX: "dm-" },
      settings: { mode: "autosend", turnCap: 5, tagPrefix: "dm-", optOutTag: "deskmate_off" },
      source: { mode: "installation", turnCap: "installation", tagPrefix: "env", optOutTag: "default" },
    },
    {
      name: '"false" strings, 0 and checkbox booleans parse as false',
      installation: { legal_trigger: "false", fraud_trigger: false, security_trigger: "0" },
      env: { DESKMATE_SAFETY_TRIGGER: "FALSE" },
      settings: { legalTrigger: false, fraudTrigger: false, securityTrigger: false, safetyTrigger: false },
      source: { legalTrigger: "installation", safetyTrigger: "env" },
    },
    {
      name: "group_by_category as category=id lines",
      installation: { group_by_category: "billing=360001\nShipping = 360002, returns=360003" },
      env: {},
      settings: { groupByCategory: { billing: "360001", shipping: "360002", returns: "360003" } },
      source: { groupByCategory: "installation" },
    },
    {
      name: "group_by_category and intent_thresholds as JSON objects",
      installation: null,
      env: {
        DESKMATE_GROUP_BY_CATEGORY: '{"billing": "360001", "shipping": 360002}',
        DESKMATE_INTENT_THRESHOLDS: '{"refunds": 0.9, "billing": "0.8"}',
      },
      settings: {
        groupByCategory: { billing: "360001", shipping: "360002" },
        intentThresholds: { refunds: 0.9, billing: 0.8 },
      },
      source: { groupByCategory: "env", intentThresholds: "env" },
    },
  ];

  it.each(rows)("$name", async ({ installation, env, settings, source }) => {
    const { loader, lines } = setup({ installation, env });
    const loaded = await loader.get();
    expect(loaded.settings).toMatchObject(settings);
    expect(loaded.source).toMatchObject(source);
    expect(Object.keys(loaded.source).sort()).toEqual(Object.keys(settingDefinitions).sort());
    expect(lines.filter((line) => line.level === "warn")).toEqual([]);
  });
});

describe("SettingsLoader: invalid values", () => {
  it("keeps the field's last good value and logs the field, not the value", async () => {
    const { loader, state, lines } = setup({ installation: { turn_cap: 5, disclosure_text: "Hi, I'm a bot." } });
    await loader.get();
    state.installation = { turn_cap: "lots", disclosure_text: "x".repeat(5000), mode: "shadow" };
    state.time += EXPIRED;

    const loaded = await loader.get();
    expect(loaded.settings).toMatchObject({ turnCap: 5, disclosureText: "Hi, I'm a bot.", mode: "shadow" });
    expect(loaded.source).toMatchObject({ turnCap: "last_good", disclosureText: "last_good", mode: "installation" });
    const warnings = lines.filter((line) => line.level === "warn");
    expect(warnings.map((line) => line.setting).sort()).toEqual(["disclosure_text", "turn_cap"]);
    expect(warnings[0]).toMatchObject({ source: "installation", using: "last_good" });
    expect(JSON.stringify(lines)).not.toMatch(/lots|xxxxx/);
  });

  const fallRows = [
    {
      name: "falls to env without a last good value",
      env: { DESKMATE_TURN_CAP: "6" },
      turnCap: 6,
      using: "env",
      sources: "installation",
    },
    {
      name: "falls to the default when env is bad too",
      env: { DESKMATE_TURN_CAP: "0" },
      turnCap: 4,
      using: "default",
      sources: "installation,env",
    },
  ];
  it.each(fallRows)("$name", async ({ env, turnCap, using, sources }) => {
    const { loader, lines } = setup({ installation: { turn_cap: "-1" }, env });
    const loaded = await loader.get();
    expect(loaded.settings.turnCap).toBe(turnCap);
    expect(loaded.source.turnCap).toBe(using);
    expect(lines).toEqual([expect.objectContaining({ level: "warn", setting: "turn_cap", source: sources, using })]);
    expect(String(lines[0]?.fix)).toContain("DESKMATE_TURN_CAP");
  });

  it("rejects duplicate categories but not names that shadow Object.prototype", () => {
    const { logger, lines } = createMemoryLogger();
    const env = { DESKMATE_GROUP_BY_CATEGORY: "constructor=1", DESKMATE_INTENT_THRESHOLDS: "refunds=0.5\nRefunds=0.6" };
    const settings = parseSettingsFromEnv(env, logger);
    expect(settings.groupByCategory).toEqual({ constructor: "1" });
    expect(settings.intentThresholds).toEqual({});
    expect(lines.map((line) => line.setting)).toEqual(["intent_thresholds"]);
  });

  it("rejects malformed category maps and out-of-range values", async () => {
    const { loader, lines } = setup({
      installation: {
        group_by_category: "billing",
        intent_thresholds: "refunds=1.5",
        mode: "loud",
        tag_prefix: "Has Space",
      },
    });
    const { settings } = await loader.get();
    expect(settings).toMatchObject({
      groupByCategory: {},
      intentThresholds: {},
      mode: "draft",
      tagPrefix: "deskmate_",
    });
    expect(lines.map((line) => line.setting).sort()).toEqual([
      "group_by_category",
      "intent_thresholds",
      "mode",
      "tag_prefix",
    ]);
  });
});

describe("SettingsLoader: size limits and override documents, whatever the source", () => {
  const goodPolicy = { prohibitedTopics: [{ topic: "crypto", patterns: ["\\bbitcoin\\b"] }] };

  it("keeps the last good override documents when an edit breaks them, and logs every bad path", async () => {
    const catalog = { actions: [{ name: "refund", disabled: true }] };
    const { loader, state, lines } = setup({
      installation: { guardrail_policy_override: JSON.stringify(goodPolicy), actions_catalog_override: catalog },
    });
    const first = await loader.get();
    expect(first.settings.guardrailPolicyOverride).toEqual(goodPolicy);

    state.installation = {
      guardrail_policy_override: { prohibitedTopics: [{ topic: "crypto", patterns: ["^(a+)+$"] }] },
      actions_catalog_override: {
        actions: [
          { name: "refund", disabled: true },
          { name: "wire", kind: "teleport" },
        ],
      },
    };
    state.time += EXPIRED;
    const loaded = await loader.get();
    expect(loaded.settings.guardrailPolicyOverride).toEqual(goodPolicy);
    expect(loaded.settings.actionsCatalogOverride).toEqual(catalog);
    expect(loaded.source).toMatchObject({ guardrailPolicyOverride: "last_good", actionsCatalogOverride: "last_good" });
    const warning = (setting: string) => String(lines.find((line) => line.setting === setting)?.error);
    expect(warning("guardrail_policy_override")).toContain(
      "prohibitedTopics.0.patterns.0: a repetition inside a repeated group",
    );
    expect(warning("actions_catalog_override")).toContain("override.actions.wire.kind");
    expect(warning("actions_catalog_override")).toContain("override.actions.wire.request");
  });

  it("applies each field's limits to DESKMATE_* vars too", () => {
    const { logger, lines } = createMemoryLogger();
    const env = {
      DESKMATE_VIP_TAGS: Array.from({ length: 60 }, (_, i) => `tier${i}`).join(","),
      DESKMATE_ESCALATION_MESSAGE: "Thanks.\n".repeat(25),
      DESKMATE_PROHIBITED_PHRASES: "guaranteed refund\nfree forever",
    };
    const settings = parseSettingsFromEnv(env, logger);
    expect(settings.vipTags).toEqual([]);
    expect(settings.prohibitedPhrases).toEqual(["guaranteed refund", "free forever"]);
    const errors = Object.fromEntries(lines.map((line) => [line.setting, String(line.error)]));
    expect(Object.keys(errors).sort()).toEqual(["escalation_message", "vip_tags"]);
    expect(errors.vip_tags).toContain("at most 50 entries");
    expect(errors.escalation_message).toContain("at most 20 lines");
  });

  it("every setting has limits, and each default is within them", () => {
    for (const definition of Object.values(settingDefinitions)) {
      expect(definition.limits.maxChars, definition.name).toBeGreaterThan(0);
    }
    const { logger, lines } = createMemoryLogger();
    const env = Object.fromEntries(
      Object.entries(defaultSettings)
        .filter(([, value]) => value !== null)
        .map(([field, value]) => [
          `DESKMATE_${settingDefinitions[field as keyof Settings].name.toUpperCase()}`,
          typeof value === "object" ? JSON.stringify(value) : value,
        ]),
    );
    expect(parseSettingsFromEnv(env, logger)).toEqual(defaultSettings);
    expect(lines).toEqual([]);
  });
});

describe("SettingsLoader: fetching and caching", () => {
  it("keeps the last good settings when the installation cannot be read, and retries after the cache", async () => {
    const { loader, state, lines } = setup({ installation: { mode: "autosend" }, env: { DESKMATE_MODE: "shadow" } });
    expect((await loader.get()).settings.mode).toBe("autosend");

    state.fail = true;
    state.time += EXPIRED;
    const failed = await loader.get();
    expect(failed.settings.mode).toBe("autosend");
    expect(failed.source.mode).toBe("last_good");
    expect(lines).toEqual([expect.objectContaining({ level: "warn", msg: "installation settings unavailable" })]);

    state.fail = false;
    state.installation = { mode: "off" };
    expect((await loader.get()).settings.mode).toBe("autosend");
    state.time += EXPIRED;
    expect((await loader.get()).settings.mode).toBe("off");
    expect(state.fetches).toBe(3);
  });

  it("uses env and defaults when the first read fails", async () => {
    const { loader, state } = setup({ env: { DESKMATE_MODE: "shadow" } });
    state.fail = true;
    const loaded = await loader.get();
    expect(loaded.settings).toEqual({ ...defaultSettings, mode: "shadow" });
    expect(loaded.source.mode).toBe("env");
  });

  it("reuses a load within a minute and reloads after", async () => {
    const { loader, state } = setup({ installation: { mode: "shadow" } });
    await loader.get();
    state.installation = { mode: "autosend" };
    state.time += 59_999;
    expect((await loader.get()).settings.mode).toBe("shadow");
    expect(state.fetches).toBe(1);
    state.time += 2;
    expect((await loader.get()).settings.mode).toBe("autosend");
    expect(state.fetches).toBe(2);
  });

  it("shares one installation read between concurrent gets", async () => {
    const { logger } = createMemoryLogger();
    let fetches = 0;
    let release: (value: Record<string, unknown>) => void = () => {};
    const loader = new SettingsLoader({
      env: {},
      logger,
      fetchInstallationSettings: () => {
        fetches += 1;
        return new Promise((resolve) => (release = resolve));
      },
    });
    const pending = [loader.get(), loader.get(), loader.get()];
    release({ mode: "off" });
    const [first, ...rest] = await Promise.all(pending);
    expect(fetches).toBe(1);
    expect(first?.settings.mode).toBe("off");
    for (const other of rest) expect(other).toBe(first);
  });

  it("works without an installation source", async () => {
    const { logger } = createMemoryLogger();
    const loader = new SettingsLoader({ env: { DESKMATE_MODE: "off" }, fetchInstallationSettings: null, logger });
    expect((await loader.get()).settings.mode).toBe("off");
  });
});

describe("SettingsLoader: how the installation read went", () => {
  it("says whether the installation was read, is missing, failed, or is not configured", async () => {
    const { loader, state } = setup({ installation: { mode: "autosend" } });
    expect((await loader.get()).installation).toBe("read");
    state.fail = true;
    state.time += EXPIRED;
    // The last good values stand in, and the load says why.
    expect(await loader.get()).toMatchObject({ installation: "failed", settings: { mode: "autosend" } });
    state.fail = false;
    state.installation = null;
    state.time += EXPIRED;
    expect((await loader.get()).installation).toBe("not_installed");
    const { logger } = createMemoryLogger();
    const none = new SettingsLoader({ env: {}, fetchInstallationSettings: null, logger });
    expect((await none.get()).installation).toBe("not_configured");
  });
});

describe("parseSettingsFromEnv", () => {
  it("reads DESKMATE_* vars and drops bad ones to the default with a log line", () => {
    const { logger, lines } = createMemoryLogger();
    const settings = parseSettingsFromEnv(
      { DESKMATE_ANSWER_THRESHOLD: "0.9", DESKMATE_ENABLED_CATEGORIES: "Billing,shipping", DESKMATE_LOOP_REPEATS: "1" },
      logger,
    );
    expect(settings).toMatchObject({
      answerThreshold: 0.9,
      enabledCategories: ["billing", "shipping"],
      loopRepeats: 3,
    });
    expect(lines).toEqual([expect.objectContaining({ setting: "loop_repeats", source: "env", using: "default" })]);
  });

  it("returns the defaults for an empty env; the defaults are frozen", () => {
    expect(Object.isFrozen(defaultSettings.vipTags)).toBe(true);
    expect(parseSettingsFromEnv({})).toEqual(defaultSettings);
  });
});
