import { Hono } from "hono";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import type { Ledger } from "../../src/ports/ledger.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";
import { describe, expect, it } from "vitest";
import { ADMIN_SETTINGS_PATH, adminSettingsHandlers } from "../../src/http/admin/admin-settings-route.ts";
import { SettingsLoader } from "../../src/config/load-settings.ts";
import { settingDefinitions } from "../../src/config/settings-schema.ts";
import { readWorkspaceSettings, WORKSPACE_SETTINGS_TTL_SECONDS } from "../../src/config/workspace-settings.ts";
import { loadCatalog } from "../../src/actions/load-catalog.ts";
import { createGuardrailPolicyResolver } from "../../src/guardrails/guardrail-policy-resolver.ts";
import { findProhibitedTopics } from "../../src/guardrails/match-sensitive-topic.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";
import { StateStore } from "../../src/state/state-store.ts";
import { useMswServer } from "../support/msw-server.ts";

// No handlers: the admin endpoint talks to nothing but the store.
useMswServer();

type Json = Record<string, any>;
const TOKEN = "admin-token-0123456789abcdef";
const WS = "ecahpwf5";
const KEY = `dm:intercom:${WS}:settings`;
const ALL_NAMES = Object.values(settingDefinitions)
  .map((definition) => definition.name)
  .sort();

function setup(options: { token?: string | undefined; env?: Record<string, unknown>; ledger?: Ledger } = {}) {
  const kv = new MemoryKvStore();
  const control = { token: "token" in options ? options.token : TOKEN };
  const { logger, lines } = createMemoryLogger();
  const storeFor = (workspaceId: string) => new StateStore(kv, { platform: "intercom", account: workspaceId });
  const handlers = adminSettingsHandlers({
    adminToken: () => control.token,
    storeFor,
    env: options.env ?? {},
    logger,
    ...(options.ledger ? { ledger: () => options.ledger ?? null, now: () => new Date("2026-12-06T10:00:00Z") } : {}),
  });
  const app = new Hono();
  app.get(ADMIN_SETTINGS_PATH, handlers.get);
  app.put(ADMIN_SETTINGS_PATH, handlers.put);

  // `auth: undefined` means the default admin token, as when the field is left out.
  const call = async (
    method: "GET" | "PUT",
    init: { body?: unknown; auth?: string | null | undefined; query?: string } = {},
  ) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    const auth = init.auth === undefined ? `Bearer ${TOKEN}` : init.auth;
    if (auth !== null) headers.authorization = auth;
    const body =
      init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    const response = await app.request(`${ADMIN_SETTINGS_PATH}${init.query ?? ""}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as Json, text, headers: response.headers };
  };
  const put = (settings: unknown, init: { auth?: string | null; workspace?: string } = {}) =>
    call("PUT", { body: { workspace_id: init.workspace ?? WS, settings }, auth: init.auth });
  const get = (workspace: string = WS, auth?: string | null) =>
    call("GET", { query: `?workspace_id=${workspace}`, auth });
  const stored = async (workspace: string = WS) => {
    const raw = await kv.get(`dm:intercom:${workspace}:settings`);
    return raw === null ? null : (JSON.parse(raw) as Json);
  };
  return { kv, control, lines, storeFor, put, get, call, stored };
}

describe("admin settings: authentication", () => {
  it.each([
    ["unset", undefined],
    ["blank", "  "],
  ])("answers 503 and logs the fix when DESKMATE_ADMIN_TOKEN is %s", async (_label, token) => {
    const { put, get, stored, lines } = setup({ token });
    const response = await put({ mode: "autosend" }, { auth: "Bearer anything" });
    expect(response.status).toBe(503);
    expect(response.body.error).toBe("admin_token_missing");
    expect((await get()).status).toBe(503);
    expect(await stored()).toBeNull();
    expect(
      lines.some(
        (line) => line.level === "error" && String(line.msg).includes("wrangler secret put DESKMATE_ADMIN_TOKEN"),
      ),
    ).toBe(true);
  });

  it.each([
    ["no header", null],
    ["a wrong token", "Bearer not-the-token"],
    ["the token without its last character", `Bearer ${TOKEN.slice(0, -1)}`],
    ["the token with a suffix", `Bearer ${TOKEN}x`],
    ["another scheme", `Basic ${TOKEN}`],
    ["a bare token", TOKEN],
  ])("answers 401 to %s, for GET and PUT, and stores nothing", async (_label, auth) => {
    const { put, get, stored, lines } = setup();
    const response = await put({ mode: "autosend" }, { auth });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe("unauthorized");
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await get(WS, auth)).status).toBe(401);
    expect(await stored()).toBeNull();
    expect(JSON.stringify(lines)).not.toContain(TOKEN.slice(0, 10));
  });

  it("accepts the scheme case-insensitively", async () => {
    const { get } = setup();
    expect((await get(WS, `bearer ${TOKEN}`)).status).toBe(200);
  });
});

describe("admin settings: validation", () => {
  it("names every invalid field and unknown name in one 400, and stores nothing", async () => {
    const { put, stored } = setup();
    const response = await put({
      mode: "sometimes",
      turn_cap: 0,
      group_by_category: "billing=abc",
      legal_trigger: "maybe",
      tag_prefix: "valid_prefix",
      autosendRolloutPercent: 50,
      colour: "blue",
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe("invalid_settings");
    const fields = response.body.fields as { name: string; message: string }[];
    expect(fields.map((field) => field.name).sort()).toEqual(
      ["autosendRolloutPercent", "colour", "group_by_category", "legal_trigger", "mode", "turn_cap"].sort(),
    );
    const message = (name: string) => fields.find((field) => field.name === name)?.message;
    expect(message("mode")).toContain('"autosend"');
    expect(message("turn_cap")).toMatch(/>=\s*1/);
    expect(message("group_by_category")).toBe("billing: group ids are digits");
    expect(message("autosendRolloutPercent")).toContain('did you mean "autosend_rollout_percent"');
    expect(message("colour")).toContain("not a Deskmate setting");
    // The valid field in the same request was not stored either.
    expect(await stored()).toBeNull();
  });

  it("refuses a canary block with an unknown key or a bad value, naming each key, and stores nothing", async () => {
    const { put, stored } = setup();
    const response = await put({ canary: { mode: "autosend", answer_threshold: 2, prompt_variant: "chatty" } });
    expect(response.status).toBe(400);
    const fields = response.body.fields as { name: string; message: string }[];
    expect(fields.map((field) => field.name)).toEqual(["canary"]);
    const message = fields[0]?.message ?? "";
    expect(message).toContain("mode: not a setting a canary can override; use one of decision_model");
    expect(message).toContain("answer_threshold:");
    expect(message).toContain("prompt_variant: use one of current, concise");
    expect(await stored()).toBeNull();

    const ok = await put({ canary: { decision_model: "claude-opus-5" }, canary_percent: 10 });
    expect(ok.status).toBe(200);
  });

  it("never echoes the values of free-text settings, in the answer or the logs", async () => {
    const { put, lines } = setup();
    const marker = "Private Customer Note";
    const response = await put({
      disclosure_text: `${marker} `.repeat(60),
      escalation_message: { nested: marker },
      prohibited_phrases: [marker, 42, { not: marker }],
      intent_thresholds: `${marker}=0.5\n${marker.toLowerCase()}=0.6`,
      group_by_category: `${marker}=123`,
      vip_value_field: marker.repeat(10),
    });
    expect(response.status).toBe(400);
    expect((response.body.fields as { name: string }[]).map((field) => field.name).sort()).toEqual([
      "disclosure_text",
      "escalation_message",
      "group_by_category",
      "intent_thresholds",
      "prohibited_phrases",
      "vip_value_field",
    ]);
    expect(response.text.toLowerCase()).not.toContain(marker.toLowerCase());
    expect(JSON.stringify(lines).toLowerCase()).not.toContain(marker.toLowerCase());
  });

  it("rejects a malformed body naming the fields", async () => {
    const { call } = setup();
    const notJson = await call("PUT", { body: "{mode:" });
    expect(notJson).toMatchObject({ status: 400, body: { error: "invalid_request", fields: [{ name: "(body)" }] } });
    const missing = await call("PUT", { body: { workspace_id: "bad id!", settings: "mode=autosend", extra: 1 } });
    expect(missing.status).toBe(400);
    const names = (missing.body.fields as { name: string }[]).map((field) => field.name);
    expect(names).toEqual(expect.arrayContaining(["workspace_id", "settings", "(body)"]));
  });

  it("GET without a workspace id is a 400 naming workspace_id", async () => {
    const { call } = setup();
    const response = await call("GET");
    expect(response).toMatchObject({
      status: 400,
      body: { error: "invalid_request", fields: [{ name: "workspace_id" }] },
    });
  });
});

describe("admin settings: storing and the effective view", () => {
  it("stores valid raw values with a long TTL and answers the effective settings with sources", async () => {
    const { put, stored, kv, lines } = setup({ env: { DESKMATE_TURN_CAP: "6", DESKMATE_MODE: "shadow" } });
    const response = await put({ mode: "autosend", vip_tags: "gold, platinum", legal_trigger: "false" });
    expect(response.status).toBe(200);
    expect(await stored()).toEqual({ mode: "autosend", vip_tags: "gold, platinum", legal_trigger: "false" });
    expect(kv.ttlSeconds(KEY)).toBe(WORKSPACE_SETTINGS_TTL_SECONDS);
    expect(WORKSPACE_SETTINGS_TTL_SECONDS).toBeGreaterThanOrEqual(5 * 365 * 24 * 3600);

    const view = response.body;
    expect(view.workspace_id).toBe(WS);
    expect(Object.keys(view.settings).sort()).toEqual(ALL_NAMES);
    expect(Object.keys(view.sources).sort()).toEqual(ALL_NAMES);
    expect(view.settings).toMatchObject({
      mode: "autosend",
      vip_tags: ["gold", "platinum"],
      legal_trigger: false,
      turn_cap: 6,
      loop_repeats: 3,
    });
    expect(view.sources).toMatchObject({
      mode: "workspace",
      vip_tags: "workspace",
      legal_trigger: "workspace",
      turn_cap: "env",
      loop_repeats: "default",
    });

    const logged = lines.find((line) => line.msg === "admin settings updated");
    expect(logged).toMatchObject({ workspace_id: WS, set: ["mode", "vip_tags", "legal_trigger"], removed: [] });
    expect(JSON.stringify(lines)).not.toContain("platinum");
  });

  it("merges with what was stored; null and empty strings remove a value", async () => {
    const { put, get, stored } = setup({ env: { DESKMATE_TURN_CAP: "6" } });
    expect((await put({ mode: "autosend", turn_cap: 2 })).status).toBe(200);
    expect((await put({ tag_prefix: "dm-" })).status).toBe(200);
    expect(await stored()).toEqual({ mode: "autosend", turn_cap: 2, tag_prefix: "dm-" });

    const removed = await put({ turn_cap: null, mode: "" });
    expect(removed.status).toBe(200);
    expect(await stored()).toEqual({ tag_prefix: "dm-" });
    expect(removed.body.sources).toMatchObject({ turn_cap: "env", mode: "default", tag_prefix: "workspace" });
    expect(removed.body.settings).toMatchObject({ turn_cap: 6, mode: "draft", tag_prefix: "dm-" });

    const view = await get();
    expect(view.status).toBe(200);
    // The PUT's answer is the same view plus what the audit trail recorded (no ledger here).
    const { audit, ...putView } = removed.body;
    expect(audit).toEqual({ recorded: 0, error: "no ledger bound: changes are not audited" });
    expect(view.body).toEqual(putView);
  });

  it("writes one audit line per changed setting to the ledger: who, when, old -> new", async () => {
    const ledger = d1Ledger(sqliteD1());
    const { put } = setup({ ledger });
    expect((await put({ mode: "autosend", turn_cap: 2 })).body.audit).toEqual({ recorded: 2 });
    // turn_cap unchanged: no line; mode changed; tag_prefix removed when it was never set: no line.
    expect((await put({ mode: "shadow", turn_cap: 2, tag_prefix: null })).body.audit).toEqual({ recorded: 1 });
    const lines = await ledger.settingChanges({ platform: "intercom", account: WS });
    expect(
      lines
        .map((l) => [l.setting, l.oldValue, l.newValue, l.changedBy, l.changedAt])
        .sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`)),
    ).toEqual([
      ["mode", '"autosend"', '"shadow"', "admin", "2026-12-06T10:00:00.000Z"],
      ["mode", null, '"autosend"', "admin", "2026-12-06T10:00:00.000Z"],
      ["turn_cap", null, "2", "admin", "2026-12-06T10:00:00.000Z"],
    ]);
  });

  it("keeps workspaces apart", async () => {
    const { put, get } = setup();
    await put({ mode: "autosend" }, { workspace: "ws_one" });
    expect((await get("ws_one")).body.settings.mode).toBe("autosend");
    const other = await get("ws_two");
    expect(other.body.settings.mode).toBe("draft");
    expect(other.body.sources.mode).toBe("default");
  });

  it("is what the runtime's SettingsLoader reads for the workspace", async () => {
    const { put, storeFor } = setup();
    await put({ mode: "autosend", turn_cap: "5" });
    const { logger } = createMemoryLogger();
    const loader = new SettingsLoader({
      env: { DESKMATE_MODE: "shadow" },
      fetchInstallationSettings: () => readWorkspaceSettings(storeFor(WS)),
      logger,
    });
    const loaded = await loader.get();
    expect(loaded.settings).toMatchObject({ mode: "autosend", turnCap: 5 });
    expect(loaded.source).toMatchObject({ mode: "installation", turnCap: "installation", tagPrefix: "default" });
  });

  it("answers 503 when the store is down, and a PUT repairs a corrupt stored value", async () => {
    const { put, get, kv, stored } = setup();
    kv.setAvailable(false);
    expect(await put({ mode: "autosend" })).toMatchObject({ status: 503, body: { error: "store_unavailable" } });
    expect((await get()).status).toBe(503);
    kv.setAvailable(true);

    await kv.set(KEY, "{not json", 60);
    const corrupt = await get();
    expect(corrupt).toMatchObject({ status: 503, body: { error: "config_error" } });
    expect(corrupt.body.message).toContain("PUT /admin/settings/intercom");
    expect((await put({ mode: "shadow" })).status).toBe(200);
    expect(await stored()).toEqual({ mode: "shadow" });
  });
});

describe("admin settings: size limits and override documents", () => {
  const problem = (response: { body: Json }, name: string): string =>
    String((response.body.fields as { name: string; message: string }[]).find((field) => field.name === name)?.message);

  it("refuses an over-limit document naming each field and its limit, and stores nothing", async () => {
    const { put, stored } = setup();
    const response = await put({
      // Each of these was stored as sent before: no count or size limit on lists, maps and documents.
      prohibited_phrases: Array.from({ length: 5_000 }, (_, i) => `phrase number ${i}`).join("\n"),
      group_by_category: Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`category_${i}`, "360001234567"])),
      actions_catalog_override: { actions: [{ name: "refund", disabled: true }], notes: "x".repeat(70_000) },
      turn_cap: 1_000_000,
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe("invalid_settings");
    expect(problem(response, "prohibited_phrases")).toMatch(/at most 20000 characters/);
    expect(problem(response, "group_by_category")).toMatch(/at most 100 categories/);
    expect(problem(response, "actions_catalog_override")).toMatch(/at most 64000 characters/);
    expect(problem(response, "turn_cap")).toMatch(/<=100/);
    expect(await stored()).toBeNull();
  });

  it("refuses a malformed action catalog override naming the path of every bad field", async () => {
    const { put, stored } = setup();
    const response = await put({
      actions_catalog_override: {
        actions: [
          {
            name: "gift_card",
            description: "Send a gift card",
            kind: "write",
            request: { method: "POST", url: "ftp://backend.example/gift" },
            parameters: { type: "object", properties: { amount: { type: "money" } } },
            intents: ["refund"],
            requiresVerifiedRequester: "yes",
            idempotent: true,
            critical: false,
          },
        ],
      },
    });
    expect(response.status).toBe(400);
    const message = problem(response, "actions_catalog_override");
    expect(message).toContain(
      "override.actions.gift_card.request.url: url must be a path starting with / or an https URL",
    );
    expect(message).toContain("override.actions.gift_card.parameters.properties.amount.type");
    expect(message).toContain("override.actions.gift_card.requiresVerifiedRequester");
    expect(message).toContain("default-catalog.json");
    expect(await stored()).toBeNull();
  });

  it("refuses a malformed guardrail policy override naming the path of every bad field", async () => {
    const { put, stored } = setup();
    const response = await put({
      guardrail_policy_override: JSON.stringify({
        prohibitedTopics: [{ topic: "crypto", patterns: [] }],
        sensitiveTopics: [{ topic: "debt", patterns: ["\\bdebt collector\\b"], action: "refuse", mesage: "typo" }],
      }),
    });
    expect(response.status).toBe(400);
    const message = problem(response, "guardrail_policy_override");
    expect(message).toContain("prohibitedTopics.0.patterns:");
    expect(message).toContain("sensitiveTopics.0");
    expect(message).toContain("default-policy.json");
    expect(await stored()).toBeNull();
  });

  it.each([
    ["^(a+)+$", "a repetition inside a repeated group"],
    ["(a|a)*$", "alternatives inside a repetition"],
    ["(.*a){12}", "a repetition inside a repeated group"],
  ])(
    "refuses the catastrophic pattern %s in the guardrail policy, naming the field and path",
    async (pattern, reason) => {
      const { put, stored } = setup();
      const response = await put({
        guardrail_policy_override: { prohibitedTopics: [{ topic: "crypto", patterns: ["\\bbitcoin\\b", pattern] }] },
      });
      expect(response.status).toBe(400);
      expect(problem(response, "guardrail_policy_override")).toContain(`prohibitedTopics.0.patterns.1: ${reason}`);
      expect(await stored()).toBeNull();
    },
  );

  it("stores valid overrides, and the runtime's loader and resolvers use them", async () => {
    const { put, storeFor } = setup();
    const guardrails = { prohibitedTopics: [{ topic: "crypto", patterns: ["\\b(?:bitcoin|ethereum)\\b"] }] };
    const catalog = { version: "ws-1", actions: [{ name: "refund", disabled: true }] };
    const response = await put({
      guardrail_policy_override: guardrails,
      actions_catalog_override: JSON.stringify(catalog),
    });
    expect(response.status).toBe(200);
    expect(response.body.sources).toMatchObject({
      guardrail_policy_override: "workspace",
      actions_catalog_override: "workspace",
    });

    const { logger, lines } = createMemoryLogger();
    const loader = new SettingsLoader({
      env: {},
      fetchInstallationSettings: () => readWorkspaceSettings(storeFor(WS)),
      logger,
    });
    const { settings } = await loader.get();
    const policy = createGuardrailPolicyResolver(logger)(WS, settings.guardrailPolicyOverride);
    expect(findProhibitedTopics("We now accept Bitcoin.", policy)).toEqual(["crypto"]);
    const loaded = loadCatalog({ override: settings.actionsCatalogOverride });
    expect(loaded.problems).toEqual([]);
    expect(loaded.catalog.actions.map((action) => action.name)).not.toContain("refund");
    expect(lines.filter((line) => line.level === "warn")).toEqual([]);
  });
});
