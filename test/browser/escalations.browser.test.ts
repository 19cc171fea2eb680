/**
 * The Escalations page and its review queue in a real chromium (issue 13): every number carries
 * `data-metric` equal to GET /admin/metrics; the queue lists `article[data-event-id]` items, each with
 * a verdict form (`button[name=verdict]`, `textarea[name=comment]`); a verdict leaves the queue and is
 * counted on Escalations. Files run one after the other against one seeded worker (vitest.config.ts),
 * so the counts read before the review are this file's own.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, signedInConsole } from "./launch-browser.ts";
import { metricMismatches, type ShownMetric } from "./metric-mismatches.ts";
import { SEEDED_CONTACT } from "./seed-ledger.ts";

const chromiumPath = inject("chromiumPath");
const hasConsole = inject("hasConsole");
const base = inject("base");
const token = inject("adminToken");
const range = inject("range");
// The seed's Zendesk account (the sandbox's subdomain), with one escalation: a customer asking for a person.
const filters = () => new URLSearchParams({ platform: "zendesk", account: "acme", ...range }).toString();

describe.skipIf(!chromiumPath || !hasConsole)("the Escalations page and review queue in chromium", () => {
  let browser: Browser;
  const signedIn = async () => (await signedInConsole(browser, base, token)).page;
  beforeAll(async () => {
    browser = await launchBrowser(chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the numbers of GET /admin/metrics", async () => {
    const page = await signedIn();
    await page.goto(`${base}/admin/escalations?${filters()}`);
    await page.locator("h1", { hasText: "Escalations" }).waitFor();
    const shown = await shownMetrics(page);
    expect(shown.length).toBeGreaterThan(20);
    expect(metricMismatches(shown, await metricsReport())).toEqual([]);
    expect(await page.locator("#reasons-by-category").count()).toBe(1);
    await screenshot(page, "escalations");
    await page.context().close();
  });

  it("reviews an escalation from the queue: it leaves the queue and Escalations counts it", async () => {
    const page = await signedIn();
    const before = (await metricsReport()).reviews;
    await page.goto(`${base}/admin/review?${filters()}`);
    await page.locator("h1", { hasText: "Review queue" }).waitFor();
    await screenshot(page, "review-queue");
    // Each card opens with what the customer wrote, as the ledger keeps it: the seeded knowledge gap's
    // e-mail and phone number are masked, and nowhere on the page.
    const wrote = await page.locator("article[data-event-id] q[data-message-excerpt]").allTextContents();
    expect(wrote).toContain("I want to talk to a real person, not a bot.");
    expect(wrote).toContain("When will my refund show up on my statement? You can reach me at [email] or [phone].");
    const markup = await page.content();
    expect(markup).not.toContain(SEEDED_CONTACT.email);
    expect(markup).not.toContain(SEEDED_CONTACT.phone);
    const item = page.locator("article[data-event-id]", { hasText: "Escalated" }).first();
    const eventId = await item.getAttribute("data-event-id");
    expect(eventId).toBeTruthy();
    await item.locator("textarea[name=comment]").fill("The handoff did not say which order");
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/admin/review" && url.searchParams.get("recorded") === "1"),
      item.locator("button[name=verdict][value=handoff_incomplete]").click(),
    ]);
    await page.locator("[role=status]").waitFor();
    expect(await page.locator(`article[data-event-id="${eventId}"]`).count()).toBe(0);
    await screenshot(page, "review-queue-after-verdict");

    await page.locator("nav a", { hasText: "Escalations" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/escalations");
    // The nav links to the page without filters: the same account and days as the queue's.
    await page.goto(`${base}/admin/escalations?${filters()}`);
    const shown = await shownMetrics(page);
    const count = (path: string) => Number(shown.find((m) => m.path === path)?.raw);
    expect(count("reviews.reviewed")).toBe(before.reviewed + 1);
    expect(count("reviews.by_verdict.handoff_incomplete")).toBe((before.by_verdict.handoff_incomplete ?? 0) + 1);
    expect(metricMismatches(shown, await metricsReport())).toEqual([]);
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

interface Report {
  reviews: { reviewed: number; by_verdict: Record<string, number> };
}

async function metricsReport(): Promise<Report> {
  const response = await fetch(`${base}/admin/metrics?${filters()}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as Report;
}
