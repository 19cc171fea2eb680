import { describe, expect, it } from "vitest";
import { consoleClient } from "../support/console-client.ts";
import { createZendeskSandbox, SANDBOX } from "../support/zendesk-sandbox.ts";
import { useCheckedSandbox } from "../support/checked-sandbox.ts";

const sandbox = useCheckedSandbox(createZendeskSandbox());

const PAGE = "/admin/settings?platform=zendesk&account=acme";

/** One setting's row of the read-only table. */
function row(page: string, name: string): string {
  const start = page.indexOf(`<tr data-setting="${name}"`);
  return start < 0 ? `(no row for ${name})` : page.slice(start, page.indexOf("</tr>", start));
}

/** The console of a worker that reads the sandbox's Deskmate app installation, signed in. */
async function signedInConsole(env: Record<string, string> = {}) {
  const client = await consoleClient({}, { ZENDESK_APP_ID: String(SANDBOX.appId), ...env });
  const { cookie } = await client.signIn();
  return { ...client, cookie };
}

describe("the Settings page of the Zendesk account", () => {
  it("shows the values the worker uses, a value set in the app installation with source Zendesk app settings", async () => {
    sandbox.setAppInstallation(SANDBOX.appId, { mode: "shadow", tag_prefix: "dm_" });
    const { get, cookie } = await signedInConsole({ DESKMATE_MODE: "draft", DESKMATE_TURN_CAP: "4" });
    const res = await get(PAGE, cookie);
    expect(res.status).toBe(200);
    const page = await res.text();
    // The installation beats the environment, as it does for the pipeline.
    expect(row(page, "mode")).toContain('data-source="Zendesk app settings"');
    expect(row(page, "mode")).toContain("shadow");
    expect(row(page, "tag_prefix")).toContain('data-source="Zendesk app settings"');
    expect(row(page, "turn_cap")).toContain('data-source="environment"');
    expect(row(page, "turn_cap")).toContain(">4<");
    expect(row(page, "opt_out_tag")).toContain('data-source="default"');
    expect(page).not.toContain('id="installation-status"');
    // Still read-only, with where to change them.
    expect(page).not.toContain('<form id="settings"');
    expect(page).toContain("Zendesk Admin Center");
    expect(sandbox.requests.filter((r) => r.path === "/api/v2/apps/installations")).toHaveLength(1);
  });

  it("says so when the installation cannot be read, and shows what the worker uses meanwhile", async () => {
    sandbox.failNext({ method: "GET", path: "/api/v2/apps/installations" }, [{ status: 403 }]);
    const { get, cookie } = await signedInConsole({ DESKMATE_MODE: "draft" });
    const res = await get(PAGE, cookie);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toMatch(/<p class="notice" role="alert" id="installation-status" data-installation="failed">/);
    expect(row(page, "mode")).toContain('data-source="environment"');
    expect(row(page, "mode")).toContain("draft");
  });

  it("says when the app is not installed, or the worker has no ZENDESK_APP_ID to read it with", async () => {
    sandbox.setAppInstallation(SANDBOX.appId, null);
    const notInstalled = await signedInConsole();
    const page = await (await notInstalled.get(PAGE, notInstalled.cookie)).text();
    expect(page).toContain('data-installation="not_installed"');

    const unread = await consoleClient({});
    const { cookie } = await unread.signIn();
    const without = await (await unread.get(PAGE, cookie)).text();
    expect(without).toContain('data-installation="not_configured"');
    expect(row(without, "mode")).toContain('data-source="default"');
  });

  it("names the Zendesk account this worker serves when another one is asked for", async () => {
    const { get, cookie } = await signedInConsole();
    const res = await get("/admin/settings?platform=zendesk&account=globex", cookie);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/id="pick-account-error">this worker serves the Zendesk account acme/);
  });
});
