import { isCalendarDate, isTimeZone, MINUTES_PER_WEEK, type WeeklyRange } from "../../lib/parse-weekly-hours.ts";
import type { HelpdeskBusinessHours } from "../../ports/helpdesk.ts";
import type { IntercomApi } from "./intercom-client.ts";

interface IcSchedule {
  id?: unknown;
  name?: unknown;
  time_zone_name?: unknown;
  time_intervals?: Array<{ start_minute?: unknown; end_minute?: unknown }> | null;
  twenty_four_seven?: unknown;
  created_at?: unknown;
}

interface IcException {
  exception_date?: unknown;
  exception_type?: unknown;
  recurring_annually?: unknown;
}

/**
 * The workspace's office hours (API 2.16 `/office_hours_schedules`): intervals in minutes from Monday
 * 00:00 in the schedule's IANA zone, as Deskmate counts them. A team carries no link to a schedule in
 * the API, so the workspace's first schedule (the earliest created) applies to every escalation; its
 * `closed` exceptions become holidays (a yearly one for this year and the next), `custom_hours` ones
 * are not used (the regular hours apply that day).
 */
export async function readOfficeHours(
  api: Pick<IntercomApi, "listOfficeHoursSchedules" | "listOfficeHoursExceptions">,
  now: Date,
): Promise<HelpdeskBusinessHours> {
  const list = (await api.listOfficeHoursSchedules()) as { data?: IcSchedule[] } | null;
  const schedules = (list?.data ?? []).filter((s) => typeof s.id === "string" || typeof s.id === "number");
  schedules.sort((a, b) => Number(a.created_at ?? 0) - Number(b.created_at ?? 0));
  const schedule = schedules[0];
  if (!schedule) return { status: "unavailable", reason: "Intercom has no office hours schedule" };
  const timeZone = String(schedule.time_zone_name ?? "");
  if (!isTimeZone(timeZone)) {
    return { status: "unavailable", reason: `Intercom's office hours zone "${timeZone}" is not a known time zone` };
  }
  const ranges: WeeklyRange[] =
    schedule.twenty_four_seven === true
      ? [{ start: 0, end: MINUTES_PER_WEEK }]
      : (schedule.time_intervals ?? []).flatMap((interval) => {
          const start = Number(interval.start_minute);
          const end = Number(interval.end_minute);
          const valid = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start;
          return valid && end <= MINUTES_PER_WEEK ? [{ start, end }] : [];
        });
  const exceptions = (await api.listOfficeHoursExceptions(String(schedule.id))) as { data?: IcException[] } | null;
  const year = now.getUTCFullYear();
  const holidays = (exceptions?.data ?? []).flatMap((exception) => {
    const date = String(exception.exception_date ?? "");
    if (exception.exception_type !== "closed" || !isCalendarDate(date)) return [];
    if (exception.recurring_annually !== true) return [date];
    return [year, year + 1].map((y) => `${y}${date.slice(4)}`).filter(isCalendarDate);
  });
  return { status: "found", name: String(schedule.name ?? schedule.id), timeZone, ranges, holidays };
}
