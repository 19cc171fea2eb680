import type { ModelUsage } from "../domain/decision-facts.ts";
import type { ModelPrice } from "./model-price-table.ts";

export interface ModelCost {
  /** USD for every priced model's tokens. */
  usd: number;
  /** Model ids that used tokens but have no price in the table (counted as 0). */
  unpriced: string[];
}

const PER_MILLION = 1_000_000;

/**
 * Pure: what the tokens of one decision cost at the table's prices (USD per million tokens). A dated
 * snapshot id the API reports (`claude-sonnet-5-5-20261007`) takes its alias's price when it has none
 * of its own. A model with no price counts as 0 and is returned in `unpriced`, so the caller can say so.
 */
export function modelCost(usage: readonly ModelUsage[], prices: Readonly<Record<string, ModelPrice>>): ModelCost {
  let usd = 0;
  const unpriced = new Set<string>();
  for (const used of usage) {
    const price = priceOf(used.model, prices);
    if (!price) {
      if (used.input + used.output + used.cacheRead + used.cacheWrite > 0) unpriced.add(used.model);
      continue;
    }
    usd +=
      (used.input * price.input +
        used.output * price.output +
        used.cacheRead * price.cache_read +
        used.cacheWrite * price.cache_write) /
      PER_MILLION;
  }
  // Whole nano-dollars: sums of float products would otherwise store noise such as 0.30000000000000004.
  return { usd: Math.round(usd * 1e9) / 1e9, unpriced: [...unpriced] };
}

function priceOf(model: string, prices: Readonly<Record<string, ModelPrice>>): ModelPrice | undefined {
  if (Object.hasOwn(prices, model)) return prices[model];
  const alias = Object.keys(prices)
    .filter((key) => model.startsWith(`${key}-`))
    .sort((a, b) => b.length - a.length)[0];
  return alias === undefined ? undefined : prices[alias];
}
