import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/**
 * A small suite inside workerd (the real Workers runtime) to catch what Node cannot: Node-only APIs
 * in the bundle (the worker runs without nodejs_compat), queue bindings. Keep it small: startup is slow.
 */
// The ledger's migration files, read in Node and applied inside workerd by test/workerd/d1-ledger.test.ts.
const ledgerMigrations = await readD1Migrations(new URL("../../migrations", import.meta.url).pathname);

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: new URL("../../wrangler.toml", import.meta.url).pathname },
      miniflare: {
        bindings: {
          ZENDESK_SUBDOMAIN: "acme",
          ZENDESK_OAUTH_CLIENT_ID: "deskmate",
          ZENDESK_OAUTH_CLIENT_SECRET: "workerd-test-secret",
          ZENDESK_WEBHOOK_SECRET: "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==",
          LEDGER_MIGRATIONS: ledgerMigrations,
        },
      },
    }),
  ],
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/workerd/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
