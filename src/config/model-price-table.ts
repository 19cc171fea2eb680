import * as z from "zod";

/** USD per million tokens of one model, per kind of token the Messages API reports in `usage`. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Named as admins write them (the setting's JSON), so a parsed table parses again unchanged. */
  cache_read: number;
  cache_write: number;
}

/**
 * List prices of the default models (USD per million tokens, standard tier, prompts up to 100,000
 * tokens; cache write = the 5-minute cache write). claude-sonnet-5-5: $2 in, $10 out, cache hits
 * $0.10 since the 7 October 2026 cut (was $0.20), 5-minute cache writes $2.50. claude-haiku-5-5: $0.10
 * in, $0.50 out, cache hits $0.01, 5-minute cache writes $0.125; prompts over 100,000 tokens bill five
 * times that, a band Deskmate's prompts stay far below. Prices change: the `model_prices` setting
 * overrides this table.
 */
export const DEFAULT_MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  "claude-sonnet-5-5": { input: 2, output: 10, cache_read: 0.1, cache_write: 2.5 },
  "claude-haiku-5-5": { input: 0.1, output: 0.5, cache_read: 0.01, cache_write: 0.125 },
};

const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,199}$/;
/** A price per million tokens; over $1,000 is a typo (a price per token or per thousand, or cents). */
const MAX_PRICE = 1000;
const FIELDS = ["input", "output", "cache_read", "cache_write"] as const;

const price = z
  .number()
  .finite()
  .min(0, "prices cannot be negative")
  .max(MAX_PRICE, `at most ${MAX_PRICE} USD per million tokens`);
const priceObject = z.strictObject({ input: price, output: price, cache_read: price, cache_write: price });

/**
 * The `model_prices` setting: a JSON object `{"<model id>": {"input": 2, "output": 10, "cache_read":
 * 0.1, "cache_write": 2.5}}` or one `model=input,output,cache_read,cache_write` per line, in USD per
 * million tokens. Replaces the default table as a whole (a model left out has no price).
 */
export function modelPriceTable(maxEntries: number) {
  return z.preprocess(
    (value, ctx) => (typeof value === "string" ? parsePriceText(value, ctx) : value),
    z
      .record(z.string(), priceObject)
      .superRefine((table, ctx) => {
        // Checked here, not as the record's key schema: zod reports a bad key only as "Invalid key".
        for (const model of Object.keys(table).filter((id) => !MODEL_ID.test(id)))
          ctx.addIssue({
            code: "custom",
            message: `"${model}" is not a model id: use one such as claude-sonnet-5-5 (no spaces)`,
          });
      })
      .refine((table) => Object.keys(table).length <= maxEntries, `at most ${maxEntries} models; remove some`),
  );
}

function parsePriceText(value: string, ctx: z.RefinementCtx): unknown {
  const text = value.trim();
  if (text.startsWith("{")) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({
        code: "custom",
        message: "is not valid JSON; use an object or one model=in,out,cache_read,cache_write per line",
      });
      return z.NEVER;
    }
  }
  const table = new Map<string, Record<string, number>>();
  const lines = text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== "");
  for (const [index, line] of lines.entries()) {
    const at = line.indexOf("=");
    const numbers =
      at > 0
        ? line
            .slice(at + 1)
            .split(",")
            .map((n) => n.trim())
        : [];
    const model = line.slice(0, Math.max(at, 0)).trim();
    if (at <= 0 || numbers.length !== FIELDS.length || numbers.some((n) => !/^\d+(\.\d+)?$/.test(n))) {
      ctx.addIssue({
        code: "custom",
        message:
          `line ${index + 1} is not of the form model=input,output,cache_read,cache_write ` +
          "(four prices in USD per million tokens, e.g. claude-sonnet-5-5=2,10,0.1,2.5)",
      });
      return z.NEVER;
    }
    if (table.has(model)) {
      ctx.addIssue({ code: "custom", message: `model "${model}" is listed twice` });
      return z.NEVER;
    }
    table.set(model, Object.fromEntries(FIELDS.map((field, i) => [field, Number(numbers[i])])));
  }
  return Object.fromEntries(table);
}
