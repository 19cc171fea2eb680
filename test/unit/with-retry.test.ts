import { describe, expect, it } from "vitest";
import { ConfigError, HelpdeskError } from "../../src/lib/errors.ts";
import { retryDelayMs, withRetry, type RetryOptions } from "../../src/lib/with-retry.ts";

/** Runs `withRetry` over a scripted sequence of failures, recording the attempts and the waits. */
async function run(failures: unknown[], options: RetryOptions = {}) {
  const sleeps: number[] = [];
  let attempts = 0;
  const result = withRetry(
    async () => {
      const failure = failures[attempts++];
      if (failure !== undefined) throw failure;
      return "ok";
    },
    { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, ...options },
  );
  const outcome = await result.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  return { ...outcome, attempts, sleeps };
}

const http = (status: number, retryAfterSeconds?: number) =>
  new HelpdeskError("op", status, `HTTP ${status}`, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });

describe("withRetry", () => {
  it.each([
    ["429 with Retry-After waits what Zendesk asked", [http(429, 3)], [3000]],
    ["429 without Retry-After backs off with full jitter", [http(429)], [250]],
    ["5xx back off exponentially", [http(500), http(502), http(503)], [250, 500, 1000]],
    ["network errors (status 0) are retried", [http(0)], [250]],
    ["408 is retried", [http(408)], [250]],
  ])("%s", async (_name, failures, sleeps) => {
    const outcome = await run(failures);
    expect(outcome).toMatchObject({ value: "ok", attempts: failures.length + 1, sleeps });
  });

  it.each([
    ["400", http(400)],
    ["401", http(401)],
    ["404", http(404)],
    ["409", http(409)],
    ["422", http(422)],
    ["a non-helpdesk error", new ConfigError("missing")],
    ["a programming error", new TypeError("boom")],
  ])("throws %s at once", async (_name, failure) => {
    const outcome = await run([failure]);
    expect(outcome).toMatchObject({ error: failure, attempts: 1, sleeps: [] });
  });

  it("gives up after maxAttempts with the last error", async () => {
    const last = http(503);
    const outcome = await run([http(500), http(500), http(500), last, http(500)]);
    expect(outcome).toMatchObject({ error: last, attempts: 4, sleeps: [250, 500, 1000] });
  });

  it("ends at once when Retry-After exceeds the in-process wait, keeping retryAfterSeconds for the queue", async () => {
    const long = http(429, 120);
    const outcome = await run([long], { maxRetryAfterMs: 30_000 });
    expect(outcome).toMatchObject({ error: long, attempts: 1, sleeps: [] });
    expect((outcome as { error: HelpdeskError }).error.retryAfterSeconds).toBe(120);
  });

  it("caps the backoff at maxDelayMs", () => {
    const options = { random: () => 0.999, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(http(500), attempt, options))).toEqual([
      999, 1998, 3996, 4995, 4995,
    ]);
  });

  it("reports each retry", async () => {
    const seen: Array<[number, number, number]> = [];
    await run([http(500), http(429, 1)], {
      onRetry: ({ attempt, delayMs, error }) => seen.push([attempt, delayMs, error.status]),
    });
    expect(seen).toEqual([
      [1, 250, 500],
      [2, 1000, 429],
    ]);
  });
});
