import { MINUTES_PER_WEEK, type WeeklyRange } from "../lib/parse-weekly-hours.ts";

/**
 * Business-hours math: is the team open at an instant, when does it next open, how many business
 * minutes lie between two instants. Wall-clock ranges are read in the schedule's IANA time zone, so
 * DST shifts move the instants, not the hours; a holiday closes its whole local calendar day.
 */
export interface BusinessSchedule {
  timeZone: string;
  /** Open ranges in minutes from Monday 00:00 local time, sorted and merged (src/lib/parse-weekly-hours.ts). */
  ranges: readonly WeeklyRange[];
  /** Closed local days, YYYY-MM-DD. */
  holidays: readonly string[];
}

interface LocalTime {
  date: string;
  /** Minutes since Monday 00:00 local time. */
  weekMinute: number;
}

const WEEKDAY: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const MINUTE = 60_000;
/** Enough steps for a year of boundaries (two per range per week plus midnights): a bound, not a target. */
const MAX_STEPS = 4000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function localTime(instant: number, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(new Date(instant))) parts[part.type] = part.value;
  const day = WEEKDAY[parts.weekday ?? ""] ?? 0;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekMinute: day * 1440 + Number(parts.hour) * 60 + Number(parts.minute),
  };
}

function openAtLocal(schedule: BusinessSchedule, local: LocalTime): boolean {
  if (schedule.holidays.includes(local.date)) return false;
  return schedule.ranges.some((r) => r.start <= local.weekMinute && local.weekMinute < r.end);
}

export function isOpenAt(schedule: BusinessSchedule, at: Date): boolean {
  return openAtLocal(schedule, localTime(at.getTime(), schedule.timeZone));
}

/** The next local wall minute (after `minute`) where the state may change: a range edge or midnight. */
function nextEdge(schedule: BusinessSchedule, minute: number): number {
  let best = (Math.floor(minute / 1440) + 1) * 1440;
  for (const r of schedule.ranges) {
    for (const edge of [r.start, r.end]) {
      const ahead = edge > minute ? edge : edge + MINUTES_PER_WEEK;
      if (ahead < best) best = ahead;
    }
  }
  return best;
}

/**
 * The instant at which the local wall clock first reaches `targetMinute` (week minutes, may exceed
 * the week) after `from`. Wall minutes and real minutes differ across a DST change, so the guess is
 * corrected from the clock it lands on; a wall time that does not exist (spring forward) lands just after.
 */
function instantAtWall(from: number, fromLocal: LocalTime, targetMinute: number, timeZone: string): number {
  let candidate = from - (from % MINUTE) + (targetMinute - fromLocal.weekMinute) * MINUTE;
  for (let i = 0; i < 2; i++) {
    const local = localTime(candidate, timeZone).weekMinute;
    let diff = (targetMinute % MINUTES_PER_WEEK) - local;
    if (diff > MINUTES_PER_WEEK / 2) diff -= MINUTES_PER_WEEK;
    if (diff < -MINUTES_PER_WEEK / 2) diff += MINUTES_PER_WEEK;
    if (diff === 0) break;
    candidate += diff * MINUTE;
  }
  return Math.max(candidate, from - (from % MINUTE) + MINUTE);
}

/** Consecutive stretches of constant open/closed state from `from` on; the first starts at `from`. */
function* stretches(
  schedule: BusinessSchedule,
  from: number,
): Generator<{ start: number; end: number; open: boolean }> {
  let at = from;
  for (let step = 0; step < MAX_STEPS; step++) {
    const local = localTime(at, schedule.timeZone);
    const open = openAtLocal(schedule, local);
    const end = instantAtWall(at, local, nextEdge(schedule, local.weekMinute), schedule.timeZone);
    yield { start: at, end, open };
    at = end;
  }
}

/** `at` itself when open, else the next instant the team opens; null when the schedule never opens. */
export function nextOpening(schedule: BusinessSchedule, at: Date): Date | null {
  if (schedule.ranges.length === 0) return null;
  for (const stretch of stretches(schedule, at.getTime())) {
    if (stretch.open) return new Date(stretch.start);
  }
  return null;
}

/** Open minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(schedule: BusinessSchedule, from: Date, to: Date): number {
  const end = to.getTime();
  let total = 0;
  for (const stretch of stretches(schedule, from.getTime())) {
    if (stretch.start >= end) break;
    if (stretch.open) total += Math.min(stretch.end, end) - stretch.start;
  }
  return total / MINUTE;
}

/** The instant after `minutes` open minutes counted from `from`; null when the schedule never opens. */
export function addBusinessMinutes(schedule: BusinessSchedule, from: Date, minutes: number): Date | null {
  let left = minutes * MINUTE;
  for (const stretch of stretches(schedule, from.getTime())) {
    if (!stretch.open) continue;
    const length = stretch.end - stretch.start;
    if (left <= length) return new Date(stretch.start + left);
    left -= length;
  }
  return null;
}

/** The hour of the week (0 = Monday 00:00-00:59) of an instant in the schedule's zone, for wait buckets. */
export function hourOfWeek(at: Date, timeZone: string): number {
  return Math.floor(localTime(at.getTime(), timeZone).weekMinute / 60);
}
