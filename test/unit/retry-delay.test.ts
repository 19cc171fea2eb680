import { describe, expect, it } from "vitest";
import { TicketLockedError } from "../../src/lib/errors.ts";
import { retryDelaySeconds } from "../../src/pipeline/retry-delay.ts";

describe("retryDelaySeconds", () => {
  it("waits longer for a locked ticket with every attempt, so the queue's retries outlast a long job", () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) => retryDelaySeconds(new TicketLockedError("101"), attempt, () => 0));
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1]!);
    // max_retries = 5 (wrangler.toml): even the shortest jitter spreads them over more than two minutes.
    expect(delays.reduce((a, b) => a + b, 0)).toBeGreaterThan(120);
  });
});
