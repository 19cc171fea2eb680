import { applyD1Migrations, createExecutionContext, type D1Migration } from "cloudflare:test";
import { env as bindings } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../../src/env.ts";
import worker from "../../src/index.ts";

/** The console's WebCrypto (HKDF, HMAC) and HTML rendering in the real runtime, not only Node's. */
describe("the console inside workerd", () => {
  const TOKEN = "workerd-admin-token-0123456789";
  const env = { ...(bindings as Env & { LEDGER_MIGRATIONS: D1Migration[] }), DESKMATE_ADMIN_TOKEN: TOKEN };
  const fetchPath = (path: string, init: RequestInit = {}) =>
    worker.fetch(
      new Request(`https://deskmate.test${path}`, init) as Request<unknown, IncomingRequestCfProperties>,
      env,
      createExecutionContext(),
    );

  it("signs in with the admin token and shows the Overview", async () => {
    if (env.LEDGER === undefined) throw new Error("LEDGER: not bound; wrangler.toml needs its [[d1_databases]] entry");
    await applyD1Migrations(env.LEDGER, env.LEDGER_MIGRATIONS);
    const form = await fetchPath("/admin");
    expect(form.status).toBe(200);
    const preLogin = form.headers.get("set-cookie")!.split(";")[0]!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const login = await fetchPath("/admin/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: preLogin },
      body: new URLSearchParams({ csrf, token: TOKEN }).toString(),
    });
    expect(login.status).toBe(303);
    const session = login.headers.get("set-cookie")!;
    expect(session).toContain("HttpOnly; SameSite=Strict; Secure");
    const page = await fetchPath("/admin?platform=intercom&account=ws_none&from=2026-03-02&to=2026-03-08", {
      headers: { cookie: session.split(";")[0]! },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<h1>Overview</h1>");
    expect(html).toContain('data-metric="messages" data-value="0"');
  });
});
