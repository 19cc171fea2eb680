import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

/** Screenshots of every page the suite visits (git-ignored; the path is printed at the end of a run). */
export const SCREENSHOT_DIR = new URL("./screenshots", import.meta.url).pathname;

/** Headless system chromium; a laptop-sized viewport so the screenshots show what a support lead sees. */
export async function launchBrowser(executablePath: string, args: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: [...args] });
}

export async function newLaptopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  // A page that never shows what a test waits for fails in seconds, well inside the test's own timeout.
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

/** A full-page screenshot named for what it shows, e.g. `overview.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * A laptop page signed in to the console through its login form with the admin token, on the
 * Overview (its filter form shown). `problems` collects script errors and what the CSP refused.
 */
export async function signedInConsole(
  browser: Browser,
  base: string,
  token: string,
): Promise<{ page: Page; problems: string[] }> {
  const page = await newLaptopPage(browser);
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${base}/admin`);
  const form = page.locator("form#login");
  await form.locator("input[name=token]").fill(token);
  await Promise.all([page.waitForEvent("load"), form.locator("button").first().click()]);
  await page.locator("form#filters").waitFor();
  return { page, problems };
}
