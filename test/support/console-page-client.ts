import { expect } from "vitest";
import type { DecisionRecord, LifecycleEvent } from "../../src/domain/ledger.ts";
import type { Env } from "../../src/env.ts";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import { sqliteD1 } from "./sqlite-d1.ts";
import { createHarness } from "./worker-harness.ts";

export const CONSOLE_TOKEN = "test-admin-token-0123456789";
const ORIGIN = "http://localhost:8787";

/**
 * The worker with a ledger holding `rows`, and a browser's view of its console: GET with a cookie, and
 * signing in through the real login form (its pre-login cookie and CSRF token).
 */
export async function consoleClient(
  rows: { decisions?: DecisionRecord[]; events?: LifecycleEvent[] } = {},
  env: Partial<Env> = {},
) {
  const db = sqliteD1();
  const ledger = d1Ledger(db);
  for (const d of rows.decisions ?? []) await ledger.recordDecision(d);
  for (const e of rows.events ?? []) await ledger.recordLifecycle(e);
  const h = createHarness({ env: { DESKMATE_ADMIN_TOKEN: CONSOLE_TOKEN, ...env }, ledgerDb: db });
  const request = (path: string, init: RequestInit = {}) => h.runtime.app.request(`${ORIGIN}${path}`, init, h.env);
  const get = (path: string, cookie?: string) => request(path, cookie ? { headers: { cookie } } : {});

  async function signIn(): Promise<string> {
    const form = await get("/admin");
    const preLogin = cookieOf(form);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
    const res = await request("/admin/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: preLogin },
      body: new URLSearchParams({ csrf, token: CONSOLE_TOKEN }).toString(),
    });
    expect(res.status).toBe(303);
    return cookieOf(res);
  }
  return { h, ledger, request, get, signIn };
}

/** `name=value` of the response's Set-Cookie, as a browser would send it back. */
function cookieOf(res: Response): string {
  const header = res.headers.get("set-cookie");
  if (!header) throw new Error("no Set-Cookie");
  return header.split(";")[0]!;
}

/** Every `data-metric` number of a page: path → raw value. */
export function pageMetrics(page: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of page.matchAll(/data-metric="([^"]+)" data-value="([^"]*)"/g)) found[m[1]!] = m[2]!;
  return found;
}
