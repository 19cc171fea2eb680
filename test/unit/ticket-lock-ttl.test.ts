import { describe, expect, it } from "vitest";
import { MAX_MODEL_CALLS, MAX_RETRIES } from "../../src/agent/anthropic-model.ts";
import { ticketLockTtlSeconds } from "../../src/pipeline/ticket-lock-ttl.ts";

describe("ticketLockTtlSeconds", () => {
  it("covers every model attempt of a message (tool rounds, one regeneration) at the configured timeout", () => {
    for (const modelTimeoutSeconds of [1, 20, 30]) {
      const modelWorstCase = modelTimeoutSeconds * (MAX_RETRIES + 1) * MAX_MODEL_CALLS * 2;
      // Plus the helpdesk reads with their retries (4 attempts of 20 s, 3 Retry-After waits of 30 s, twice).
      expect(ticketLockTtlSeconds({ modelTimeoutSeconds })).toBeGreaterThan(modelWorstCase + 2 * (4 * 20 + 3 * 30));
    }
  });

  it("grows with the model timeout setting and is a whole number of seconds", () => {
    const at20 = ticketLockTtlSeconds({ modelTimeoutSeconds: 20 });
    const at30 = ticketLockTtlSeconds({ modelTimeoutSeconds: 30 });
    expect(at30 - at20).toBe(10 * (MAX_RETRIES + 1) * MAX_MODEL_CALLS * 2);
    expect(Number.isInteger(at20)).toBe(true);
    expect(at20).toBe(1158);
  });
});
