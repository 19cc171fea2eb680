import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/lib/errors.ts";
import { INTERCOM_API_VERSION, intercomConfigFromEnv } from "../../src/platforms/intercom/intercom-config.ts";

const secrets = { INTERCOM_ACCESS_TOKEN: " tok ", INTERCOM_CLIENT_SECRET: "sec" };

describe("intercomConfigFromEnv", () => {
  it("defaults to the US base and the pinned version", () => {
    expect(intercomConfigFromEnv(secrets)).toEqual({
      accessToken: "tok",
      clientSecret: "sec",
      baseUrl: "https://api.intercom.io",
      version: "2.16",
    });
    expect(INTERCOM_API_VERSION).toBe("2.16");
  });

  it("accepts the EU and AU bases (and a proxy), without a trailing slash", () => {
    expect(intercomConfigFromEnv({ ...secrets, INTERCOM_API_URL: "https://api.eu.intercom.io/" }).baseUrl).toBe(
      "https://api.eu.intercom.io",
    );
    expect(intercomConfigFromEnv({ ...secrets, INTERCOM_API_URL: "https://api.au.intercom.io" }).baseUrl).toBe(
      "https://api.au.intercom.io",
    );
    expect(intercomConfigFromEnv({ ...secrets, INTERCOM_API_URL: "http://127.0.0.1:8788" }).baseUrl).toBe(
      "http://127.0.0.1:8788",
    );
    expect(intercomConfigFromEnv({ ...secrets, INTERCOM_VERSION: "2.15" }).version).toBe("2.15");
  });

  it("names every missing variable with its wrangler command, and bad values, in one error", () => {
    let error: unknown;
    try {
      intercomConfigFromEnv({
        INTERCOM_ACCESS_TOKEN: "  ",
        INTERCOM_API_URL: "api.intercom.io",
        INTERCOM_VERSION: "latest",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain("wrangler secret put INTERCOM_ACCESS_TOKEN");
    expect(message).toContain("wrangler secret put INTERCOM_CLIENT_SECRET");
    expect(message).toContain("INTERCOM_API_URL must be an http(s) URL");
    expect(message).toContain('INTERCOM_VERSION must look like "2.16"');
  });
});
