import { ConfigError, StoreUnavailableError } from "../lib/errors.ts";
import type { KvStore } from "../ports/kv-store.ts";
import { type UpstashRedis, upstashRestClient } from "./upstash-rest-client.ts";

export interface UpstashConnectionOptions {
  url: string;
  token: string;
  /** Per-request timeout. A hung store must still give the webhook route a quick 503. */
  timeoutMs?: number;
}

/** Either connection settings, or a client built with `createUpstashRedis` (or configured the same way). */
export type UpstashKvStoreOptions = UpstashConnectionOptions | { redis: UpstashRedis };

const DEFAULT_TIMEOUT_MS = 2_000;

// Compare-and-delete, so a lock is only released by the job that took it (redis.io/docs/latest/commands/set/).
const DELETE_IF_EQUALS = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;

// Lease renewal: only the owner's value may extend the key's TTL.
const EXPIRE_IF_EQUALS =
  `if redis.call("GET", KEYS[1]) == ARGV[1] then return ` + `redis.call("EXPIRE", KEYS[1], ARGV[2]) end return 0`;

// A write fenced by a lock: checked and written in one script, so no other job can take the lock between the two.
const SET_IF_GUARD_EQUALS =
  `if redis.call("GET", KEYS[2]) == ARGV[3] then ` +
  `redis.call("SET", KEYS[1], ARGV[1], "EX", ARGV[2]) return 1 end return 0`;

// INCRBY and EXPIRE in one script: the TTL is set atomically with the first increment, and a counter
// can never be left without a TTL if the worker dies between two round trips.
const INCREMENT_WITH_TTL = `local n = redis.call("INCRBY", KEYS[1], ARGV[2])
if redis.call("TTL", KEYS[1]) < 0 then redis.call("EXPIRE", KEYS[1], ARGV[1]) end
return n`;

/** The store's Redis client: values stay the strings stored, and a hung store gives up after the timeout. */
export function createUpstashRedis(options: UpstashConnectionOptions): UpstashRedis {
  return upstashRestClient({
    url: options.url,
    token: options.token,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
}

/** KvStore over Upstash's REST API (docs: upstash.com/docs/redis/features/restapi). */
export class UpstashKvStore implements KvStore {
  readonly kind = "upstash" as const;
  private readonly redis: UpstashRedis;

  constructor(options: UpstashKvStoreOptions) {
    this.redis = "redis" in options ? options.redis : createUpstashRedis(options);
  }

  async setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    assertTtl(ttlSeconds);
    return this.call("setIfAbsent", async () => {
      const reply = await this.redis.set(key, value, { nx: true, ex: ttlSeconds });
      return reply === "OK";
    });
  }

  get(key: string): Promise<string | null> {
    return this.call("get", async () => {
      const value = await this.redis.get(key);
      return value === null || value === undefined ? null : String(value);
    });
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    assertTtl(ttlSeconds);
    return this.call("set", async () => {
      await this.redis.set(key, value, { ex: ttlSeconds });
    });
  }

  delete(key: string): Promise<void> {
    return this.call("delete", async () => {
      await this.redis.del(key);
    });
  }

  deleteIfEquals(key: string, value: string): Promise<boolean> {
    return this.call("deleteIfEquals", async () => {
      const deleted = await this.redis.eval(DELETE_IF_EQUALS, [key], [value]);
      return Number(deleted) === 1;
    });
  }

  async expireIfEquals(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    assertTtl(ttlSeconds);
    return this.call("expireIfEquals", async () => {
      const renewed = await this.redis.eval(EXPIRE_IF_EQUALS, [key], [value, String(ttlSeconds)]);
      return Number(renewed) === 1;
    });
  }

  async setIfGuardEquals(
    key: string,
    value: string,
    ttlSeconds: number,
    guardKey: string,
    guardValue: string,
  ): Promise<boolean> {
    assertTtl(ttlSeconds);
    return this.call("setIfGuardEquals", async () => {
      const written = await this.redis.eval(
        SET_IF_GUARD_EQUALS,
        [key, guardKey],
        [value, String(ttlSeconds), guardValue],
      );
      return Number(written) === 1;
    });
  }

  increment(key: string, ttlSeconds: number): Promise<number> {
    return this.incrementBy(key, 1, ttlSeconds);
  }

  async incrementBy(key: string, amount: number, ttlSeconds: number): Promise<number> {
    assertTtl(ttlSeconds);
    if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be an integer, got ${amount}`);
    return this.call("increment", async () => {
      const count = Number(await this.redis.eval(INCREMENT_WITH_TTL, [key], [String(ttlSeconds), String(amount)]));
      if (!Number.isInteger(count)) throw new TypeError("INCRBY returned a non-integer");
      return count;
    });
  }

  ping(): Promise<void> {
    return this.call("ping", async () => {
      await this.redis.ping();
    });
  }

  private async call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new StoreUnavailableError(`upstash ${operation} failed: ${describeFailure(error)}`, {
        cause: error,
      });
    }
  }
}

/**
 * A short reason for logs: the error's name and message (the REST client's messages carry the status and
 * Redis's reply, never the command, which holds the stored value), plus a network error's code.
 */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  const message = error.message;
  const cause = error.cause as { code?: unknown } | undefined;
  const code = typeof cause?.code === "string" ? ` (${cause.code})` : "";
  return `${error.name}: ${message.slice(0, 200)}${code}`;
}

function assertTtl(ttlSeconds: number): void {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError(`ttlSeconds must be a positive integer, got ${ttlSeconds}`);
  }
}

/**
 * The store configured by Worker secrets, or null when neither is set (the caller decides whether
 * the memory store is acceptable, e.g. in local dev). Half a configuration is an error.
 */
export function upstashKvStoreFromEnv(env: {
  UPSTASH_REDIS_REST_URL?: string;
  UPSTASH_REDIS_REST_TOKEN?: string;
}): UpstashKvStore | null {
  const url = env.UPSTASH_REDIS_REST_URL || undefined;
  const token = env.UPSTASH_REDIS_REST_TOKEN || undefined;
  if (url === undefined && token === undefined) return null;
  if (url === undefined) throw missing("UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN");
  if (token === undefined) throw missing("UPSTASH_REDIS_REST_TOKEN", "UPSTASH_REDIS_REST_URL");
  return new UpstashKvStore({ url, token });
}

function missing(name: string, present: string): ConfigError {
  return new ConfigError(
    `${name} is not set but ${present} is; the store needs both. ` +
      `Copy it from the Upstash console (database > REST API) and run \`wrangler secret put ${name}\`.`,
  );
}
