import { URL_PATTERN } from "../lib/claim-patterns.ts";
import { maskLedgerText } from "./mask-ledger-text.ts";

/** Characters a decision row keeps of the customer's message: a tweet's worth, enough to recognise it. */
export const MESSAGE_EXCERPT_MAX_CHARS = 280;

// Shapes with five or more digits that stay readable: a date, a time, an amount of money.
const KEPT_NUMBERS = [
  /^\d{4}-\d{1,2}-\d{1,2}$/,
  /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/,
  /^\d{1,2}:\d{2}(?::\d{2})?$/,
  /^[$€£¥]?\d{1,3}(?:[,.]\d{3})*(?:[.,]\d{1,2})?[$€£¥]?$/,
  /^[$€£¥]?\d+[.,]\d{1,2}[$€£¥]?$/,
];
const OPENING = /^[([{"'“‘]+/u;
const CLOSING = /[)\]}"'”’.,!?;:]+$/u;

/**
 * A word with five or more digits that is no date, time or amount (an order number, account number,
 * tracking code, customer id, postcode) becomes `[number]`: it names one customer's order or account
 * and tells a reviewer nothing the ticket id does not.
 */
function maskLongNumber(token: string): string {
  const lead = OPENING.exec(token)?.[0] ?? "";
  const rest = token.slice(lead.length);
  const trail = CLOSING.exec(rest)?.[0] ?? "";
  const core = rest.slice(0, rest.length - trail.length);
  if ((core.match(/\d/g)?.length ?? 0) < 5) return token;
  if (KEPT_NUMBERS.some((shape) => shape.test(core))) return token;
  return `${lead}[number]${trail}`;
}

/**
 * The excerpt of a customer's message a decision row keeps: personal data masked by the ledger's
 * masker (cards, national ids, secrets, e-mails, phones), then links (a reset or tracking link
 * carries a token) and long numbers masked, whitespace collapsed to single spaces, and cut at
 * `MESSAGE_EXCERPT_MAX_CHARS` with an ellipsis. The whole message is masked before it is cut, so a
 * value split by the cut is never half-kept. Pure.
 */
export function messageExcerpt(message: string): string {
  const masked = maskLedgerText(message, Number.MAX_SAFE_INTEGER)
    .replace(URL_PATTERN, "[link]")
    .replace(/\S+/gu, maskLongNumber)
    .replace(/\s+/gu, " ")
    .trim();
  const chars = Array.from(masked);
  if (chars.length <= MESSAGE_EXCERPT_MAX_CHARS) return masked;
  return `${chars
    .slice(0, MESSAGE_EXCERPT_MAX_CHARS - 1)
    .join("")
    .trimEnd()}…`;
}
