/**
 * The days a metrics report covers: `from` and `to` are UTC calendar days (YYYY-MM-DD), both
 * included, so a support lead's "1 to 7 March" means what it says.
 */
export interface ReportRange {
  /** First millisecond of `from` (UTC). */
  startMs: number;
  /** First millisecond after `to` (UTC): the range is [startMs, endMs). */
  endMs: number;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Parses one YYYY-MM-DD day; null for any other shape or an impossible date (2026-02-30). */
export function parseReportDay(value: string): number | null {
  const match = DAY.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March; a rolled date was not a real day.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return ms;
}

/** Builds the range or throws an error naming the field and the fix. */
export function reportRange(from: string, to: string): ReportRange {
  const startMs = parseReportDay(from);
  if (startMs === null) throw new RangeError(`from: expected a day as YYYY-MM-DD (e.g. 2026-03-01), got "${from}"`);
  const toMs = parseReportDay(to);
  if (toMs === null) throw new RangeError(`to: expected a day as YYYY-MM-DD (e.g. 2026-03-07), got "${to}"`);
  if (toMs < startMs) throw new RangeError(`to: must be the same day as from (${from}) or later, got "${to}"`);
  return { startMs, endMs: toMs + DAY_MS };
}

export function inRange(range: ReportRange, ms: number): boolean {
  return ms >= range.startMs && ms < range.endMs;
}
