/**
 * The console's Settings page in a real chromium (issue 13): `GET /admin/settings` shows every setting
 * of the chosen account as a row `tr[data-setting=<name>][data-source=stored|environment|default]`; an
 * Intercom workspace edits them in `form#settings` (inputs `#setting-<name>`), a refused value gets a
 * `[role=alert]` in its row, and `table#settings-audit` lists the changes (`tr[data-audit-setting]`).
 * A workspace of its own, so the change touches no other test's account.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newLaptopPage, screenshot } from "./launch-browser.ts";

const chromiumPath = inject("chromiumPath");
const hasConsole = inject("hasConsole");
const base = inject("base");
const token = inject("adminToken");

const WORKSPACE = "browsersettings1";

describe.skipIf(!chromiumPath || !hasConsole)("the Settings page in chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser(chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("changes an Intercom workspace's setting: the new value, source stored and an audit line", async () => {
    const page = await newLaptopPage(browser);
    await signIn(page);
    await page.goto(`${base}/admin/settings?platform=intercom&account=${WORKSPACE}`);
    const turnCap = page.locator('tr[data-setting="turn_cap"]');
    expect(await turnCap.getAttribute("data-source")).toBe("default");
    await screenshot(page, "settings");

    // A value the schema refuses: an alert in the field's row, what was typed kept, nothing stored.
    await page.locator("#setting-turn_cap").fill("many");
    await save(page);
    await turnCap.locator("[role=alert]").waitFor();
    expect(await page.locator("#setting-turn_cap").inputValue()).toBe("many");
    expect(await page.locator("#setting-turn_cap").getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "settings-field-error");

    await page.locator("#setting-turn_cap").fill("7");
    await save(page);
    await page.locator('tr[data-audit-setting="turn_cap"]').waitFor();
    expect(await page.locator("#setting-turn_cap").inputValue()).toBe("7");
    expect(await turnCap.getAttribute("data-source")).toBe("stored");
    expect((await turnCap.locator("[data-source-of]").textContent())?.trim()).toBe("stored");
    expect(await turnCap.locator("[role=alert]").count()).toBe(0);
    const audit = ((await page.locator('tr[data-audit-setting="turn_cap"]').first().textContent()) ?? "").replace(
      /\s+/g,
      " ",
    );
    expect(audit).toMatch(/admin turn_cap \(not stored\) → 7/);
    // Only the changed setting was stored.
    expect(await page.locator('tr[data-setting][data-source="stored"]').count()).toBe(1);
    await screenshot(page, "settings-saved");
    await page.context().close();
  });

  it("shows a Zendesk account read-only, with where to change its settings", async () => {
    const page = await newLaptopPage(browser);
    await signIn(page);
    await page.goto(`${base}/admin/settings?platform=zendesk&account=acme`);
    await page.locator('tr[data-setting="mode"]').waitFor();
    expect(await page.locator("form#settings").count()).toBe(0);
    expect(await page.locator("main").textContent()).toContain("Zendesk Admin Center");
    await screenshot(page, "settings-zendesk");
    await page.context().close();
  });
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${base}/admin`);
  const form = page.locator("form#login");
  await form.locator("input[name=token]").fill(token);
  await Promise.all([page.waitForEvent("load"), form.locator("button").first().click()]);
  await page.locator("form#logout").waitFor();
}

async function save(page: Page): Promise<void> {
  await Promise.all([page.waitForEvent("load"), page.locator("form#settings button[type=submit]").click()]);
}
