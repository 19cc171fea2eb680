import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newLaptopPage, screenshot } from "./launch-browser.ts";

/**
 * The harness itself, independent of the console's pages: the system chromium reaches the worker
 * that global-setup.ts started, and that worker's ledger holds the seeded decisions.
 */
const chromiumPath = inject("chromiumPath");
const base = inject("base");

describe.skipIf(!chromiumPath)("browser harness", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser(chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("chromium opens GET /healthz of the worker under wrangler dev and reads its JSON", async () => {
    const page = await newLaptopPage(browser);
    const response = await page.goto(`${base}/healthz`);
    expect(response?.status()).toBe(200);
    const health = (await response?.json()) as { ok?: unknown; queue?: unknown };
    expect(health.ok).toBe(true);
    // The local queue is bound, as in production (`wrangler dev` runs the same producer and consumers).
    expect(health.queue).toBe("bound");
    await screenshot(page, "healthz");
    await page.context().close();
  });

  it("the seeded ledger is what GET /admin/metrics reports, per platform", async () => {
    const range = inject("range");
    const seeded = inject("seeded");
    const token = inject("adminToken");
    const metrics = async (platform: string, account: string) => {
      const query = new URLSearchParams({ platform, account, ...range });
      const response = await fetch(`${base}/admin/metrics?${query}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      return (await response.json()) as { messages: number; outcomes: Record<string, number> };
    };
    const zendesk = await metrics("zendesk", "acme");
    expect(zendesk.messages).toBe(seeded.zendeskTickets.length);
    // Escalated: the customer asking for a person, and the knowledge gap (an answer citing nothing retrieved).
    expect(zendesk.outcomes).toMatchObject({ answered: 2, asked: 1, escalated: 2 });
    const intercom = await metrics("intercom", "dmtest42");
    expect(intercom.messages).toBe(seeded.intercomConversations.length);
    expect(intercom.outcomes).toMatchObject({ escalated: 1 });
  });
});
