import { URL_PATTERN } from "../lib/claim-patterns.ts";
import { maskLedgerText } from "./mask-ledger-text.ts";

/** Characters kept of a proposed or human reply: a long answer whole, a wall of text cut. */
export const REPLY_TEXT_MAX_CHARS = 2_000;

/**
 * A reply text as the ledger keeps it for scoring (the assistant's proposal on a shadow or draft
 * decision, the human's public reply after it): personal data masked by the ledger's masker, each
 * link cut to host and path (a query or fragment may carry a reset or tracking token, while the
 * host and path are what tells which article was linked), whitespace collapsed, at most
 * `REPLY_TEXT_MAX_CHARS`. Both sides go through this one function, so the same value masks to the
 * same text and an unchanged draft still compares equal. Pure.
 */
export function proposedReplyText(text: string): string {
  // Links are cut first: a query's token would otherwise be masked with the `?` it starts at.
  const masked = maskLedgerText(text.replace(URL_PATTERN, cutLink), Number.MAX_SAFE_INTEGER)
    .replace(/\s+/gu, " ")
    .trim();
  const chars = Array.from(masked);
  if (chars.length <= REPLY_TEXT_MAX_CHARS) return masked;
  return `${chars
    .slice(0, REPLY_TEXT_MAX_CHARS - 1)
    .join("")
    .trimEnd()}…`;
}

function cutLink(link: string): string {
  const end = link.search(/[?#]/);
  return end === -1 ? link : link.slice(0, end);
}
