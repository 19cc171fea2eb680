/**
 * The Zendesk nav bar location in chromium: the test posts a ZAF token signed with the app key the
 * suite's worker was started with, as Zendesk posts a signed URL's first load, and gets the console
 * signed in without the admin token ever reaching the page.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signedZafToken } from "../support/signed-zaf-token.ts";
import { launchBrowser, newLaptopPage, screenshot } from "./launch-browser.ts";

const chromiumPath = inject("chromiumPath");
const hasConsole = inject("hasConsole");
const base = inject("base");
const adminToken = inject("adminToken");
const zafPrivateKey = inject("zafPrivateKey");

describe.skipIf(!chromiumPath || !hasConsole)("the Zendesk nav bar console in chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser(chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a token Zendesk signed opens the Overview, with no admin token in the page", async () => {
    const key = await crypto.subtle.importKey(
      "pkcs8",
      Buffer.from(zafPrivateKey, "base64"),
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const token = await signedZafToken(key, { userId: "7001", location: "nav_bar" });
    const page = await newLaptopPage(browser);
    await page.setContent(
      `<form method="post" action="${base}/zendesk-app/console"><input name="token" value="${token}"></form>`,
    );
    await Promise.all([page.waitForURL(`${base}/zendesk-app/console`), page.evaluate("document.forms[0].submit()")]);
    await page.locator("[data-metric]").first().waitFor();
    expect(await page.locator("form#login").count()).toBe(0);
    expect(await page.content()).not.toContain(adminToken);
    await screenshot(page, "zendesk-nav-bar");
    await page.context().close();
  });
});
