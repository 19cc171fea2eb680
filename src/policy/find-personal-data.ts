import {
  CARD_PATTERN,
  consume,
  digitsOf,
  EMAIL_PATTERN,
  isPhoneLike,
  PHONE_PATTERN,
  takeDates,
  TIME_PATTERN,
  URL_PATTERN,
} from "./claim-patterns.ts";

export type PersonalDataKind = "email" | "phone" | "card";

/**
 * Personal data in a reply that does not belong to the requester: e-mail addresses and phone numbers
 * not found in `ownTexts` (the customer's own data and the public help-center passages), and
 * card-like numbers. A Luhn-valid 13-19 digit number is blocked even when it is the requester's own:
 * a full card number must never be written into a ticket (PCI DSS); other long numbers (tracking
 * numbers) pass when they are the customer's own.
 */
export function findPersonalData(reply: string, ownTexts: readonly string[]): PersonalDataKind[] {
  const own = ownData(ownTexts);
  const found = new Set<PersonalDataKind>();
  let text = consume(reply, URL_PATTERN, () => true);
  text = consume(text, EMAIL_PATTERN, (match) => {
    if (!own.emails.has(match.toLowerCase())) found.add("email");
    return true;
  });
  text = consume(takeDates(text).rest, TIME_PATTERN, () => true);
  text = consume(text, CARD_PATTERN, (match) => {
    const digits = digitsOf(match);
    if (passesLuhn(digits) || !own.digits.has(digits)) found.add("card");
    return true;
  });
  consume(text, PHONE_PATTERN, (match) => {
    if (!isPhoneLike(match)) return false;
    const digits = digitsOf(match);
    // Country codes come and go: +1 555 123 4567 and 555-123-4567 are the same number.
    if (![...own.digits].some((d) => d.endsWith(digits) || digits.endsWith(d))) found.add("phone");
    return true;
  });
  return [...found];
}

function ownData(texts: readonly string[]): { emails: Set<string>; digits: Set<string> } {
  const emails = new Set<string>();
  const digits = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(EMAIL_PATTERN)) emails.add(match[0].toLowerCase());
    for (const match of text.matchAll(PHONE_PATTERN)) if (isPhoneLike(match[0])) digits.add(digitsOf(match[0]));
    for (const match of text.matchAll(CARD_PATTERN)) digits.add(digitsOf(match[0]));
    for (const match of text.matchAll(/\d{7,}/g)) digits.add(match[0]);
  }
  return { emails, digits };
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}
