import { describe, expect, it } from "vitest";
import { DEFAULT_MODEL_PRICES } from "../../src/config/model-price-table.ts";
import { defaultSettings, settingsSchema } from "../../src/config/settings-schema.ts";

const parse = (value: unknown) => settingsSchema.shape.modelPrices.safeParse(value);
const messages = (value: unknown) => {
  const result = parse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe("the model_prices setting", () => {
  it("defaults to the default models' list prices", () => {
    expect(defaultSettings.modelPrices).toEqual(DEFAULT_MODEL_PRICES);
    expect(defaultSettings.modelPrices[defaultSettings.decisionModel]).toBeDefined();
    expect(defaultSettings.modelPrices[defaultSettings.handoffModel]).toBeDefined();
  });

  it.each([
    [
      "one model=in,out,cache_read,cache_write per line",
      "claude-sonnet-5-5=2,10,0.1,2.5\nmy-model = 1, 2, 0.5, 1.25\n",
      {
        "claude-sonnet-5-5": { input: 2, output: 10, cache_read: 0.1, cache_write: 2.5 },
        "my-model": { input: 1, output: 2, cache_read: 0.5, cache_write: 1.25 },
      },
    ],
    [
      "a JSON object as text",
      '{"m": {"input": 3, "output": 15, "cache_read": 0.3, "cache_write": 3.75}}',
      { m: { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 } },
    ],
    [
      "an object (stored workspace settings)",
      { m: { input: 0, output: 0, cache_read: 0, cache_write: 0 } },
      { m: { input: 0, output: 0, cache_read: 0, cache_write: 0 } },
    ],
  ])("accepts %s", (_name, value, table) => {
    expect(parse(value)).toMatchObject({ success: true, data: table });
  });

  it("a parsed table parses again unchanged (settings are re-read from storage)", () => {
    expect(parse(defaultSettings.modelPrices)).toMatchObject({ success: true, data: DEFAULT_MODEL_PRICES });
  });

  it.each([
    ["three prices on a line", "m=1,2,3", "line 1 is not of the form model=input,output,cache_read,cache_write"],
    ["a word for a price", "a=1,2,3,4\nb=1,two,3,4", "line 2 is not of the form"],
    ["no model id", "=1,2,3,4", "line 1 is not of the form"],
    ["a model twice", "m=1,2,3,4\nm=1,2,3,4", 'model "m" is listed twice'],
    ["broken JSON", '{"m": ', "is not valid JSON"],
    ["a negative price", { m: { input: -1, output: 1, cache_read: 1, cache_write: 1 } }, "prices cannot be negative"],
    ["a price per token typed as per million", "m=3000,15000,300,3750", "at most 1000 USD per million tokens"],
    ["a missing field", { m: { input: 1, output: 1, cache_read: 1 } }, "expected number"],
    ["a model id with a space", { "my model": { input: 1, output: 1, cache_read: 1, cache_write: 1 } }, "no spaces"],
  ])("refuses %s, saying what to fix", (_name, value, message) => {
    expect(messages(value).join(" ")).toContain(message);
  });

  it("refuses more than 50 models and a value over its size limit", () => {
    const many = Array.from({ length: 51 }, (_, i) => `m${i}=1,1,1,1`).join("\n");
    expect(messages(many).join(" ")).toContain("at most 50 models");
    expect(messages(`m=1,1,1,1\n${"x".repeat(9000)}`).join(" ")).toContain("too long: at most 8000 characters");
  });
});
