/**
 * The Experiment page in a real chromium: reached from the nav, every number carries `data-metric`
 * equal to GET /admin/experiment for the same filters, and each verdict (`[data-verdict]`) equals the
 * API's. The seeded worker runs without a control group, so every seeded ticket is in the assistant arm.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, signedInConsole } from "./launch-browser.ts";
import { metricMismatches, type ShownMetric } from "./metric-mismatches.ts";

const chromiumPath = inject("chromiumPath");
const hasConsole = inject("hasConsole");
const base = inject("base");
const token = inject("adminToken");
const range = inject("range");
const filters = () => new URLSearchParams({ platform: "zendesk", account: "acme", ...range }).toString();

interface Report {
  arms: Record<string, { tickets: number }>;
  verdict: string;
  metrics: Array<{ metric: string; verdict: string }>;
}

describe.skipIf(!chromiumPath || !hasConsole)("the Experiment page in chromium", () => {
  let browser: Browser;
  const signedIn = async () => (await signedInConsole(browser, base, token)).page;
  beforeAll(async () => {
    browser = await launchBrowser(chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("is in the nav and shows the numbers and verdicts of GET /admin/experiment", async () => {
    const page = await signedIn();
    await page.goto(`${base}/admin/csat?${filters()}`);
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/admin/arms"),
      page.locator("nav a", { hasText: "Experiment" }).click(),
    ]);
    await page.locator("h1", { hasText: "Experiment" }).waitFor();
    const shown = await shownMetrics(page);
    const report = await experimentReport();
    expect(report.arms.assistant?.tickets).toBeGreaterThan(0);
    expect(shown.length).toBeGreaterThan(20);
    // The API lists metrics in an array; the page names them by metric, as an object would.
    const byName = { ...report, metrics: Object.fromEntries(report.metrics.map((m) => [m.metric, m])) };
    expect(metricMismatches(shown, byName)).toEqual([]);
    expect(await page.locator('[data-verdict="overall"]').textContent()).toBe(report.verdict);
    for (const m of report.metrics) {
      expect(await page.locator(`[data-verdict="${m.metric}"]`).textContent()).toBe(m.verdict);
    }
    // The seeded worker runs no canary: the canary comparison is there and says so.
    expect(await page.locator("#experiment-canary").count()).toBe(1);
    expect(await page.locator("[data-canaries=none]").count()).toBe(1);
    await screenshot(page, "experiment");
    await page.context().close();
  });
});

async function shownMetrics(page: Page): Promise<ShownMetric[]> {
  return page
    .locator("[data-metric]")
    .evaluateAll((elements) =>
      elements.map((e) => ({ path: e.getAttribute("data-metric") ?? "", raw: e.getAttribute("data-value") ?? "" })),
    );
}

async function experimentReport(): Promise<Report> {
  const response = await fetch(`${base}/admin/experiment?${filters()}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Report;
}
