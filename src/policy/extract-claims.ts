import {
  CARD_PATTERN,
  consume,
  EMAIL_PATTERN,
  isPhoneLike,
  MONEY_PATTERN,
  normalizeUrl,
  NUMBER_PATTERN,
  parseNumber,
  PERCENT_PATTERN,
  PHONE_PATTERN,
  takeDates,
  TIME_PATTERN,
  URL_PATTERN,
} from "../lib/claim-patterns.ts";
import { numberStyle } from "../lib/detect-language.ts";

/** A checkable fact in a reply: something a customer could act on that must come from a source. */
export type Claim =
  | { kind: "url"; text: string; url: string }
  | { kind: "date"; text: string; keys: string[] }
  | { kind: "money"; text: string; value: number }
  | { kind: "percent"; text: string; value: number }
  | { kind: "number"; text: string; value: number };

/**
 * Every URL, date, amount of money, percentage and other number (durations, ids) in a reply.
 * Not claims: list markers ("1. Open Settings", "Step 2"), "24/7", and e-mail addresses, phone numbers and
 * card-like numbers — those belong to the personal-data check, which knows whose they are.
 * Numbers written as words ("two days") are not checked.
 */
export function extractClaims(reply: string): Claim[] {
  const claims: Claim[] = [];
  // "1.234 €" is a thousand and more in a German reply, a little over one in an English one.
  const style = numberStyle(reply);
  let text = reply
    .replace(/^[ \t]*\d{1,2}[.)](?=\s)/gm, blank)
    .replace(/\b(?:step|paso|étape|schritt|passo)\s+\d{1,2}\b/giu, blank)
    .replace(/\b24\/7\b/g, blank);
  text = consume(text, URL_PATTERN, (match) => {
    claims.push({ kind: "url", text: match.replace(/[.,;:!?]+$/, ""), url: normalizeUrl(match) });
    return true;
  });
  text = consume(text, EMAIL_PATTERN, () => true);
  text = consume(text, CARD_PATTERN, () => true);
  const dated = takeDates(text);
  claims.push(...dated.dates.map((d) => ({ kind: "date" as const, ...d })));
  text = consume(dated.rest, TIME_PATTERN, (match, [hour12, minute12, hour24, minute24, hourH, minuteH]) => {
    // A time is checked as its numbers: "9:00 am" needs a 9 in the sources, "5:30 pm" a 5 and a 30.
    const hour = hour12 ?? hour24 ?? hourH ?? "";
    const minute = Number(minute12 ?? minute24 ?? minuteH ?? "0");
    claims.push({ kind: "number", text: match, value: Number(hour) });
    if (minute !== 0) claims.push({ kind: "number", text: match, value: minute });
    return true;
  });
  text = consume(text, PHONE_PATTERN, isPhoneLike);
  text = consume(text, MONEY_PATTERN, (match, [before, after]) => {
    claims.push({ kind: "money", text: match, value: parseNumber(before ?? after ?? "", style) });
    return true;
  });
  text = consume(text, PERCENT_PATTERN, (match, [digits]) => {
    claims.push({ kind: "percent", text: match, value: parseNumber(digits ?? "", style) });
    return true;
  });
  for (const match of text.matchAll(NUMBER_PATTERN)) {
    claims.push({ kind: "number", text: match[0], value: parseNumber(match[1] ?? "", style) });
  }
  return claims;
}

function blank(match: string): string {
  return " ".repeat(match.length);
}
