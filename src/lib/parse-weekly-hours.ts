/**
 * The text form of a weekly schedule, as admins type it in the `business_hours` setting:
 * `mon-fri 09:00-17:30; sat 10:00-14:00`. Entries are separated by `;`, each a day list (`mon`,
 * `mon-fri`, `mon,wed,fri`, `daily`) and one or more ranges (`09:00-12:00,13:00-17:30`). A range that
 * ends before it starts runs overnight into the next day (`fri 22:00-02:00`); `24:00` ends a day.
 * Pure syntax: the time math lives in src/handoff/business-hours.ts.
 */

/** One open range in minutes from Monday 00:00 local time, `start` inclusive, `end` exclusive (<= 10080). */
export interface WeeklyRange {
  start: number;
  end: number;
}

export const MINUTES_PER_WEEK = 7 * 24 * 60;

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const EXAMPLE = 'write entries such as "mon-fri 09:00-17:30; sat 10:00-14:00"';

export type WeeklyHoursResult = { ok: true; ranges: WeeklyRange[] } | { ok: false; error: string };

export function parseWeeklyHours(text: string): WeeklyHoursResult {
  const ranges: WeeklyRange[] = [];
  const entries = text
    .split(";")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) return { ok: false, error: `no opening hours; ${EXAMPLE}` };
  for (const entry of entries) {
    const [dayText = "", ...rest] = entry.split(/\s+/);
    const days = parseDays(dayText.toLowerCase());
    if (typeof days === "string") return { ok: false, error: `"${entry}": ${days}; ${EXAMPLE}` };
    const times = rest
      .join("")
      .split(",")
      .filter((part) => part !== "");
    if (times.length === 0) return { ok: false, error: `"${entry}": no hours after the days; ${EXAMPLE}` };
    for (const time of times) {
      const match = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(time);
      const from = match ? clock(match[1], match[2]) : null;
      const to = match ? clock(match[3], match[4]) : null;
      if (from === null || to === null || from === 1440 || from === to) {
        return { ok: false, error: `"${time}" is not a range of times; use HH:MM-HH:MM (24-hour clock), ${EXAMPLE}` };
      }
      for (const day of days) {
        const start = day * 1440 + from;
        // Overnight: a range ending at or before its start ends the next day.
        const end = day * 1440 + (to > from ? to : to + 1440);
        ranges.push(...wrapWeek(start, end));
      }
    }
  }
  return { ok: true, ranges: mergeRanges(ranges) };
}

function parseDays(text: string): number[] | string {
  if (text === "daily") return [0, 1, 2, 3, 4, 5, 6];
  const days: number[] = [];
  for (const part of text.split(",")) {
    const [first = "", last, extra] = part.split("-");
    const a = DAYS.indexOf(first as (typeof DAYS)[number]);
    const b = last === undefined ? a : DAYS.indexOf(last as (typeof DAYS)[number]);
    if (a < 0 || b < 0 || extra !== undefined) return `"${part}" is not a day or day range (mon..sun, daily)`;
    // "fri-mon" wraps over the weekend.
    for (let d = a; ; d = (d + 1) % 7) {
      days.push(d);
      if (d === b) break;
    }
  }
  return days;
}

function clock(hours: string | undefined, minutes: string | undefined): number | null {
  const h = Number(hours);
  const m = Number(minutes);
  if (!Number.isInteger(h) || !Number.isInteger(m) || m > 59 || h > 24 || (h === 24 && m !== 0)) return null;
  return h * 60 + m;
}

/** A range past Sunday midnight continues on Monday. */
function wrapWeek(start: number, end: number): WeeklyRange[] {
  if (end <= MINUTES_PER_WEEK) return [{ start, end }];
  return [
    { start, end: MINUTES_PER_WEEK },
    { start: 0, end: end - MINUTES_PER_WEEK },
  ];
}

/** Sorted, overlapping and touching ranges joined, so boundaries are real openings and closings. */
export function mergeRanges(ranges: readonly WeeklyRange[]): WeeklyRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: WeeklyRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** Whether `zone` is an IANA time zone this runtime knows ("Europe/Paris", "UTC"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Whether `text` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
