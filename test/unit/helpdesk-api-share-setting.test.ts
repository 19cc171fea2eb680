import { describe, expect, it } from "vitest";
import { defaultSettings, settingsSchema } from "../../src/config/settings-schema.ts";
import { validateSettingValues } from "../../src/http/admin/validate-setting-values.ts";

const parse = (value: unknown) => settingsSchema.shape.helpdeskApiShare.safeParse(value);

describe("the helpdesk_api_share setting", () => {
  it("defaults to 30% of the account's limit", () => {
    expect(defaultSettings.helpdeskApiShare).toBe(0.3);
    expect(parse("")).toMatchObject({ success: true, data: 0.3 });
  });

  it.each([
    ["the lowest share", "0.05", 0.05],
    ["all of the limit", 1, 1],
    ["a Worker var's text", " 0.5 ", 0.5],
  ])("accepts %s", (_name, value, share) => {
    expect(parse(value)).toMatchObject({ success: true, data: share });
  });

  it.each([
    ["below 5%", "0.01", "too small"],
    ["a percentage instead of a share", 30, "too large"],
    ["a word", "thirty", "not a number"],
  ])("refuses %s, naming the field and the fix", (_name, value, rule) => {
    const problems = validateSettingValues({ helpdesk_api_share: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.name).toBe("helpdesk_api_share");
    expect(problems[0]?.message).toContain(rule);
    expect(problems[0]?.message).toContain("between 0.05 and 1, e.g. 0.3 for 30%");
  });
});
