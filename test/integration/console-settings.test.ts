import { describe, expect, it } from "vitest";
import type { Env } from "../../src/env.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";
import { createHarness } from "../support/worker-harness.ts";

const TOKEN = "test-admin-token-0123456789";
const ORIGIN = "http://localhost:8787";
const WORKSPACE = "ws_demo1";
const PAGE = `/admin/settings?platform=intercom&account=${WORKSPACE}`;

function setup(env: Partial<Env> = {}) {
  const h = createHarness({ env: { DESKMATE_ADMIN_TOKEN: TOKEN, ...env }, ledgerDb: sqliteD1() });
  const request = (path: string, init: RequestInit = {}) => h.runtime.app.request(`${ORIGIN}${path}`, init, h.env);
  const get = (path: string, cookie?: string) => request(path, cookie ? { headers: { cookie } } : {});
  const post = (path: string, fields: [string, string][], cookie?: string) =>
    request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams(fields).toString(),
    });

  async function signIn(): Promise<string> {
    const form = await request("/admin");
    const preLogin = cookieOf(form);
    const res = await post(
      "/admin/login",
      [
        ["csrf", csrfOf(await form.text())],
        ["token", TOKEN],
      ],
      preLogin,
    );
    expect(res.status).toBe(303);
    return cookieOf(res);
  }

  /** The workspace's settings as the JSON API reports them: what was really stored. */
  async function apiSettings() {
    const res = await request(`/admin/settings/intercom?workspace_id=${WORKSPACE}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { settings: Record<string, unknown>; sources: Record<string, string> };
  }
  return { h, get, post, signIn, apiSettings };
}

function cookieOf(res: Response): string {
  const header = res.headers.get("set-cookie");
  if (!header) throw new Error("no Set-Cookie");
  return header.split(";")[0]!;
}

function csrfOf(page: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(page);
  if (!match) throw new Error("no CSRF field on the page");
  return match[1]!;
}

function htmlText(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** What a browser posts for the settings form as shown: every field, ticked checkboxes only. */
function formFields(page: string): [string, string][] {
  const form = /<form id="settings"[\s\S]*?<\/form>/.exec(page)?.[0];
  if (!form) throw new Error("no settings form on the page");
  const fields: [string, string][] = [];
  for (const tag of form.match(/<input [^>]*>/g) ?? []) {
    const name = /name="([^"]*)"/.exec(tag)?.[1];
    if (!name) continue;
    if (/type="checkbox"/.test(tag) && !/ checked/.test(tag)) continue;
    fields.push([htmlText(name), htmlText(/value="([^"]*)"/.exec(tag)?.[1] ?? "")]);
  }
  for (const match of form.matchAll(/<textarea [^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
    fields.push([htmlText(match[1]!), htmlText(match[2]!)]);
  }
  return fields;
}

/** The form with some fields changed (a checkbox name with null: unticked). */
function edited(fields: [string, string][], changes: Record<string, string | null>): [string, string][] {
  const kept = fields.filter(([name]) => !Object.hasOwn(changes, name));
  for (const [name, value] of Object.entries(changes)) if (value !== null) kept.push([name, value]);
  return kept;
}

function row(page: string, setting: string): string {
  const match = new RegExp(`<tr data-setting="${setting}"[\\s\\S]*?</tr>`).exec(page);
  if (!match) throw new Error(`no row for ${setting}`);
  return match[0];
}

describe("console Settings page", () => {
  it("sends a visitor who is not signed in to the sign-in page", async () => {
    const { get } = setup();
    const res = await get(PAGE);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin");
  });

  it("shows every setting of an Intercom workspace with its value, source and help text", async () => {
    const { get, signIn } = setup({ DESKMATE_TURN_CAP: "6" } as Partial<Env>);
    const res = await get(PAGE, await signIn());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const page = await res.text();
    expect(page).toContain('<a href="/admin/settings" aria-current="page">Settings</a>');
    expect(row(page, "turn_cap")).toContain('data-source="environment"');
    expect(row(page, "turn_cap")).toContain('value="6"');
    expect(row(page, "mode")).toContain('data-source="default"');
    expect(row(page, "mode")).toContain('value="draft"');
    expect(row(page, "mode")).toContain("autosend (public replies)"); // the definitions' help text
    expect(row(page, "legal_trigger")).toMatch(/type="checkbox" value="true" checked/);
    expect(row(page, "volatile_topics")).toContain('value="pricing, price, policy,');
    expect(row(page, "prohibited_phrases")).toContain("<textarea");
    expect(page).toContain("No setting of this account has been changed here yet.");
  });

  it("saves only the settings changed, writes an audit line each and shows them stored", async () => {
    const { get, post, signIn, apiSettings } = setup();
    const cookie = await signIn();
    const fields = formFields(await (await get(PAGE, cookie)).text());
    const res = await post(
      "/admin/settings",
      edited(fields, { "setting.turn_cap": "5", "setting.legal_trigger": null }),
      cookie,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/admin/settings?platform=intercom&account=${WORKSPACE}&saved=2`);

    const api = await apiSettings();
    expect(api.settings.turn_cap).toBe(5);
    expect(api.sources.turn_cap).toBe("workspace");
    expect(api.settings.legal_trigger).toBe(false);
    // Untouched settings were not copied into the store.
    expect(api.sources.mode).toBe("default");
    expect(api.sources.vip_tags).toBe("default");

    const page = await (await get(res.headers.get("location")!, cookie)).text();
    expect(page).toContain("Saved 2 changes.");
    expect(row(page, "turn_cap")).toContain('data-source="stored"');
    expect(row(page, "turn_cap")).toContain('value="5"');
    expect(row(page, "legal_trigger")).not.toContain("checked");
    const audit = /<table id="settings-audit">[\s\S]*?<\/table>/.exec(page)?.[0] ?? "";
    expect(audit).toMatch(
      /<td>admin<\/td>\s*<td><code>turn_cap<\/code><\/td>\s*<td><code>\(not stored\)<\/code> → <code>5<\/code>/,
    );
    expect(audit).toMatch(/<code>legal_trigger<\/code><\/td>\s*<td><code>\(not stored\)<\/code> → <code>false<\/code>/);
  });

  it("stores nothing when the form is saved as shown (environment and defaults stay where they are)", async () => {
    const { get, post, signIn, apiSettings } = setup({ DESKMATE_VOLATILE_TOPICS: "pricing, fees" } as Partial<Env>);
    const cookie = await signIn();
    const fields = formFields(await (await get(PAGE, cookie)).text());
    const res = await post("/admin/settings", fields, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("saved=0");
    const api = await apiSettings();
    expect(Object.values(api.sources).filter((source) => source === "workspace")).toEqual([]);
    expect(api.sources.volatile_topics).toBe("env");
  });

  it("refuses bad values field by field, keeps what was typed and stores nothing", async () => {
    const { get, post, signIn, apiSettings } = setup();
    const cookie = await signIn();
    const fields = formFields(await (await get(PAGE, cookie)).text());
    const res = await post(
      "/admin/settings",
      edited(fields, { "setting.turn_cap": "many", "setting.answer_threshold": "2", "setting.mode": "autosend" }),
      cookie,
    );
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain("Nothing was saved: 2 settings need fixing");
    const turnCap = row(page, "turn_cap");
    expect(turnCap).toContain('value="many"');
    expect(turnCap).toContain('aria-invalid="true"');
    expect(turnCap).toMatch(/<div class="field-error" role="alert" id="setting-turn_cap-error">[^<]*number/);
    expect(row(page, "answer_threshold")).toMatch(/role="alert"[^>]*>[^<]*(1|less)/);
    expect(row(page, "mode")).toContain('value="autosend"'); // a valid edit is kept too
    expect(row(page, "mode")).not.toContain("role=");
    const api = await apiSettings();
    expect(api.sources.turn_cap).toBe("default");
    expect(api.sources.mode).toBe("default");
  });

  it("refuses a save without the session's CSRF token (403) and stores nothing", async () => {
    const { get, post, signIn, apiSettings } = setup();
    const cookie = await signIn();
    const fields = formFields(await (await get(PAGE, cookie)).text());
    const changed = edited(fields, { "setting.turn_cap": "5" });
    const otherSession = csrfOf(await (await get(PAGE, await signIn())).text());
    for (const body of [changed.filter(([name]) => name !== "csrf"), edited(changed, { csrf: otherSession })]) {
      const res = await post("/admin/settings", body, cookie);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("Form refused");
    }
    expect((await apiSettings()).sources.turn_cap).toBe("default");
  });

  it("shows a Zendesk account read-only and says where to change its settings", async () => {
    const { get, post, signIn } = setup({ DESKMATE_MODE: "shadow" } as Partial<Env>);
    const cookie = await signIn();
    const res = await get("/admin/settings?platform=zendesk&account=acme", cookie);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).not.toContain('<form id="settings"');
    expect(page).toContain("Zendesk Admin Center");
    expect(row(page, "mode")).toContain('data-source="environment"');
    expect(row(page, "mode")).toContain("shadow");
    const save = await post(
      "/admin/settings",
      [
        ["csrf", csrfOf(page)],
        ["platform", "zendesk"],
        ["account", "acme"],
        ["setting.mode", "off"],
      ],
      cookie,
    );
    expect(save.status).toBe(400);
    expect(await save.text()).toContain("nothing was saved");
  });

  it("names a bad account in the picker", async () => {
    const { get, signIn } = setup();
    const res = await get("/admin/settings?platform=intercom&account=bad%20id", await signIn());
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/role="alert" id="pick-account-error">required: the Intercom workspace id/);
  });
});
