import type { Metrics } from "./compute-metrics.ts";

/**
 * The longest range the daily trends cover. Each day is one metrics report (a few indexed reads), so
 * 31 days is about a hundred small queries: fine for a page a person opens, not for a year.
 */
export const MAX_TREND_DAYS = 31;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC days from `from` to `to`, both included (YYYY-MM-DD); null when there are more than MAX_TREND_DAYS. */
export function trendDays(from: string, to: string): string[] | null {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return [];
  if ((end - start) / DAY_MS + 1 > MAX_TREND_DAYS) return null;
  const days: string[] = [];
  for (let t = start; t <= end; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** One series per chart, one value per day (null where the day has nothing to divide by). */
export interface DailyTrends {
  days: string[];
  /** AI-resolved / handled tickets first seen that day. */
  resolution_rate: Array<number | null>;
  /** False resolutions (reopened or re-contacted) / AI-resolved. */
  false_resolution_rate: Array<number | null>;
  /** Escalated / handled. */
  escalation_rate: Array<number | null>;
  cost_per_stayed_resolved_usd: Array<number | null>;
  /** Median minutes from handoff to the first human reply, over the day's answered handoffs. */
  first_reply_median_minutes: Array<number | null>;
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** The daily series from each day's metrics (the same pure metrics as a whole report), in day order. */
export function dailyTrends(perDay: ReadonlyArray<{ day: string; metrics: Metrics }>): DailyTrends {
  const trends: DailyTrends = {
    days: [],
    resolution_rate: [],
    false_resolution_rate: [],
    escalation_rate: [],
    cost_per_stayed_resolved_usd: [],
    first_reply_median_minutes: [],
  };
  for (const { day, metrics } of perDay) {
    const t = metrics.tickets;
    trends.days.push(day);
    trends.resolution_rate.push(rate(t.ai_resolved, t.handled));
    trends.false_resolution_rate.push(rate(t.false_resolutions, t.ai_resolved));
    trends.escalation_rate.push(rate(t.escalated, t.handled));
    trends.cost_per_stayed_resolved_usd.push(metrics.cost.per_stayed_resolved_usd);
    trends.first_reply_median_minutes.push(metrics.escalation_first_reply.median_minutes);
  }
  return trends;
}
