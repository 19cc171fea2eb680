import { defineConfig } from "vitest/config";

/**
 * The browser suite: the system chromium (playwright-core, no browser download) against the real
 * worker under `wrangler dev`, started once by global-setup.ts for every file. Files run one after the
 * other: they share that worker and its ledger, and the CI machine is small.
 */
export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/browser/**/*.browser.test.ts"],
    globalSetup: ["test/browser/global-setup.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
