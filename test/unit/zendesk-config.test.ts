import { describe, expect, it } from "vitest";
import type { Env } from "../../src/env.ts";
import { ConfigError } from "../../src/lib/errors.ts";
import { zendeskConfigFromEnv } from "../../src/platforms/zendesk/zendesk-config.ts";

const oauth = { ZENDESK_OAUTH_CLIENT_ID: "deskmate", ZENDESK_OAUTH_CLIENT_SECRET: "s3cret" };
const complete: Env = { ZENDESK_SUBDOMAIN: "acme", ...oauth, ZENDESK_WEBHOOK_SECRET: "whsec" };
const { ZENDESK_OAUTH_CLIENT_SECRET: _secret, ...withoutOAuthSecret } = complete;

function configError(env: Env): ConfigError {
  try {
    zendeskConfigFromEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("zendeskConfigFromEnv", () => {
  it("builds the config from OAuth bindings", () => {
    expect(zendeskConfigFromEnv({ ...complete, ZENDESK_APP_ID: " 424242 " })).toEqual({
      subdomain: "acme",
      baseUrl: "https://acme.zendesk.com",
      auth: { kind: "oauth", clientId: "deskmate", clientSecret: "s3cret" },
      appId: "424242",
      webhookSecrets: ["whsec"],
    });
  });

  it("accepts a legacy email + API token pair", () => {
    const config = zendeskConfigFromEnv({
      ZENDESK_SUBDOMAIN: "acme",
      ZENDESK_EMAIL: "a@acme.example",
      ZENDESK_API_TOKEN: "tok",
      ZENDESK_WEBHOOK_SECRET: "w",
    });
    expect(config.auth).toEqual({ kind: "token", email: "a@acme.example", apiToken: "tok" });
    expect(config.appId).toBeNull();
  });

  it("prefers OAuth when both kinds are complete", () => {
    const config = zendeskConfigFromEnv({ ...complete, ZENDESK_EMAIL: "a@acme.example", ZENDESK_API_TOKEN: "tok" });
    expect(config.auth.kind).toBe("oauth");
  });

  it("uses ZENDESK_API_URL without its trailing slash, with or without a subdomain", () => {
    const { ZENDESK_SUBDOMAIN: _unused, ...withoutSubdomain } = complete;
    expect(zendeskConfigFromEnv({ ...withoutSubdomain, ZENDESK_API_URL: "http://127.0.0.1:8788/" })).toMatchObject({
      baseUrl: "http://127.0.0.1:8788",
      subdomain: "127.0.0.1",
    });
    expect(zendeskConfigFromEnv({ ...withoutSubdomain, ZENDESK_API_URL: "https://globex.zendesk.com" }).subdomain).toBe(
      "globex",
    );
    expect(zendeskConfigFromEnv({ ...complete, ZENDESK_API_URL: "https://proxy.example/zd/" }).baseUrl).toBe(
      "https://proxy.example/zd",
    );
  });

  it("splits the webhook secrets on commas, trimming and dropping empties", () => {
    expect(zendeskConfigFromEnv({ ...complete, ZENDESK_WEBHOOK_SECRET: " new , ,old ," }).webhookSecrets).toEqual([
      "new",
      "old",
    ]);
    // Not required for the API: the webhook route fails closed on an empty list.
    expect(zendeskConfigFromEnv({ ...complete, ZENDESK_WEBHOOK_SECRET: " , " }).webhookSecrets).toEqual([]);
  });

  it.each<[string, Env, string[]]>([
    ["nothing set", {}, ["ZENDESK_SUBDOMAIN", "ZENDESK_OAUTH_CLIENT_ID", "ZENDESK_OAUTH_CLIENT_SECRET"]],
    ["no subdomain or API URL", { ...complete, ZENDESK_SUBDOMAIN: " " }, ["ZENDESK_SUBDOMAIN"]],
    [
      "no credentials",
      { ZENDESK_SUBDOMAIN: "acme", ZENDESK_WEBHOOK_SECRET: "w" },
      ["ZENDESK_OAUTH_CLIENT_ID", "ZENDESK_OAUTH_CLIENT_SECRET"],
    ],
    ["OAuth client id without secret", withoutOAuthSecret, ["ZENDESK_OAUTH_CLIENT_SECRET"]],
    ["OAuth secret without client id", { ...complete, ZENDESK_OAUTH_CLIENT_ID: "" }, ["ZENDESK_OAUTH_CLIENT_ID"]],
    [
      "email without API token",
      { ZENDESK_SUBDOMAIN: "acme", ZENDESK_EMAIL: "a@acme.example", ZENDESK_WEBHOOK_SECRET: "w" },
      ["ZENDESK_API_TOKEN"],
    ],
    [
      "API token without email",
      { ZENDESK_SUBDOMAIN: "acme", ZENDESK_API_TOKEN: "tok", ZENDESK_WEBHOOK_SECRET: "w" },
      ["ZENDESK_EMAIL"],
    ],
    ["OAuth complete but a half legacy pair", { ...complete, ZENDESK_EMAIL: "a@acme.example" }, ["ZENDESK_API_TOKEN"]],
    [
      "half of each pair",
      {
        ZENDESK_SUBDOMAIN: "acme",
        ZENDESK_OAUTH_CLIENT_ID: "id",
        ZENDESK_API_TOKEN: "tok",
        ZENDESK_WEBHOOK_SECRET: "w",
      },
      ["ZENDESK_OAUTH_CLIENT_SECRET", "ZENDESK_EMAIL"],
    ],
  ])("names every missing variable with its wrangler command: %s", (_name, env, missing) => {
    const error = configError(env);
    const named = [...error.message.matchAll(/wrangler secret put (\w+)/g)].map((m) => m[1]);
    expect(named).toEqual(missing);
    for (const name of missing) expect(error.message).toContain(`  - ${name}: `);
    expect(error.status).toBe(503);
  });

  it("recommends OAuth when credentials are missing, and never echoes a secret", () => {
    const error = configError({
      ZENDESK_SUBDOMAIN: "acme",
      ZENDESK_OAUTH_CLIENT_SECRET: "top-secret-value",
      ZENDESK_WEBHOOK_SECRET: "whsec-value",
    });
    expect(error.message).toContain("prefer OAuth");
    expect(error.message).not.toContain("top-secret-value");
    expect(error.message).not.toContain("whsec-value");
  });

  it.each([
    ["a full host as subdomain", { ...complete, ZENDESK_SUBDOMAIN: "acme.zendesk.com" }, "bare subdomain"],
    ["an API URL that is not http(s)", { ...complete, ZENDESK_API_URL: "ftp://acme" }, "http(s) URL"],
  ])("rejects %s", (_name, env, text) => {
    expect(configError(env).message).toContain(text);
  });
});
