import { readdirSync, rmSync } from "node:fs";
import type { ProvidedContext } from "vitest";
import type { TestProject } from "vitest/node";
import { DEMO_ADMIN_TOKEN, utcDay } from "../../scripts/demo/admin-api.ts";
import { freePort, startLocalApis } from "../../scripts/demo/local-apis.ts";
import { startWorker, waitForHealth } from "../../scripts/demo/worker-process.ts";
import { INTERCOM_SANDBOX } from "../support/intercom-sandbox.ts";
import { TEST_ZAF_INSTALLATION, zafKeyPair } from "../support/signed-zaf-token.ts";
import { findChromium } from "./find-chromium.ts";
import { SCREENSHOT_DIR } from "./launch-browser.ts";
import { seedLedger } from "./seed-ledger.ts";

export const SECRETS = { zendesk: "deskmate-browser-signing-secret", intercom: "deskmate-browser-intercom-secret" };

/** What the suite's files read with `inject(...)`: one worker, started here, serves them all. */
declare module "vitest" {
  export interface ProvidedContext {
    /** The system chromium; "" when none is installed (every browser test is then skipped). */
    chromiumPath: string;
    base: string;
    adminToken: string;
    /** GET /admin answers a login form (200 or 401, HTML): the console's pages exist on this build. */
    hasConsole: boolean;
    /** The seeded account's filter: whole UTC days around now, as GET /admin/metrics takes them. */
    range: { from: string; to: string };
    seeded: { zendeskTickets: string[]; intercomConversations: string[] };
    /** The Zendesk app's private key (PKCS#8, base64) the tests sign ZAF tokens with; the worker has its public half. */
    zafPrivateKey: string;
  }
}

/**
 * Starts the real worker once for the whole browser suite (`wrangler dev`, local D1 with migrations
 * applied, the sandbox helpdesks, recorded model outputs, mode autosend) and fills its ledger through
 * signed webhooks. Without a system chromium it starts nothing and says why, except in CI, which always
 * installs one (`.ci/run`): there a missing browser fails the run instead of passing it unseen.
 */
export default async function setup(project: TestProject) {
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    if (["true", "1"].includes(process.env.CI ?? ""))
      throw new Error("browser suite: no chromium found; CI installs Debian's chromium (.ci/run)");
    console.warn(
      "browser suite skipped: no chromium found (looked at CHROMIUM_PATH, /usr/bin/chromium, " +
        "/usr/bin/chromium-browser); install it with `apt-get install chromium`",
    );
    provideAll(project, {
      chromiumPath: "",
      base: "",
      adminToken: "",
      hasConsole: false,
      range: { from: "", to: "" },
      seeded: { zendeskTickets: [], intercomConversations: [] },
      zafPrivateKey: "",
    });
    return;
  }

  // This run's screenshots only: a page that was not visited must not leave an old picture behind.
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  const started = Date.now();
  const apis = await startLocalApis();
  const port = await freePort();
  const zaf = await zafKeyPair();
  const vars = {
    // The Zendesk app's key and installation: the sidebar and nav bar pages verify tokens signed with it.
    ZENDESK_APP_PUBLIC_KEY: zaf.publicKeyPem.replace(/\n/g, ""),
    ZENDESK_APP_INSTALLATION_ID: TEST_ZAF_INSTALLATION.installationId,
    ...apis.zendeskVars(SECRETS.zendesk),
    INTERCOM_ACCESS_TOKEN: INTERCOM_SANDBOX.accessToken,
    INTERCOM_CLIENT_SECRET: SECRETS.intercom,
    INTERCOM_API_URL: apis.intercomUrl,
    // Autosend, so answers are public replies and a solve after one is an AI resolution.
    DESKMATE_MODE: "autosend",
    DESKMATE_AUTOSEND_ROLLOUT_PERCENT: "100",
    DESKMATE_ADMIN_TOKEN: DEMO_ADMIN_TOKEN,
    ANTHROPIC_API_KEY: "recorded-replay",
    ANTHROPIC_BASE_URL: apis.url,
    // The seed is a handful of tickets: the stage guard judges a rate from one (guard.browser.test.ts).
    DESKMATE_GUARD_MIN_SAMPLES: "1",
  };
  // --test-scheduled: the stage guard's Cron Trigger runs through /__scheduled (guard.browser.test.ts).
  const worker = startWorker(port, vars, { testScheduled: true });
  const stop = () => {
    worker.stop();
    apis.close();
  };
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(base, worker);
    const seeded = await seedLedger(base, apis, worker, SECRETS);
    // Both UTC days when the run starts near midnight.
    const now = Date.now();
    const range = { from: utcDay(now - 10 * 60_000), to: utcDay(now + 10 * 60_000) };
    const hasConsole = await answersLoginForm(`${base}/admin`);
    const zafPrivateKey = Buffer.from(await crypto.subtle.exportKey("pkcs8", zaf.privateKey)).toString("base64");
    provideAll(project, { chromiumPath, base, adminToken: DEMO_ADMIN_TOKEN, hasConsole, range, seeded, zafPrivateKey });
    console.log(
      `browser suite: ${chromiumPath}; worker on ${base} ready and seeded in ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } catch (error) {
    stop();
    throw error;
  }
  return () => {
    stop();
    const shots = safeList(SCREENSHOT_DIR);
    if (shots.length) console.log(`browser suite: ${shots.length} screenshots in ${SCREENSHOT_DIR}`);
  };
}

function provideAll(project: TestProject, context: ProvidedContext): void {
  project.provide("chromiumPath", context.chromiumPath);
  project.provide("base", context.base);
  project.provide("adminToken", context.adminToken);
  project.provide("hasConsole", context.hasConsole);
  project.provide("range", context.range);
  project.provide("seeded", context.seeded);
  project.provide("zafPrivateKey", context.zafPrivateKey);
}

/** The console's contract: GET /admin answers 200 or 401 with an HTML page holding a form. */
async function answersLoginForm(url: string): Promise<boolean> {
  const response = await fetch(url);
  const html = (response.headers.get("content-type") ?? "").includes("text/html");
  const body = await response.text();
  return (response.status === 200 || response.status === 401) && html && /<form[\s>]/i.test(body);
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name.endsWith(".png"));
  } catch {
    return [];
  }
}
