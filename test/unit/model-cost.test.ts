import { describe, expect, it } from "vitest";
import { modelCost } from "../../src/config/model-cost.ts";
import { DEFAULT_MODEL_PRICES } from "../../src/config/model-price-table.ts";
import type { ModelUsage } from "../../src/domain/decision-facts.ts";

const used = (model: string, input: number, output: number, cacheRead = 0, cacheWrite = 0): ModelUsage => ({
  model,
  input,
  output,
  cacheRead,
  cacheWrite,
});

describe("modelCost: tokens at the price table's USD per million tokens", () => {
  it.each([
    ["nothing used", [], 0, []],
    ["sonnet: 1M input tokens", [used("claude-sonnet-5-5", 1_000_000, 0)], 2, []],
    ["sonnet: 1M output tokens", [used("claude-sonnet-5-5", 0, 1_000_000)], 10, []],
    ["sonnet: every kind", [used("claude-sonnet-5-5", 1000, 200, 3000, 4000)], 0.0143, []],
    ["haiku: every kind", [used("claude-haiku-5-5", 10_000, 1000, 20_000, 8000)], 0.0027, []],
    ["two models add up", [used("claude-sonnet-5-5", 1000, 0), used("claude-haiku-5-5", 1000, 0)], 0.0021, []],
    ["a dated snapshot id takes its alias's price", [used("claude-sonnet-5-5-20261007", 1000, 0)], 0.002, []],
    ["an unknown model costs 0 and is named", [used("claude-opus-9", 1000, 100)], 0, ["claude-opus-9"]],
    ["an unknown model that used nothing is not named", [used("claude-opus-9", 0, 0)], 0, []],
    [
      "priced and unknown together",
      [used("claude-sonnet-5-5", 1000, 0), used("gpt-x", 5, 5), used("gpt-x", 1, 1)],
      0.002,
      ["gpt-x"],
    ],
  ] as const)("%s", (_name, usage, usd, unpriced) => {
    const cost = modelCost(usage, DEFAULT_MODEL_PRICES);
    expect(cost.usd).toBeCloseTo(usd, 12);
    expect(cost.unpriced).toEqual(unpriced);
  });

  it("a prefix that is not a whole id segment is not an alias", () => {
    const prices = { "claude-sonnet-5": { input: 1, output: 1, cache_read: 1, cache_write: 1 } };
    expect(modelCost([used("claude-sonnet-55", 1000, 0)], prices)).toEqual({ usd: 0, unpriced: ["claude-sonnet-55"] });
  });

  it("sums are whole nano-dollars, without float noise", () => {
    const prices = { m: { input: 0.1, output: 0.2, cache_read: 0, cache_write: 0 } };
    expect(modelCost([used("m", 1, 1)], prices).usd).toBe(0.0000003);
  });
});
