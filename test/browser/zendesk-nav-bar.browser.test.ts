/**
 * The Zendesk nav bar location in chromium: the test posts a ZAF token signed with the app key the
 * suite's worker was started with, as Zendesk posts a signed URL's first load, and gets the console
 * signed in without the admin token ever reaching the page. The second test plays Zendesk's agent page
 * itself: a page of the origin `https://acme.zendesk.com` (answered by the test through request
 * interception) frames the nav bar's signed URL, and the console is used inside that iframe, where the
 * browser enforces the worker's frame-ancestors and keeps only the partitioned session cookie.
 */
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signedZafToken } from "../support/signed-zaf-token.ts";
import { launchBrowser, newLaptopPage, screenshot } from "./launch-browser.ts";

const chromiumPath = inject("chromiumPath");
const hasConsole = inject("hasConsole");
const base = inject("base");
const adminToken = inject("adminToken");
const range = inject("range");
const zafPrivateKey = inject("zafPrivateKey");

/** The seed's Zendesk account (the sandbox's subdomain) and its agent page, as the browser sees it. */
const ZENDESK = "https://acme.zendesk.com";
const filters = () => new URLSearchParams({ platform: "zendesk", account: "acme", ...range }).toString();

async function navBarToken(): Promise<string> {
  const key = await crypto.subtle.importKey(
    "pkcs8",
    Buffer.from(zafPrivateKey, "base64"),
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return signedZafToken(key, { userId: "7001", location: "nav_bar" });
}

async function reviewedCount(): Promise<number> {
  const response = await fetch(`${base}/admin/metrics?${filters()}`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { reviews: { reviewed: number } }).reviews.reviewed;
}

describe.skipIf(!chromiumPath || !hasConsole)("the Zendesk nav bar console in chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    // The test's Zendesk page is a public origin and the suite's worker listens on 127.0.0.1, which
    // chromium's local network access checks keep a public page from framing. In production both are
    // public hosts, so the checks are turned off here; what is tested is the worker's own answer
    // (frame-ancestors, the partitioned cookie, CSRF), which the browser still enforces.
    browser = await launchBrowser(chromiumPath, ["--disable-features=LocalNetworkAccessChecks"]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a token Zendesk signed opens the Overview, with no admin token in the page", async () => {
    const token = await navBarToken();
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

  it("inside Zendesk's iframe the console's pages open and a review verdict is recorded", async () => {
    const page = await zendeskAgentPage(await navBarToken());
    const frame = await consoleFrame(page);
    await frame.locator("[data-metric]").first().waitFor();

    // The console's own nav, inside the frame: each page is allowed to render there.
    for (const path of ["/admin/escalations", "/admin/knowledge", "/admin/csat", "/admin/settings"]) {
      await Promise.all([
        frame.waitForURL((url) => url.pathname === path),
        // The link carries the page's filters (`?platform=…`) when it has them.
        frame.locator(`nav a[href="${path}"], nav a[href^="${path}?"]`).click(),
      ]);
      await frame.locator("main h1").waitFor();
      expect(await frame.locator("form#login").count()).toBe(0);
    }
    await screenshot(page, "zendesk-nav-bar-framed-settings");

    // A verdict from the review queue: a form post inside the frame, with the session's CSRF token.
    const before = await reviewedCount();
    await frame.goto(`${base}/admin/review?${filters()}`);
    const item = frame.locator("article[data-event-id]").first();
    const eventId = await item.getAttribute("data-event-id");
    expect(eventId).toBeTruthy();
    await Promise.all([
      frame.waitForURL((url) => url.pathname === "/admin/review" && url.searchParams.get("recorded") === "1"),
      item.locator("button[name=verdict][value=right_call]").click(),
    ]);
    await frame.locator("[role=status]").first().waitFor();
    expect(await frame.locator(`article[data-event-id="${eventId}"]`).count()).toBe(0);
    expect(await reviewedCount()).toBe(before + 1);
    await screenshot(page, "zendesk-nav-bar-framed-review");
    await page.context().close();
  });

  /**
   * A page at Zendesk's origin framing the nav bar's signed URL, as Zendesk's agent interface does:
   * the token is posted into the iframe by a form that targets it.
   */
  async function zendeskAgentPage(token: string): Promise<Page> {
    const page = await newLaptopPage(browser);
    await page.route(`${ZENDESK}/**`, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><title>Zendesk</title>
<iframe name="deskmate" title="Deskmate" style="width:1300px;height:860px;border:0"></iframe>
<form method="post" target="deskmate" action="${base}/zendesk-app/console">
<input type="hidden" name="token" value="${token}"></form>`,
      }),
    );
    await page.goto(`${ZENDESK}/agent/apps/deskmate`);
    await page.evaluate("document.forms[0].submit()");
    return page;
  }

  async function consoleFrame(page: Page): Promise<Frame> {
    await page.locator("iframe[name=deskmate]").waitFor();
    const frame = page.frame({ name: "deskmate" });
    if (!frame) throw new Error("no deskmate iframe on the Zendesk page");
    await frame.waitForURL((url) => url.pathname === "/zendesk-app/console");
    return frame;
  }
});
