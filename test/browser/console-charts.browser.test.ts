/**
 * The Overview's trend charts and the Knowledge and CSAT pages in a real chromium, against the worker
 * under `wrangler dev` (global-setup.ts): uPlot and the chart script load as Workers static assets under
 * the page's CSP (scripts from this origin only) and draw into a canvas; the CSAT page's numbers equal
 * GET /admin/metrics for the same filter.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, signedInConsole } from "./launch-browser.ts";
import { metricMismatches } from "./metric-mismatches.ts";
import { SEEDED_CONTACT } from "./seed-ledger.ts";

/** The part of a canvas element these tests read (the suite's TypeScript has no DOM library). */
interface Canvas {
  width: number;
  height: number;
  getContext(
    kind: "2d",
  ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

const chromiumPath = inject("chromiumPath");
const hasConsole = inject("hasConsole");
const base = inject("base");
const token = inject("adminToken");
const range = inject("range");

describe.skipIf(!chromiumPath || !hasConsole)("console charts, Knowledge and CSAT in chromium", () => {
  let browser: Browser;
  const signedIn = () => signedInConsole(browser, base, token);
  beforeAll(async () => {
    browser = await launchBrowser(chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the Overview draws each daily trend into a canvas, with no CSP refusal", async () => {
    const { page, problems } = await signedIn();
    const query = new URLSearchParams({ platform: "zendesk", account: "acme", ...range });
    await page.goto(`${base}/admin?${query}`);
    const charts = page.locator("[data-chart]");
    expect(await charts.count()).toBe(5);
    await page.locator('[data-chart][data-drawn="true"]').nth(4).waitFor();
    for (const key of await charts.evaluateAll((els) => els.map((e) => e.getAttribute("data-chart") ?? ""))) {
      const size = await page
        .locator(`[data-chart="${key}"] canvas`)
        .evaluate((c) => ({ width: (c as unknown as Canvas).width, height: (c as unknown as Canvas).height }));
      expect(size.width, key).toBeGreaterThan(0);
      expect(size.height, key).toBeGreaterThan(0);
    }
    // uPlot drew something: the resolution chart's canvas is not blank.
    const inked = await page.locator('[data-chart="resolution_rate"] canvas').evaluate((c) => {
      const canvas = c as unknown as Canvas;
      const pixels = canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) painted++;
      return painted;
    });
    expect(inked).toBeGreaterThan(100);
    await page.locator("#trends").scrollIntoViewIfNeeded();
    await screenshot(page, "overview-trends");
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("the CSAT page's numbers equal GET /admin/metrics for the same filter", async () => {
    const { page, problems } = await signedIn();
    for (const filter of [
      { platform: "zendesk", account: "acme" },
      { platform: "intercom", account: "dmtest42" },
    ]) {
      const query = new URLSearchParams({ ...filter, ...range });
      await page.goto(`${base}/admin/csat?${query}`);
      await page.locator("h1", { hasText: "CSAT" }).waitFor();
      const shown = await page
        .locator("[data-metric]")
        .evaluateAll((elements) =>
          elements.map((e) => ({ path: e.getAttribute("data-metric") ?? "", raw: e.getAttribute("data-value") ?? "" })),
        );
      expect(shown.map((s) => s.path).sort()).toEqual(
        ["ai_resolved", "escalated", "human_only"].flatMap((p) => [`csat.${p}.good`, `csat.${p}.rated`]).sort(),
      );
      const response = await fetch(`${base}/admin/metrics?${query}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      expect(metricMismatches(shown, await response.json())).toEqual([]);
      await screenshot(page, `csat-${filter.platform}`);
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("the Knowledge page opens from the nav and lists masked example questions of a gap", async () => {
    const { page, problems } = await signedIn();
    await Promise.all([page.waitForEvent("load"), page.locator("nav a", { hasText: "Knowledge" }).click()]);
    await page.locator("h1", { hasText: "Knowledge" }).waitFor();
    expect(await page.locator("#gaps").count()).toBe(1);
    expect(await page.locator("#stale").count()).toBe(1);
    expect(await page.locator("#cited").count()).toBe(1);
    // The seed's Zendesk answers cite help-center articles: at least one row with its citation count.
    await page.goto(
      `${base}/admin/knowledge?${new URLSearchParams({ platform: "zendesk", account: "acme", ...range })}`,
    );
    await page.locator("h1", { hasText: "Knowledge" }).waitFor();
    expect(await page.locator("[data-cited]").count()).toBeGreaterThan(0);
    // The seed's knowledge gap (an answer citing nothing retrieved) is listed with its masked question.
    const examples = await page.locator("[data-gap-examples] q[data-example]").allTextContents();
    expect(examples).toContain("When will my refund show up on my statement? You can reach me at [email] or [phone].");
    expect(await page.content()).not.toContain(SEEDED_CONTACT.email);
    await screenshot(page, "knowledge");
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
