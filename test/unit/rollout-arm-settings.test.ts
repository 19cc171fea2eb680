import { describe, expect, it } from "vitest";
import { defaultSettings, settingsSchema } from "../../src/config/settings-schema.ts";

const parse = (raw: Record<string, unknown>) => settingsSchema.safeParse(raw);

describe("rollout experiment settings", () => {
  it("default to no control group, all categories, a fixed salt and 30 samples", () => {
    expect(defaultSettings).toMatchObject({
      controlPercent: 0,
      autosendCategories: "all",
      armSalt: "deskmate-arms-v1",
      experimentMinSamples: 30,
    });
  });

  it.each([
    ["all", "all"],
    ["Ready", "ready"],
    ["billing, Shipping", ["billing", "shipping"]],
    ['["billing"]', ["billing"]],
  ] as const)("autosend_categories %j parses to %j", (raw, expected) => {
    const result = parse({ autosendCategories: raw });
    expect(result.success && result.data.autosendCategories).toEqual(expected);
  });

  it.each([
    [{ autosendCategories: "billing, not a category!" }, "autosendCategories"],
    [{ controlPercent: 120 }, "controlPercent"],
    [{ controlPercent: "twenty" }, "controlPercent"],
    [{ armSalt: "has spaces" }, "armSalt"],
  ])("refuses %j naming the field", (raw, field) => {
    const result = parse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });
});
