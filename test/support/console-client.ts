import type { DecisionRecord, LifecycleEvent } from "../../src/domain/ledger.ts";
import type { Env } from "../../src/env.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { sqliteD1 } from "./sqlite-d1.ts";
import { createHarness } from "./worker-harness.ts";

export const CONSOLE_TOKEN = "test-admin-token-0123456789";
const ORIGIN = "http://localhost:8787";

/**
 * The worker with a ledger holding `rows`, and a browser-like client of its console: GET and form
 * POSTs carrying a cookie, sign-in through the login form, the admin API with the bearer token.
 */
export async function consoleClient(
  rows: { decisions?: DecisionRecord[]; events?: LifecycleEvent[] } = {},
  env: Partial<Env> = {},
  options: { ledger?: boolean } = {},
) {
  const db = sqliteD1();
  const ledger = d1Ledger(db);
  for (const d of rows.decisions ?? []) await ledger.recordDecision(d);
  for (const e of rows.events ?? []) await ledger.recordLifecycle(e);
  const h = createHarness({
    env: { DESKMATE_ADMIN_TOKEN: CONSOLE_TOKEN, ...env },
    ledgerDb: options.ledger === false ? null : db,
  });
  const request = (path: string, init: RequestInit = {}) => h.runtime.app.request(`${ORIGIN}${path}`, init, h.env);
  const get = (path: string, cookie?: string) => request(path, cookie ? { headers: { cookie } } : {});
  const post = (path: string, fields: Record<string, string>, cookie?: string) =>
    request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams(fields).toString(),
    });
  const api = (path: string) => request(path, { headers: { authorization: `Bearer ${CONSOLE_TOKEN}` } });

  /** Signed in through the login form: the session cookie and the pages' CSRF token. */
  async function signIn(): Promise<{ cookie: string; csrf: string }> {
    const form = await request("/admin");
    const pre = cookieOf(form);
    const res = await post("/admin/login", { csrf: csrfOf(await form.text()), token: CONSOLE_TOKEN }, pre);
    if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
    const cookie = cookieOf(res);
    return { cookie, csrf: csrfOf(await (await get("/admin", cookie)).text()) };
  }
  return { h, ledger, request, get, post, api, signIn };
}

/** `name=value` of the response's Set-Cookie, as a browser would send it back. */
export function cookieOf(res: Response): string {
  const header = res.headers.get("set-cookie");
  if (!header) throw new Error("no Set-Cookie");
  return header.split(";")[0] ?? "";
}

export function csrfOf(page: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(page);
  if (!match?.[1]) throw new Error("no CSRF field on the page");
  return match[1];
}

/** Every number a console page shows: its data-metric path and raw data-value. */
export function shownMetrics(page: string): Array<{ path: string; raw: string }> {
  return [...page.matchAll(/data-metric="([^"]+)" data-value="([^"]*)"/g)].map((m) => ({
    path: m[1] ?? "",
    raw: m[2] ?? "",
  }));
}

/** The same numbers as a map: data-metric path → raw data-value. */
export function pageMetrics(page: string): Record<string, string> {
  return Object.fromEntries(shownMetrics(page).map((m) => [m.path, m.raw]));
}
