import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, signedInConsole } from "./launch-browser.ts";
import { metricMismatches } from "./metric-mismatches.ts";

const chromiumPath = inject("chromiumPath");
const hasConsole = inject("hasConsole");
const base = inject("base");
const token = inject("adminToken");
const range = inject("range");

describe.skipIf(!chromiumPath || !hasConsole)("the Readiness page in chromium", () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const signedIn = () => signedInConsole(browser, base, token);
  beforeAll(async () => {
    browser = await launchBrowser(chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("opens from the nav, and its numbers equal GET /admin/readiness for the same filter", async () => {
    const { page, problems } = await signedIn();
    await Promise.all([page.waitForEvent("load"), page.locator("nav a", { hasText: "Readiness" }).click()]);
    await page.locator("h1", { hasText: "Readiness" }).waitFor();
    for (const filter of [
      { platform: "zendesk", account: "acme" },
      { platform: "intercom", account: "dmtest42" },
    ]) {
      const query = new URLSearchParams({ ...filter, ...range });
      await page.goto(`${base}/admin/readiness/page?${query}`);
      await page.locator("h1", { hasText: "Readiness" }).waitFor();
      const shown = await page
        .locator("[data-metric]")
        .evaluateAll((elements) =>
          elements.map((e) => ({ path: e.getAttribute("data-metric") ?? "", raw: e.getAttribute("data-value") ?? "" })),
        );
      expect(shown.map((s) => s.path)).toEqual(
        expect.arrayContaining(["definitions.threshold", "definitions.min_samples"]),
      );
      const response = await fetch(`${base}/admin/readiness?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      const report = (await response.json()) as { categories: unknown[] };
      expect(metricMismatches(shown, report)).toEqual([]);
      // One row per category of the API answer, each with its verdict.
      expect(await page.locator("[data-category]").count()).toBe(report.categories.length);
      expect(await page.locator("[data-ready], [data-not-ready]").count()).toBe(report.categories.length);
      await screenshot(page, `readiness-${filter.platform}`);
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
