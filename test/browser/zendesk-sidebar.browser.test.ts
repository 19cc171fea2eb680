/**
 * The Zendesk ticket sidebar in a real chromium, against the worker under `wrangler dev` with the seeded
 * ledger. Zendesk's part is played by the test: it posts a ZAF token signed with the app key the worker
 * was started with (as Zendesk posts a signed URL's first load), and answers the Apps framework SDK's
 * request with a stand-in that says which ticket is open (the real SDK talks to the Zendesk page around
 * the iframe, which is not there). Everything else is the page as agents get it.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ZAF_SDK_URL } from "../../src/http/zendesk-app/sidebar-page.ts";
import { signedZafToken } from "../support/signed-zaf-token.ts";
import { launchBrowser, newLaptopPage, screenshot } from "./launch-browser.ts";

const chromiumPath = inject("chromiumPath");
const base = inject("base");
const adminToken = inject("adminToken");
const range = inject("range");
const seeded = inject("seeded");
const zafPrivateKey = inject("zafPrivateKey");

/** The seed's Zendesk escalation ("customer asks for a person", the fourth staged ticket). */
const escalatedTicket = () => seeded.zendeskTickets[3] ?? "";

async function privateKey(): Promise<CryptoKey> {
  const der = Buffer.from(zafPrivateKey, "base64");
  return crypto.subtle.importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
}

/** Opens the sidebar like Zendesk: the SDK stand-in for `ticketId`, then a form POST of the signed token. */
async function openSidebar(page: Page, ticketId: string, token: string): Promise<void> {
  await page.route(ZAF_SDK_URL, (route) =>
    route.fulfill({
      contentType: "text/javascript",
      body: `window.ZAFClient = { init: function () { return {
        invoke: function () {},
        get: function () { return Promise.resolve({ "ticket.id": ${JSON.stringify(Number(ticketId))} }); }
      }; } };`,
    }),
  );
  await page.setContent(
    `<form method="post" action="${base}/zendesk-app/sidebar"><input name="token" value="${token}"></form>`,
  );
  await Promise.all([page.waitForURL(`${base}/zendesk-app/sidebar`), page.evaluate("document.forms[0].submit()")]);
}

async function handoffRatings(): Promise<{ rated: number; missing_section: Record<string, number> }> {
  const response = await fetch(
    `${base}/admin/metrics?platform=zendesk&account=acme&from=${range.from}&to=${range.to}`,
    {
      headers: { authorization: `Bearer ${adminToken}` },
    },
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { handoff_ratings: { rated: number; missing_section: Record<string, number> } })
    .handoff_ratings;
}

describe.skipIf(!chromiumPath)("the Zendesk ticket sidebar in chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser(chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the last decision and records a handoff rating that GET /admin/metrics counts", async () => {
    const before = await handoffRatings();
    const page = await newLaptopPage(browser);
    await openSidebar(page, escalatedTicket(), await signedZafToken(await privateKey(), { userId: "7001" }));

    await page.locator('[data-outcome="escalate"]').waitFor();
    expect(await page.locator("#handoff").isVisible()).toBe(true);
    expect(await page.locator("#rating-current").getAttribute("data-rating")).toBe("");
    await screenshot(page, "zendesk-sidebar");

    await page.getByRole("button", { name: "Missing something" }).click();
    await page.getByLabel("Which section was missing or not good enough?").selectOption("facts");
    await page.getByRole("button", { name: "Rate", exact: true }).click();
    await page.locator('#rating-current[data-rating="missing_section:facts"]').waitFor();
    expect(await page.locator("#notice").textContent()).toBe("Thanks — recorded.");
    await screenshot(page, "zendesk-sidebar-rated");

    const after = await handoffRatings();
    expect(after.rated).toBe(before.rated + 1);
    expect(after.missing_section.facts).toBe((before.missing_section.facts ?? 0) + 1);
    await page.context().close();
  });

  it("a token signed with another key gets no page and no session", async () => {
    const page = await newLaptopPage(browser);
    const pair = (await crypto.subtle.generateKey(
      { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
      false,
      ["sign", "verify"],
    )) as CryptoKeyPair;
    await openSidebar(page, escalatedTicket(), await signedZafToken(pair.privateKey));
    await page.locator("[role=alert]").waitFor();
    expect(await page.locator('meta[name="deskmate-app-session"]').count()).toBe(0);
    await page.context().close();
  });
});
