import { type PersonalDataKind, scanPersonalData } from "../lib/personal-data.ts";
import { CARD_PATTERN, digitsOf } from "../lib/claim-patterns.ts";

export type { PersonalDataKind };

/**
 * Personal data in a reply that does not belong to the requester, as found by scanPersonalData (the
 * detector input masking uses too): e-mail addresses, phone numbers and national ids not found in
 * `ownTexts` (the customer's own data and the public help-center passages), every card number and
 * every pasted secret. A Luhn-valid card number is blocked even when it is the requester's own: a
 * full card number must never be written into a ticket (PCI DSS). Other card-like numbers (13-19
 * digits: tracking and account numbers) pass only when they are the customer's own.
 */
export function findPersonalData(reply: string, ownTexts: readonly string[]): PersonalDataKind[] {
  const own = ownData(ownTexts);
  const found = new Set<PersonalDataKind>();
  const scan = scanPersonalData(reply);
  for (const match of scan.matches) {
    const digits = digitsOf(match.value);
    if (match.kind === "email" && own.emails.has(match.value.toLowerCase())) continue;
    // Country codes come and go: +1 555 123 4567 and 555-123-4567 are the same number.
    if (match.kind === "phone" && [...own.digits].some((d) => d.endsWith(digits) || digits.endsWith(d))) continue;
    if (match.kind === "national_id" && own.nationalIds.has(comparable(match.value))) continue;
    found.add(match.kind);
  }
  // What the scan found (an IBAN's digit groups, a masked card) is not also a long number.
  let rest = "";
  let done = 0;
  for (const m of scan.matches) {
    rest += scan.text.slice(done, m.start) + " ".repeat(m.end - m.start);
    done = m.end;
  }
  rest += scan.text.slice(done);
  for (const match of rest.matchAll(CARD_PATTERN)) {
    if (!own.digits.has(digitsOf(match[0]))) found.add("card");
  }
  return [...found];
}

function ownData(texts: readonly string[]): { emails: Set<string>; digits: Set<string>; nationalIds: Set<string> } {
  const emails = new Set<string>();
  const digits = new Set<string>();
  const nationalIds = new Set<string>();
  for (const text of texts) {
    const scan = scanPersonalData(text);
    for (const match of scan.matches) {
      if (match.kind === "email") emails.add(match.value.toLowerCase());
      if (match.kind === "phone" || match.kind === "card") digits.add(digitsOf(match.value));
      if (match.kind === "national_id") nationalIds.add(comparable(match.value));
    }
    for (const match of scan.text.matchAll(CARD_PATTERN)) digits.add(digitsOf(match[0]));
    for (const match of scan.text.matchAll(/\d{7,}/g)) digits.add(match[0]);
  }
  return { emails, digits, nationalIds };
}

function comparable(value: string): string {
  return value.replace(/[\s-]/g, "").toUpperCase();
}
