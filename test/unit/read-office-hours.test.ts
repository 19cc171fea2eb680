import { describe, expect, it } from "vitest";
import { readOfficeHours } from "../../src/platforms/intercom/read-office-hours.ts";

const api = (schedules: unknown[], exceptions: unknown[] = []) => ({
  listOfficeHoursSchedules: async () => ({ type: "office_hours_schedule.list", data: schedules }),
  listOfficeHoursExceptions: async () => ({ type: "office_hours_exception.list", data: exceptions }),
});
const now = new Date("2026-12-07T09:00:00Z");

describe("Intercom office hours as a schedule", () => {
  it("takes the earliest created schedule; closed days become holidays, yearly ones this year and next", async () => {
    const read = await readOfficeHours(
      api(
        [
          { id: "2", name: "Late", time_zone_name: "UTC", time_intervals: [], created_at: 20 },
          {
            id: "1",
            name: "Main",
            time_zone_name: "Europe/Dublin",
            time_intervals: [{ start_minute: 540, end_minute: 1020, day_of_week: 0 }],
            created_at: 10,
          },
        ],
        [
          { exception_date: "2025-12-25", exception_type: "closed", recurring_annually: true },
          { exception_date: "2026-12-31", exception_type: "closed", recurring_annually: false },
          { exception_date: "2026-12-24", exception_type: "custom_hours", recurring_annually: false },
        ],
      ),
      now,
    );
    expect(read).toEqual({
      status: "found",
      name: "Main",
      timeZone: "Europe/Dublin",
      ranges: [{ start: 540, end: 1020 }],
      holidays: ["2026-12-25", "2027-12-25", "2026-12-31"],
    });
  });

  it("24/7 is open all week; no schedule or an unknown zone is unavailable, saying why", async () => {
    const always = await readOfficeHours(
      api([{ id: "1", name: "Always", time_zone_name: "UTC", twenty_four_seven: true, time_intervals: [] }]),
      now,
    );
    expect(always).toMatchObject({ status: "found", ranges: [{ start: 0, end: 10080 }] });
    expect(await readOfficeHours(api([]), now)).toEqual({
      status: "unavailable",
      reason: "Intercom has no office hours schedule",
    });
    expect(await readOfficeHours(api([{ id: "1", name: "X", time_zone_name: "Nowhere/Land" }]), now)).toEqual({
      status: "unavailable",
      reason: 'Intercom\'s office hours zone "Nowhere/Land" is not a known time zone',
    });
  });
});
