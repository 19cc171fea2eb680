import { describe, expect, it } from "vitest";
import { defaultSettings, settingsSchema } from "../../src/config/settings-schema.ts";
import { isPublicHttpsUrl } from "../../src/lib/public-https-url.ts";

const issues = (raw: Record<string, unknown>) => {
  const result = settingsSchema.safeParse(raw);
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("business hours settings", () => {
  it("default to no schedule, no stated wait and no emergency path", () => {
    expect(defaultSettings).toMatchObject({
      businessHoursSource: "setting",
      businessHours: null,
      businessHoursTimeZone: "UTC",
      holidays: [],
      expectedWaitMinutes: null,
      onCallGroupId: null,
      onCallTag: null,
      onCallWebhookUrl: null,
    });
  });

  it("accept a schedule with its zone, holidays and a wait range", () => {
    const parsed = settingsSchema.parse({
      businessHoursSource: "Setting",
      businessHours: "mon-fri 09:00-17:30; sat 10:00-14:00",
      businessHoursTimeZone: "Europe/Paris",
      holidays: "2026-12-25, 2027-01-01",
      expectedWaitMinutes: "20-60",
      onCallGroupId: "42",
      onCallTag: "on_call",
      onCallWebhookUrl: "https://hooks.example.com/on-call",
    });
    expect(parsed).toMatchObject({
      businessHoursSource: "setting",
      businessHours: "mon-fri 09:00-17:30; sat 10:00-14:00",
      holidays: ["2026-12-25", "2027-01-01"],
      expectedWaitMinutes: "20-60",
    });
  });

  it("name the field and the fix for a bad schedule, zone, holiday, wait or URL", () => {
    expect(issues({ businessHours: "weekdays 9-5" })).toEqual([
      'businessHours: "weekdays 9-5": "weekdays" is not a day or day range (mon..sun, daily); ' +
        'write entries such as "mon-fri 09:00-17:30; sat 10:00-14:00"',
    ]);
    expect(issues({ businessHoursTimeZone: "Paris" })).toEqual([
      "businessHoursTimeZone: not a known IANA time zone; use a name such as Europe/Paris or America/New_York",
    ]);
    expect(issues({ holidays: "25/12/2026" })).toEqual([
      "holidays.0: holidays are dates written YYYY-MM-DD, such as 2026-12-25",
    ]);
    expect(issues({ expectedWaitMinutes: "60-20" })[0]).toMatch(/^expectedWaitMinutes: use a range of minutes/);
    expect(issues({ businessHoursSource: "zendesk" })[0]).toMatch(/^businessHoursSource: /);
    expect(issues({ onCallWebhookUrl: "http://hooks.example.com/x" })[0]).toMatch(
      /^onCallWebhookUrl: use an https URL/,
    );
  });

  it("an on-call URL must be https on a public host", () => {
    expect(isPublicHttpsUrl("https://hooks.example.com/x")).toBe(true);
    for (const url of [
      "http://hooks.example.com/x",
      "https://127.0.0.1/x",
      "https://[::1]/x",
      "https://10.0.0.8/x",
      "https://localhost/x",
      "https://metadata.internal/x",
      "https://printer.local/x",
      "https://intranet/x",
      "https://user:pw@hooks.example.com/x",
      "not a url",
    ]) {
      expect(isPublicHttpsUrl(url), url).toBe(false);
    }
  });
});
