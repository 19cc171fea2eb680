import { LedgerInputError } from "./ledger-input-error.ts";

/**
 * The position after the last row of a page: its time and event id (the tie-breaker when two rows share
 * a millisecond). Opaque to callers; readable on purpose so a support lead can see where a page ended.
 */
export interface LedgerPosition {
  ms: number;
  eventId: string;
}

export function encodeLedgerCursor(position: LedgerPosition): string {
  return `${position.ms}.${position.eventId}`;
}

export function decodeLedgerCursor(cursor: string): LedgerPosition {
  const match = /^(\d{1,16})\.(.+)$/s.exec(cursor);
  if (match === null) {
    throw new LedgerInputError(
      "cursor: not a cursor this list returned; pass the previous page's next_cursor, or omit it for the first page",
    );
  }
  return { ms: Number(match[1]), eventId: match[2] as string };
}
