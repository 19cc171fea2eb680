import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/lib/errors.ts";
import { upstashKvStoreFromEnv } from "../../src/state/upstash-kv-store.ts";

describe("upstashKvStoreFromEnv", () => {
  it("returns null when neither secret is set, a store when both are", () => {
    expect(upstashKvStoreFromEnv({})).toBeNull();
    expect(upstashKvStoreFromEnv({ UPSTASH_REDIS_REST_URL: "", UPSTASH_REDIS_REST_TOKEN: "" })).toBeNull();
    const env = { UPSTASH_REDIS_REST_URL: "https://x.upstash.io", UPSTASH_REDIS_REST_TOKEN: "t" };
    expect(upstashKvStoreFromEnv(env)?.kind).toBe("upstash");
  });

  it("names the missing secret and the command that sets it", () => {
    expect(() => upstashKvStoreFromEnv({ UPSTASH_REDIS_REST_URL: "https://x.upstash.io" })).toThrow(ConfigError);
    expect(() => upstashKvStoreFromEnv({ UPSTASH_REDIS_REST_URL: "https://x.upstash.io" })).toThrow(
      /UPSTASH_REDIS_REST_TOKEN.*`wrangler secret put UPSTASH_REDIS_REST_TOKEN`/,
    );
    expect(() => upstashKvStoreFromEnv({ UPSTASH_REDIS_REST_TOKEN: "t" })).toThrow(
      /UPSTASH_REDIS_REST_URL.*`wrangler secret put UPSTASH_REDIS_REST_URL`/,
    );
  });
});
