import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  type BusinessSchedule,
  businessMinutesBetween,
  hourOfWeek,
  isOpenAt,
  nextOpening,
} from "../../src/handoff/business-hours.ts";
import { isCalendarDate, isTimeZone, parseWeeklyHours } from "../../src/lib/parse-weekly-hours.ts";

function schedule(text: string, timeZone: string, holidays: string[] = []): BusinessSchedule {
  const parsed = parseWeeklyHours(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return { timeZone, ranges: parsed.ranges, holidays };
}

const paris = schedule("mon-fri 09:00-17:30; sat 10:00-14:00", "Europe/Paris", ["2026-12-25"]);
const at = (iso: string) => new Date(iso);

describe("parseWeeklyHours", () => {
  it("reads day lists, day ranges, several ranges per day and daily", () => {
    const parsed = parseWeeklyHours("mon,wed 09:00-12:00,13:00-17:00; daily 20:00-21:00");
    expect(parsed).toEqual({
      ok: true,
      ranges: [
        { start: 540, end: 720 },
        { start: 780, end: 1020 },
        { start: 1200, end: 1260 },
        { start: 1440 + 1200, end: 1440 + 1260 },
        { start: 2880 + 540, end: 2880 + 720 },
        { start: 2880 + 780, end: 2880 + 1020 },
        { start: 2880 + 1200, end: 2880 + 1260 },
        { start: 4320 + 1200, end: 4320 + 1260 },
        { start: 5760 + 1200, end: 5760 + 1260 },
        { start: 7200 + 1200, end: 7200 + 1260 },
        { start: 8640 + 1200, end: 8640 + 1260 },
      ],
    });
  });

  it("an overnight range ends the next day, and Sunday night runs into Monday", () => {
    expect(parseWeeklyHours("sun 22:00-02:00")).toEqual({
      ok: true,
      ranges: [
        { start: 0, end: 120 },
        { start: 8640 + 1320, end: 10080 },
      ],
    });
    expect(parseWeeklyHours("mon-sun 00:00-24:00")).toEqual({ ok: true, ranges: [{ start: 0, end: 10080 }] });
  });

  it("names what is wrong and shows the form to use", () => {
    for (const [text, words] of [
      ["monday 09:00-17:00", '"monday" is not a day'],
      ["mon-fri", "no hours after the days"],
      ["mon 9-17", '"9-17" is not a range of times'],
      ["mon 09:00-25:00", '"09:00-25:00" is not a range of times'],
      ["mon 09:00-09:00", "is not a range of times"],
      [" ; ", "no opening hours"],
    ] as const) {
      const parsed = parseWeeklyHours(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.error).toContain(words);
        expect(parsed.error).toContain("mon-fri 09:00-17:30; sat 10:00-14:00");
      }
    }
  });

  it("knows time zones and calendar dates", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isCalendarDate("2026-12-25")).toBe(true);
    expect(isCalendarDate("2026-02-30")).toBe(false);
    expect(isCalendarDate("25/12/2026")).toBe(false);
  });
});

describe("business hours", () => {
  it("is open inside the local hours and closed outside, in the schedule's zone", () => {
    // Monday 2026-12-07: Paris is UTC+1 in winter.
    expect(isOpenAt(paris, at("2026-12-07T07:59:00Z"))).toBe(false);
    expect(isOpenAt(paris, at("2026-12-07T08:00:00Z"))).toBe(true);
    expect(isOpenAt(paris, at("2026-12-07T16:29:00Z"))).toBe(true);
    expect(isOpenAt(paris, at("2026-12-07T16:30:00Z"))).toBe(false);
    // Saturday 10:00-14:00, Sunday closed.
    expect(isOpenAt(paris, at("2026-12-12T12:00:00Z"))).toBe(true);
    expect(isOpenAt(paris, at("2026-12-13T12:00:00Z"))).toBe(false);
  });

  it("a holiday closes its whole local day", () => {
    expect(isOpenAt(paris, at("2026-12-25T10:00:00Z"))).toBe(false);
    // Friday evening after closing, Christmas Friday closed: the next opening is Saturday 10:00 Paris.
    expect(nextOpening(paris, at("2026-12-24T18:00:00Z"))?.toISOString()).toBe("2026-12-26T09:00:00.000Z");
  });

  it("the next opening is the instant itself when open, else the next local start", () => {
    expect(nextOpening(paris, at("2026-12-07T10:15:30Z"))?.toISOString()).toBe("2026-12-07T10:15:30.000Z");
    // Saturday after 14:00 Paris: Monday 09:00 Paris.
    expect(nextOpening(paris, at("2026-12-12T15:00:00Z"))?.toISOString()).toBe("2026-12-14T08:00:00.000Z");
    expect(nextOpening(schedule("mon 09:00-10:00", "UTC", []), at("2026-12-08T00:00:00Z"))?.toISOString()).toBe(
      "2026-12-14T09:00:00.000Z",
    );
  });

  it("follows daylight saving time: 09:00 local moves in UTC, not the hours", () => {
    const newYork = schedule("mon-fri 09:00-17:00", "America/New_York");
    // Clocks go forward on Sunday 2027-03-14: Friday 09:00 is 14:00Z (EST), Monday 09:00 is 13:00Z (EDT).
    expect(nextOpening(newYork, at("2027-03-12T13:30:00Z"))?.toISOString()).toBe("2027-03-12T14:00:00.000Z");
    expect(nextOpening(newYork, at("2027-03-12T23:00:00Z"))?.toISOString()).toBe("2027-03-15T13:00:00.000Z");
    // Clocks go back on Sunday 2026-11-01: Monday 09:00 is 14:00Z again.
    expect(nextOpening(newYork, at("2026-10-30T22:00:00Z"))?.toISOString()).toBe("2026-11-02T14:00:00.000Z");
  });

  it("an overnight range is open across midnight", () => {
    const nights = schedule("fri 22:00-02:00", "UTC");
    expect(isOpenAt(nights, at("2026-12-11T23:30:00Z"))).toBe(true);
    expect(isOpenAt(nights, at("2026-12-12T01:59:00Z"))).toBe(true);
    expect(isOpenAt(nights, at("2026-12-12T02:00:00Z"))).toBe(false);
    expect(businessMinutesBetween(nights, at("2026-12-11T00:00:00Z"), at("2026-12-13T00:00:00Z"))).toBe(240);
  });

  it("counts business minutes between instants and adds business minutes", () => {
    // Friday 16:00 Paris to Monday 10:00 Paris: 90 min Friday + 4 h Saturday + 60 min Monday.
    const from = at("2026-12-11T15:00:00Z");
    const to = at("2026-12-14T09:00:00Z");
    expect(businessMinutesBetween(paris, from, to)).toBe(90 + 240 + 60);
    expect(addBusinessMinutes(paris, from, 90 + 240 + 60)?.toISOString()).toBe(to.toISOString());
    expect(addBusinessMinutes(paris, at("2026-12-07T09:00:00Z"), 30)?.toISOString()).toBe("2026-12-07T09:30:00.000Z");
    expect(businessMinutesBetween(paris, to, from)).toBe(0);
  });

  it("a schedule that never opens has no next opening", () => {
    const never: BusinessSchedule = { timeZone: "UTC", ranges: [], holidays: [] };
    expect(nextOpening(never, at("2026-12-07T10:00:00Z"))).toBeNull();
    expect(addBusinessMinutes(never, at("2026-12-07T10:00:00Z"), 5)).toBeNull();
  });

  it("the hour of the week is local", () => {
    expect(hourOfWeek(at("2026-12-07T08:30:00Z"), "Europe/Paris")).toBe(9);
    expect(hourOfWeek(at("2026-12-13T23:30:00Z"), "UTC")).toBe(167);
  });
});
