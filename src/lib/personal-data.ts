// The reply checks' patterns for links, dates, times and phone numbers: grounding reads the same ones.
import { consume, isPhoneLike, PHONE_PATTERN, takeDates, TIME_PATTERN, URL_PATTERN } from "./claim-patterns.ts";
import { normalizeText } from "./normalize-text.ts";

export const PERSONAL_DATA_KINDS = ["card", "national_id", "secret", "email", "phone"] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  /** Offsets into `PersonalDataScan.text`. */
  start: number;
  end: number;
  value: string;
}

export interface PersonalDataScan {
  /** The scanned text after normalizeText: offsets refer to it. */
  text: string;
  /** In text order, never overlapping. */
  matches: PersonalDataMatch[];
}

/**
 * Finds the personal data in a text: payment cards (13-19 digits, Luhn-valid, written together or
 * with spaces, dashes, dots, underscores or middle dots between digits; full-width digits and
 * zero-width separators are folded by normalizeText first), national ids (US SSN, UK NI number,
 * IBAN with a valid mod-97 check), pasted secrets (labelled passwords/keys/tokens, well-known key
 * formats), e-mail addresses and phone numbers. The one detector behind both input masking
 * (guardrails) and the reply validator (policy), so the two can never disagree on what is a card.
 * Masks written by Deskmate ("[card ending 1111]", "[secret removed]") are never matched again.
 * `kinds` limits the search: a kind left out cannot claim text another kind would find (with only
 * cards asked for, the card in "password: 4111 1111 1111 1111" is still found). Pure.
 */
export function scanPersonalData(
  raw: string,
  kinds: readonly PersonalDataKind[] = PERSONAL_DATA_KINDS,
): PersonalDataScan {
  const text = normalizeText(raw);
  const matches: PersonalDataMatch[] = [];
  // Each pass blanks what it found with NUL (same length, so offsets hold; normalizeText removed every
  // real one) so a later pass cannot re-read it: a card is not also a phone number, and the word
  // after a masked key is not read as the key's value.
  let rest = text;
  const take = (kind: PersonalDataKind, pattern: RegExp, accept: (match: string) => string | null = (m) => m) => {
    if (!kinds.includes(kind)) return;
    rest = rest.replace(pattern, (match: string, ...args: unknown[]) => {
      const offset = args.at(-2) as number;
      const value = accept(match);
      if (value === null) return match;
      // `value` is the end of the match: a label and its separator stay readable.
      const start = offset + match.length - value.length;
      matches.push({ kind, start, end: offset + match.length, value });
      return match.slice(0, match.length - value.length) + BLANK.repeat(value.length);
    });
  };
  for (const format of KEY_FORMATS) take("secret", format);
  take("secret", LABELLED_SEPARATOR, labelledValue);
  take("secret", LABELLED_IS, labelledValue);
  take("national_id", IBAN, (m) => (ibanChecksumOk(m) ? m : null));
  take("card", CARD, (m) => (isCardNumber(m) ? m : null));
  take("national_id", US_SSN_LABELLED);
  take("national_id", US_SSN);
  take("national_id", UK_NI);
  // Links, dates and times are not phone numbers; an e-mail's digits are not either.
  rest = consume(rest, URL_PATTERN, () => true);
  take("email", EMAIL);
  rest = consume(
    consume(takeDates(rest).rest, TIME_PATTERN, () => true),
    MASKS,
    () => true,
  );
  take("phone", PHONE_PATTERN, (m) => (isPhoneLike(m) ? m : null));
  return { text, matches: matches.sort((a, b) => a.start - b.start) };
}

/**
 * The scanned text with each match `replace` returns a string for replaced by it (null keeps the
 * match). Pieces are joined once: splicing into the whole text per match is quadratic on a long paste.
 */
export function replacePersonalData(
  scan: PersonalDataScan,
  replace: (match: PersonalDataMatch) => string | null,
): string {
  const pieces: string[] = [];
  let done = 0;
  for (const match of scan.matches) {
    const replacement = replace(match);
    if (replacement === null) continue;
    pieces.push(scan.text.slice(done, match.start), replacement);
    done = match.end;
  }
  pieces.push(scan.text.slice(done));
  return pieces.join("");
}

/** True when a card candidate's digits form a card number: 13-19 digits passing Luhn. */
function isCardNumber(candidate: string): boolean {
  const groups = candidate.split(CARD_SEPARATOR);
  const separators = new Set(candidate.match(CARD_SEPARATOR) ?? []);
  // One kind of separator ("4111.1111.1111.1111"), or digit groups of three or more: a list of
  // prices ("12.50 13.99 14.25 15.00") mixes separators between short groups and is no card.
  if (separators.size > 1 && groups.some((group) => group.length < 3)) return false;
  return luhnOk(groups.join(""));
}

function luhnOk(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** The value after "password: " / "my token is ". */
function labelledValue(match: string): string {
  const value = /(\s*[:=]\s*|\s+is\s+)(.*)$/isu.exec(match)?.[2];
  return value ?? match;
}

/** ISO 13616: move the first four characters to the end, letters to 10..35, the number mod 97 is 1. */
function ibanChecksumOk(candidate: string): boolean {
  const iban = candidate.replace(/ /g, "").toUpperCase();
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

// Labelled secrets: "password: hunter2", "api key = abc", "my token is x9f...". After "is" the value
// must look like a secret (a digit or symbol in it) so "my password is not working" stays readable.
const LABEL =
  "(?:password|passwd|pwd|passcode|pin|api[ _-]?key|secret(?:[ _-]?key)?|" + "(?:access|auth|api|bearer)?[ _-]?token)";
const NOT_MASKED = String.raw`(?!\[(?:secret|national id|card|email)[ \w]*\]|\u0000)`;
const LABELLED_SEPARATOR = new RegExp(String.raw`\b${LABEL}\s*[:=]\s*${NOT_MASKED}(?:"[^"]+"|'[^']+'|\S+)`, "giu");
const LABELLED_IS = new RegExp(String.raw`\b${LABEL}\s+is\s+${NOT_MASKED}\S*[^\p{L}\s]\S*`, "giu");
// Well-known key formats (OpenAI/Anthropic sk-, Stripe sk_/rk_, GitHub ghp_/gho_, Slack xox*-, AWS AKIA, JWTs, Bearer).
const KEY_FORMATS = [
  /\b(?:sk|rk|pk)[-_](?:live_|test_|ant-|proj-)?[A-Za-z0-9_-]{16,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  /\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*/g,
];
// Separators people (and obfuscators) put between card digits; zero-width ones are gone already.
const CARD_SEPARATOR = /[ \-._·•∙⋅・]/g;
const CARD = /(?<![\d\-_·•∙⋅・]|\d[ .])\d(?:[ \-._·•∙⋅・]?\d){12,18}(?![\d\-_·•∙⋅・]|[ .]\d)/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
const US_SSN = /\b\d{3}-\d{2}-\d{4}\b/g;
const US_SSN_LABELLED = /\b(?:ssn|social security(?: number| no\.?)?)\s*(?:is|:|#)?\s*\d{9}\b/giu;
// UK National Insurance number: two prefix letters (not D, F, I, Q, U, V; second not O), six digits, A-D.
const UK_NI = /\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/giu;
// An e-mail address starts where its local part starts: without the look-behind every position of a
// long run of letters is tried as a start, and 50,000 letters take seconds (customer input is long).
// Letters of any script: "josé@exämple.com" is an address too.
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/giu;
const BLANK = "\u0000";
/** Deskmate's own masks: "[card ending 1111]" keeps four digits that are not a phone number. */
const MASKS = /\[card ending \d{4}\]/g;
