/**
 * The drift check in a real chromium: a review queue card's "Add to the golden set" form
 * (`select[name=expected_outcome]`) adds its decision and lands on the Drift page, whose numbers
 * (`data-metric` drift.*) are those of GET /admin/drift.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, signedInConsole } from "./launch-browser.ts";

const chromiumPath = inject("chromiumPath");
const hasConsole = inject("hasConsole");
const base = inject("base");
const token = inject("adminToken");
const range = inject("range");
const filters = () => new URLSearchParams({ platform: "zendesk", account: "acme", ...range }).toString();

describe.skipIf(!chromiumPath || !hasConsole)("the Drift page and the golden set form in chromium", () => {
  let browser: Browser;
  const signedIn = async () => (await signedInConsole(browser, base, token)).page;
  beforeAll(async () => {
    browser = await launchBrowser(chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("adds a review card to the golden set and shows it on the Drift page like GET /admin/drift", async () => {
    const page = await signedIn();
    const before = await driftReport();
    await page.goto(`${base}/admin/review?${filters()}`);
    await page.locator("h1", { hasText: "Review queue" }).waitFor();
    const card = page.locator("article[data-event-id]", { has: page.locator("select[name=expected_outcome]") }).first();
    const eventId = await card.getAttribute("data-event-id");
    expect(eventId).toBeTruthy();
    await card.locator("select[name=expected_outcome]").selectOption("answer");
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/admin/drift-check"),
      card.locator("select[name=expected_outcome] ~ button[type=submit]").click(),
    ]);
    await page.locator("h1", { hasText: "Drift" }).waitFor();
    await screenshot(page, "drift");
    const after = await driftReport();
    expect(after.goldenSet.added).toBe(before.goldenSet.added + 1);
    const shown = await page
      .locator("[data-metric^='drift.golden_set.']")
      .evaluateAll((elements) => elements.map((e) => [e.getAttribute("data-metric"), e.getAttribute("data-value")]));
    expect(Object.fromEntries(shown)).toEqual({
      "drift.golden_set.bundled": String(after.goldenSet.bundled),
      "drift.golden_set.added": String(after.goldenSet.added),
    });
    await page.context().close();
  });
});

async function driftReport(): Promise<{ goldenSet: { bundled: number; added: number } }> {
  const response = await fetch(`${base}/admin/drift?platform=zendesk&account=acme`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { goldenSet: { bundled: number; added: number } };
}
