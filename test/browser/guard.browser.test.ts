/**
 * The Guard page in a real chromium (issue 14): the seeded answer that was solved is reopened, the
 * stage guard's Cron Trigger (`/__scheduled`, the hourly cron) falls its category back to draft, and a
 * support lead finds it on the Guard page with the numbers of GET /admin/guard/status, re-enables it
 * with the page's form, and sees the history name who did it.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signedZendeskRequest } from "../support/signed-zendesk-request.ts";
import { statusChanged } from "../support/zendesk-events.ts";
import { SECRETS } from "./global-setup.ts";
import { launchBrowser, screenshot, signedInConsole } from "./launch-browser.ts";
import { metricMismatches, type ShownMetric } from "./metric-mismatches.ts";

const chromiumPath = inject("chromiumPath");
const hasConsole = inject("hasConsole");
const base = inject("base");
const token = inject("adminToken");
const seeded = inject("seeded");
const ACME = "platform=zendesk&account=acme";

interface GuardStatus {
  fallbacks: Array<{ category: string; rate: number }>;
  history: Array<{ category: string; action: string; by: string }>;
}

async function guardStatus(): Promise<GuardStatus> {
  const response = await fetch(`${base}/admin/guard/status?${ACME}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as GuardStatus;
}

/** Runs the guard's Cron Trigger until it has tripped (the reopen is handled off the webhook's answer). */
async function guardTrips(): Promise<GuardStatus> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const run = await fetch(`${base}/__scheduled?cron=41+*+*+*+*`);
    expect(run.status).toBe(200);
    const status = await guardStatus();
    if (status.fallbacks.length > 0) return status;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the stage guard did not trip within 20 runs");
}

describe.skipIf(!chromiumPath || !hasConsole)("the Guard page in chromium", () => {
  let browser: Browser;
  const signedIn = async () => (await signedInConsole(browser, base, token)).page;
  beforeAll(async () => {
    browser = await launchBrowser(chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows a category the guard fell back to draft, and re-enables it with the page's form", async () => {
    // The first seeded ticket is an autosent answer solved at once; reopened now, it is a false resolution.
    const ticketId = seeded.zendeskTickets[0] ?? "";
    const reopened = statusChanged({ id: ticketId, requesterId: "1" }, "solved", "open");
    const delivered = await fetch(
      `${base}/webhooks/zendesk`,
      await signedZendeskRequest(reopened, { secret: SECRETS.zendesk }),
    );
    expect(delivered.status).toBe(202);
    const tripped = await guardTrips();
    expect(tripped.fallbacks.map((f) => f.category)).toEqual(["refund"]);

    const page = await signedIn();
    await Promise.all([page.waitForEvent("load"), page.locator("nav a", { hasText: "Guard" }).click()]);
    await page.goto(`${base}/admin/guard?${ACME}`);
    await page.locator("h1", { hasText: "Stage guard" }).waitFor();
    const row = page.locator('#fallbacks tr[data-category="refund"]');
    expect(await row.count()).toBe(1);
    expect(metricMismatches(await shownMetrics(page), await guardStatus())).toEqual([]);
    await screenshot(page, "guard");

    await Promise.all([
      page.waitForURL((url) => url.pathname === "/admin/guard" && url.searchParams.get("reenabled") === "refund"),
      row.locator("button", { hasText: "Re-enable autosend" }).click(),
    ]);
    await page.locator("[role=status]").waitFor();
    expect(await page.locator("[data-fallbacks=none]").count()).toBe(1);
    // No canary runs on the seeded worker: the canary section says none was rolled back.
    expect(await page.locator("[data-canary-rollbacks=none]").count()).toBe(1);
    expect(await page.locator("#history tr[data-action=re_enabled]").count()).toBe(1);
    await screenshot(page, "guard-after-reenable");
    const after = await guardStatus();
    expect(after.fallbacks).toEqual([]);
    expect(after.history[0]).toMatchObject({ category: "refund", action: "re_enabled", by: "admin" });
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
