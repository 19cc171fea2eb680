import { describe, expect, it } from "vitest";
import type { DecisionRecord, LifecycleEvent } from "../../src/domain/ledger.ts";
import type { Env } from "../../src/env.ts";
import { sessionKey } from "../../src/http/console/session-key.ts";
import { newSessionId, signSession } from "../../src/http/console/session-token.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { DAY, decision, event, HOUR } from "../support/ledger-rows.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";
import { createHarness } from "../support/worker-harness.ts";

const TOKEN = "test-admin-token-0123456789";
const ORIGIN = "http://localhost:8787";
// The ledger-rows helpers start on Monday 2 March 2026, 10:00 UTC.
const ACME = "platform=zendesk&account=acme&from=2026-03-02&to=2026-03-08";

async function setup(rows: { decisions?: DecisionRecord[]; events?: LifecycleEvent[] } = {}, env: Partial<Env> = {}) {
  const db = sqliteD1();
  const ledger = d1Ledger(db);
  for (const d of rows.decisions ?? []) await ledger.recordDecision(d);
  for (const e of rows.events ?? []) await ledger.recordLifecycle(e);
  const h = createHarness({ env: { DESKMATE_ADMIN_TOKEN: TOKEN, ...env }, ledgerDb: db });
  const request = (path: string, init: RequestInit = {}) =>
    h.runtime.app.request(path.startsWith("http") ? path : `${ORIGIN}${path}`, init, h.env);
  const get = (path: string, cookie?: string) => request(path, cookie ? { headers: { cookie } } : {});
  const post = (path: string, fields: Record<string, string>, cookie?: string) =>
    request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams(fields).toString(),
    });

  /** The login form: its pre-login cookie and CSRF token. */
  async function loginForm(origin = ORIGIN) {
    const res = await request(`${origin}/admin`);
    return { res, cookie: cookieOf(res), csrf: csrfOf(await res.text()) };
  }

  /** Signed in: the session cookie and the page's CSRF token. */
  async function signIn() {
    const form = await loginForm();
    const res = await post("/admin/login", { csrf: form.csrf, token: TOKEN }, form.cookie);
    expect(res.status).toBe(303);
    const cookie = cookieOf(res);
    const page = await get("/admin", cookie);
    return { cookie, csrf: csrfOf(await page.text()) };
  }
  return { h, request, get, post, loginForm, signIn };
}

/** `name=value` of the response's Set-Cookie, as a browser would send it back. */
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

const isLoginForm = (page: string) => page.includes('<form id="login"') && page.includes('name="token"');
const isOverview = (page: string) => page.includes("<h1>Overview</h1>") && page.includes('<form id="logout"');

describe("console sign-in", () => {
  it("signs in with the admin token: a session cookie with its attributes, then the Overview", async () => {
    const { loginForm, post, get } = await setup();
    const form = await loginForm();
    expect(form.res.status).toBe(200);
    const res = await post("/admin/login", { csrf: form.csrf, token: TOKEN }, form.cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin");
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^deskmate_console=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+; /);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    expect(setCookie).toContain("Path=/admin");
    expect(setCookie).toContain("Max-Age=43200");
    expect(setCookie).not.toContain("Secure"); // plain http on localhost (wrangler dev)
    // A new session id: the pre-login cookie is not the session cookie.
    expect(cookieOf(res)).not.toBe(form.cookie);
    const page = await get("/admin", cookieOf(res));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(isOverview(await page.text())).toBe(true);
  });

  it("marks the cookie Secure on any other origin", async () => {
    const { loginForm, request } = await setup();
    const origin = "https://deskmate.example.com";
    const form = await loginForm(origin);
    expect(form.res.headers.get("set-cookie")).toContain("Secure");
    const res = await request(`${origin}/admin/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: form.cookie },
      body: new URLSearchParams({ csrf: form.csrf, token: TOKEN }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/; Secure$/);
  });

  it("answers a wrong token with the form again, an alert, 401 and no cookie", async () => {
    const { loginForm, post, get } = await setup();
    const form = await loginForm();
    const res = await post("/admin/login", { csrf: form.csrf, token: `${TOKEN}x` }, form.cookie);
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
    const page = await res.text();
    expect(isLoginForm(page)).toBe(true);
    expect(page).toContain('<p role="alert">That is not this worker&#39;s admin token.');
    expect(page).not.toContain(`${TOKEN}x`);
    // The pre-login cookie still only shows the form.
    expect(isLoginForm(await (await get("/admin", form.cookie)).text())).toBe(true);
  });

  it("sends its stylesheet as CSS, not as HTML-escaped text (quotes intact, so the rules apply)", async () => {
    const { request } = await setup();
    const page = await (await request(`${ORIGIN}/admin`)).text();
    const style = page.slice(page.indexOf("<style>"), page.indexOf("</style>"));
    expect(style).toContain('[role="alert"]');
    expect(style).toContain('"Segoe UI"');
    expect(style).not.toContain("&quot;");
  });

  it("answers 503 with how to set the token when none is configured", async () => {
    const { get, post } = await setup({}, { DESKMATE_ADMIN_TOKEN: "  " });
    const res = await get("/admin");
    expect(res.status).toBe(503);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain("wrangler secret put DESKMATE_ADMIN_TOKEN");
    expect((await post("/admin/login", { token: "" })).status).toBe(503);
  });
});

describe("console sessions that no longer hold", () => {
  async function cookieFor(token: string, over: { expiresAt?: number; signedIn?: boolean } = {}) {
    const session = { id: newSessionId(), expiresAt: Date.now() + HOUR, signedIn: true, ...over };
    return `deskmate_console=${await signSession(await sessionKey(token), session)}`;
  }

  it.each([
    ["expired", () => cookieFor(TOKEN, { expiresAt: Date.now() - 1000 })],
    ["signed under another admin token (rotated)", () => cookieFor("the-previous-admin-token")],
    [
      "tampered (signed-in flag flipped)",
      async () => {
        const pre = await cookieFor(TOKEN, { signedIn: false });
        const [payload, mac] = pre.slice("deskmate_console=".length).split(".") as [string, string];
        const json = JSON.parse(Buffer.from(payload, "base64url").toString());
        return `deskmate_console=${Buffer.from(JSON.stringify({ ...json, in: true })).toString("base64url")}.${mac}`;
      },
    ],
    ["not a session at all", async () => "deskmate_console=garbage"],
  ])("an %s cookie gets the login form saying the session ended, and a fresh cookie", async (_name, make) => {
    const { get } = await setup();
    const res = await get("/admin", await make());
    expect(res.status).toBe(401);
    const page = await res.text();
    expect(isLoginForm(page)).toBe(true);
    expect(isOverview(page)).toBe(false);
    expect(page).toMatch(/role="alert">Your session expired .* Sign in again\./);
    expect(res.headers.get("set-cookie")).toMatch(/^deskmate_console=[^;]+; Path=\/admin/);
  });

  it("ends every session when the admin token is rotated", async () => {
    const first = await setup();
    const { cookie } = await first.signIn();
    expect(isOverview(await (await first.get("/admin", cookie)).text())).toBe(true);
    const rotated = await setup({}, { DESKMATE_ADMIN_TOKEN: "a-new-admin-token-after-rotation" });
    const res = await rotated.get("/admin", cookie);
    expect(res.status).toBe(401);
    expect(isLoginForm(await res.text())).toBe(true);
  });
});

describe("console CSRF", () => {
  it("refuses a sign-in without the form's CSRF token, or with another session's, with 403", async () => {
    const { loginForm, post } = await setup();
    const mine = await loginForm();
    const theirs = await loginForm();
    for (const [fields, cookie] of [
      [{ token: TOKEN }, mine.cookie],
      [{ token: TOKEN, csrf: theirs.csrf }, mine.cookie],
      [{ token: TOKEN, csrf: mine.csrf }, undefined],
    ] as const) {
      const res = await post("/admin/login", fields, cookie);
      expect(res.status).toBe(403);
      expect(res.headers.get("set-cookie")).toBeNull();
      expect(await res.text()).toMatch(/role="alert">This form was sent without a valid security token \(CSRF\)/);
    }
  });

  it("refuses a sign-out without the session's CSRF token, and the session stays", async () => {
    const { signIn, post, get } = await setup();
    const { cookie } = await signIn();
    const other = await signIn();
    for (const fields of [{}, { csrf: other.csrf }]) {
      const res = await post("/admin/logout", fields, cookie);
      expect(res.status).toBe(403);
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    expect(isOverview(await (await get("/admin", cookie)).text())).toBe(true);
  });

  it("signs out with the CSRF token: the cookie is cleared", async () => {
    const { signIn, post } = await setup();
    const { cookie, csrf } = await signIn();
    const res = await post("/admin/logout", { csrf }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin");
    expect(res.headers.get("set-cookie")).toBe("deskmate_console=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict");
  });
});

const zd = (ticketId: string) => ({ platform: "zendesk" as const, account: "acme", ticketId });

function acmeWeek() {
  return {
    decisions: [
      decision({ ...zd("1"), modelCostUsd: 0.02 }),
      decision({ ...zd("2"), category: "shipping", modelCostUsd: 0.03 }),
      decision({ ...zd("3"), outcome: "escalate", reasons: ["human_requested"], modelCostUsd: 0.01 }),
      decision({ ...zd("4"), outcome: "ask", reasons: ["knowledge_gap"], modelCostUsd: 0.0123 }),
      decision({ ...zd("5"), outcome: "skip", reasons: ["human_owned"], category: null, modelCostUsd: 0 }),
      decision({ ...zd("9"), outcome: "act", modelCostUsd: 0.01 }),
      decision({ ...zd("10"), outcome: "ask", reasons: [], modelCostUsd: 0 }),
      decision({ ...zd("1"), account: "globex" }),
    ],
    events: [
      event("solved", 2 * HOUR, zd("1")),
      event("csat", DAY, { ...zd("1"), rating: "good" }),
      event("solved", 2 * HOUR, zd("2")),
      event("reopened", DAY, zd("2")),
      event("human_public_reply", 30 * 60_000, zd("3")),
      event("solved", 3 * HOUR, zd("8")),
    ],
  };
}

/** Every `data-metric` on the page with its raw `data-value`. */
function metricsOn(page: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of page.matchAll(/data-metric="([^"]+)" data-value="([^"]*)"/g)) {
    expect(found.has(m[1]!), `${m[1]} appears once`).toBe(false);
    found.set(m[1]!, m[2]!);
  }
  return found;
}

function at(report: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], report);
}

describe("the Overview", () => {
  it("shows exactly the numbers GET /admin/metrics answers for the same filters, formatted for people", async () => {
    const { signIn, get, h } = await setup(acmeWeek());
    const { cookie } = await signIn();
    const res = await get(`/admin?${ACME}`, cookie);
    expect(res.status).toBe(200);
    const page = await res.text();
    const api = await h.runtime.app.request(
      `/admin/metrics?${ACME}`,
      { headers: { authorization: `Bearer ${TOKEN}` } },
      h.env,
    );
    const report = await api.json();
    const shown = metricsOn(page);
    for (const path of [
      "messages",
      "outcomes.answered",
      "outcomes.asked",
      "outcomes.acted",
      "outcomes.escalated",
      "tickets.ai_resolved",
      "tickets.stayed_resolved",
      "tickets.reopened",
      "tickets.recontacted",
      "cost.per_stayed_resolved_usd",
      "escalation_first_reply.median_minutes",
    ]) {
      expect(shown.has(path), path).toBe(true);
    }
    for (const [path, value] of shown) expect(value, path).toBe(String(at(report, path)));
    // The week by hand: 7 messages; tickets 1 and 9 stayed resolved, ticket 2 was reopened.
    expect(shown.get("messages")).toBe("7");
    expect([shown.get("outcomes.asked"), shown.get("outcomes.acted")]).toEqual(["2", "1"]);
    expect(shown.get("tickets.stayed_resolved")).toBe("2");
    expect(shown.get("tickets.reopened")).toBe("1");
    expect(page).toContain('data-metric="escalation_first_reply.median_minutes" data-value="30">30 min<');
    expect(page).toContain('data-metric="cost.model_usd" data-value="0.0823">$0.0823<');
    expect(page).toContain('data-metric="cost.per_stayed_resolved_usd" data-value="0.04115">$0.0412<');
    // The filter form shows what was asked, and the ledger's accounts to choose from.
    expect(page).toMatch(/<form id="filters" method="get" action="\/admin"/);
    expect(page).toContain('<option value="zendesk" selected>');
    expect(page).toContain('<input id="filter-account" name="account" list="ledger-accounts" value="acme"');
    expect(page).toContain('<option value="globex">');
  });

  it("prints a dash, not a number, where there is none", async () => {
    const { signIn, get } = await setup({
      decisions: [decision({ ...zd("3"), outcome: "escalate", reasons: ["human_requested"] })],
    });
    const { cookie } = await signIn();
    const page = await (await get(`/admin?${ACME}`, cookie)).text();
    expect(page).toContain('data-metric="cost.per_stayed_resolved_usd" data-value="null">—<');
    expect(page).toContain('data-metric="escalation_first_reply.median_minutes" data-value="null">—<');
  });

  it("defaults to the ledger's account and the last 7 UTC days", async () => {
    const { signIn, get } = await setup(acmeWeek());
    const { cookie } = await signIn();
    const page = await (await get("/admin", cookie)).text();
    const today = new Date().toISOString().slice(0, 10);
    const weekAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 6 * DAY).toISOString().slice(0, 10);
    expect(page).toContain(`name="from" type="date" value="${weekAgo}"`);
    expect(page).toContain(`name="to" type="date" value="${today}"`);
    expect(page).toContain('name="account" list="ledger-accounts" value="acme"');
    expect(page).toContain(`${weekAgo} to ${today} (UTC)`);
  });

  it("names each bad filter on the page, with a 400 and no numbers", async () => {
    const { signIn, get } = await setup(acmeWeek());
    const { cookie } = await signIn();
    const res = await get("/admin?platform=zendesk&account=acme&from=2026-02-30&to=2026-03-01x", cookie);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toMatch(/<div role="alert">.*<a href="#filter-from">from<\/a>: required: a date as YYYY-MM-DD/s);
    expect(page).toContain('<a href="#filter-to">to</a>: required: a date as YYYY-MM-DD');
    expect(page).toMatch(/id="filter-from"[^>]*aria-invalid="true"/);
    expect(page).not.toContain("data-metric");
    const reversed = await get("/admin?platform=zendesk&account=acme&from=2026-03-08&to=2026-03-02", cookie);
    expect(await reversed.text()).toContain('<a href="#filter-to">to</a>: must not be before from');
  });

  it("escapes what the query string brings back into the form", async () => {
    const { signIn, get } = await setup(acmeWeek());
    const { cookie } = await signIn();
    const page = await (await get(`/admin?platform=zendesk&account=${encodeURIComponent('"><b>x')}`, cookie)).text();
    expect(page).not.toContain('"><b>x');
    expect(page).toContain("&quot;&gt;&lt;b&gt;x");
  });
});
