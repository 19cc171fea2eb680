import type { FieldProblem } from "./validate-setting-values.ts";

// A full instant with its time zone: a date alone or a local time would mean a different instant on
// every reader's machine.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export const AS_OF_FIX = "an ISO-8601 instant with a time zone, e.g. 2026-03-12T00:00:00Z (default: now)";

/**
 * The optional `as_of` query parameter of GET /admin/metrics: the instant the report is computed at.
 * Absent: `now`. Invalid: a problem naming `as_of` and the fix, next to the other parameters' problems.
 */
export function asOfParam(value: string | undefined, now: Date): { asOf: Date } | { problem: FieldProblem } {
  if (value === undefined) return { asOf: now };
  const ms = INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) return { problem: { name: "as_of", message: AS_OF_FIX } };
  return { asOf: new Date(ms) };
}
