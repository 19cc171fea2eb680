import type { HandoffWaitRow } from "../ports/ledger.ts";
import { type BusinessSchedule, businessMinutesBetween, hourOfWeek } from "./business-hours.ts";

/** Fewer past handoffs than this in a bucket say too little: the next wider bucket is used. */
export const MIN_WAIT_SAMPLES = 8;

/** Which past handoffs the estimate rests on, narrowest first. */
export type WaitBasis = "group_hour" | "group" | "all";

export interface WaitEstimate {
  minMinutes: number;
  maxMinutes: number;
  basis: WaitBasis;
  samples: number;
  /** The waits were counted in business minutes (a schedule exists). */
  businessTime: boolean;
}

/**
 * The wait to tell a customer, from past handoffs answered by a person: the quartiles of their waits
 * (handoff to first human public reply, in business minutes when there is a schedule), rounded out to
 * friendly steps. Same group and hour of the week first, then the same group at any hour, then all
 * groups; null when even all groups have fewer than MIN_WAIT_SAMPLES. A range, never one promised time.
 */
export function estimateWait(
  rows: readonly HandoffWaitRow[],
  target: { groupId: string | null; at: Date; schedule: BusinessSchedule | null },
): WaitEstimate | null {
  const zone = target.schedule?.timeZone ?? "UTC";
  const hour = hourOfWeek(target.at, zone);
  const answered = rows.flatMap((row) => {
    if (row.firstReplyAt === null) return [];
    const from = new Date(row.handedOffAt);
    const to = new Date(row.firstReplyAt);
    const minutes = target.schedule
      ? businessMinutesBetween(target.schedule, from, to)
      : Math.max(0, (to.getTime() - from.getTime()) / 60_000);
    return [{ groupId: row.groupId, hour: hourOfWeek(from, zone), minutes }];
  });
  const sameGroup = answered.filter((w) => w.groupId === target.groupId);
  const buckets: Array<[WaitBasis, typeof answered]> = [
    ["group_hour", sameGroup.filter((w) => w.hour === hour)],
    ["group", sameGroup],
    ["all", answered],
  ];
  for (const [basis, waits] of buckets) {
    if (waits.length < MIN_WAIT_SAMPLES) continue;
    const sorted = waits.map((w) => w.minutes).sort((a, b) => a - b);
    const range = friendlyRange(quantile(sorted, 0.25), quantile(sorted, 0.75));
    return { ...range, basis, samples: sorted.length, businessTime: target.schedule !== null };
  }
  return null;
}

/** Linear interpolation between the closest ranks. */
function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] ?? 0;
  const b = sorted[high] ?? a;
  return a + (b - a) * (position - low);
}

/**
 * The low end rounded down and the high end up, in steps a person would say: 5 minutes under an hour,
 * 15 under three hours, whole hours above; at least one step wide, never starting at 0.
 */
export function friendlyRange(low: number, high: number): { minMinutes: number; maxMinutes: number } {
  const step = (minutes: number) => (minutes < 60 ? 5 : minutes < 180 ? 15 : 60);
  const minStep = step(low);
  const maxStep = step(high);
  const minMinutes = Math.max(5, Math.floor(low / minStep) * minStep);
  let maxMinutes = Math.ceil(high / maxStep) * maxStep;
  if (maxMinutes <= minMinutes) maxMinutes = minMinutes + step(minMinutes);
  return { minMinutes, maxMinutes };
}

/** "20-60" from the expected_wait_minutes setting; null when unset. */
export function settingWait(text: string | null): { minMinutes: number; maxMinutes: number } | null {
  const match = text ? /^(\d+)\s*-\s*(\d+)$/.exec(text) : null;
  if (!match) return null;
  return { minMinutes: Number(match[1]), maxMinutes: Number(match[2]) };
}
