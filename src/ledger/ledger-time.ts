import { parseIsoTimestamp } from "../lib/parse-iso-timestamp.ts";
import { LedgerInputError } from "./ledger-input-error.ts";

/**
 * Epoch milliseconds of an ISO-8601 instant. The ledger orders and filters by these, not by the text:
 * `2026-12-01T10:00:00+02:00` sorts after `2026-12-01T09:00:00Z` as text but happened before it.
 */
export function ledgerTime(field: string, value: string): number {
  const date = parseIsoTimestamp(value);
  if (date === null) {
    throw new LedgerInputError(
      `${field}: "${value.slice(0, 40)}" is not an ISO-8601 date-time; send e.g. 2026-12-01T09:30:00Z`,
    );
  }
  return date.getTime();
}
