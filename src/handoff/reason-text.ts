import { isReasonCode, REASON_TEXT } from "../domain/reasons.ts";

/**
 * Plain words for a reason code. Takes a string, not a ReasonCode, because handoffs and outcomes are
 * read back from stored state: an unknown code (e.g. written by another version) reads as its words.
 */
export function reasonText(code: string): string {
  return isReasonCode(code) ? REASON_TEXT[code] : code.replace(/_/g, " ");
}
