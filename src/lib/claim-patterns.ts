/**
 * Shared text patterns for the reply checks: URLs, e-mail addresses, phone numbers, card-like numbers,
 * dates and times. Reply checks "consume" each kind in turn (blanking it out) so a date is not also
 * read as three numbers or a phone number.
 */

export const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"'()[\]{}]+/gi;
export const EMAIL_PATTERN = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;
/** 13-19 digits written together, in groups of four, or Amex-style 4-6-5. */
export const CARD_PATTERN =
  /(?<![\d-])(?:\d{13,19}|\d{4}(?:[ -]\d{4}){2}[ -]\d{1,7}|\d{4}[ -]\d{6}[ -]\d{5})(?![\d-])/g;
/** Digit groups joined by single separators, optionally with +country code or (area code). */
export const PHONE_PATTERN =
  /(?<![\w+.,])(?:\+\d{7,15}|(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,5}){1,4})(?![\w]|[.,]\d)/g;
/** Times like 9am, 5:30 pm, 17:00. */
export const TIME_PATTERN = new RegExp(
  [
    String.raw`(?<![\d:.])(\d{1,2})(?::(\d{2}))?(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z])`,
    String.raw`(?<![\d:.])(\d{1,2}):(\d{2})(?::\d{2})?(?![\d:])`,
  ].join("|"),
  "gi",
);
const AMOUNT = String.raw`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)`;
/** An amount of money: $25, € 10,50, USD 25, 25.00 EUR, 40 dollars. Group 1 or 2 holds the amount. */
export const MONEY_PATTERN = new RegExp(
  String.raw`(?:[$€£¥]\s?|\b(?:usd|eur|gbp|cad|aud)\s?)${AMOUNT}|` +
    String.raw`(?<![\w.,])${AMOUNT}\s?(?:[$€£¥]|(?:usd|eur|gbp|cad|aud|dollars?|euros?)\b)`,
  "gi",
);
export const PERCENT_PATTERN = /(?<![\w.,])(\d+(?:[.,]\d+)?)\s*(?:%|percent\b|per\s+cent\b)/gi;
/** A number as a claim: $25, 25.00, 1,299.00, 30 (days), #12345, 3rd. Not glued to letters (2FA, v2). */
export const NUMBER_PATTERN =
  /(?<![\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)(?:st|nd|rd|th)?(?![\w]|[.,]\d)/gi;

const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" +
  "oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
const YEAR = "(?:,?\\s+(\\d{4}))?";

/** A date found in text, as keys `y-m-d` (year `*` when not written); d/m vs m/d slashes give both. */
export interface FoundDate {
  text: string;
  keys: string[];
}

type Parts = [year: string | undefined, month: string | undefined, day: string | undefined];

const DATE_FORMS: Array<{ pattern: RegExp; keys: (g: Array<string | undefined>) => Parts[] }> = [
  { pattern: /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/g, keys: ([y, m, d]) => [[y, m, d]] },
  { pattern: new RegExp(`\\b${MONTH}\\s+${DAY}${YEAR}(?!\\d)`, "gi"), keys: ([mo, d, y]) => [[y, month(mo), d]] },
  {
    pattern: new RegExp(`(?<![\\d.])${DAY}\\s+(?:of\\s+)?${MONTH}${YEAR}(?!\\d)`, "gi"),
    keys: ([d, mo, y]) => [[y, month(mo), d]],
  },
  {
    pattern: /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?![\d/])/g,
    keys: ([a, b, y]) => [
      [fullYear(y), a, b],
      [fullYear(y), b, a],
    ],
  },
];

/** Replace every match of `pattern` the handler accepts with spaces (same length keeps offsets honest). */
export function consume(
  text: string,
  pattern: RegExp,
  accept: (match: string, groups: Array<string | undefined>) => boolean,
): string {
  // The replacer gets (match, ...groups, offset, whole); none of these patterns use named groups.
  return text.replace(pattern, (match: string, ...rest: unknown[]) =>
    accept(match, rest.slice(0, -2) as Array<string | undefined>) ? " ".repeat(match.length) : match,
  );
}

/** Find dates and return the text with them blanked out. */
export function takeDates(text: string): { rest: string; dates: FoundDate[] } {
  const dates: FoundDate[] = [];
  let rest = text;
  for (const form of DATE_FORMS) {
    rest = consume(rest, form.pattern, (match, groups) => {
      const keys = form.keys(groups).flatMap(([y, m, d]) => dateKey(y, m, d));
      if (!keys.length) return false;
      dates.push({ text: match, keys });
      return true;
    });
  }
  return { rest, dates };
}

/** Digits only, for comparing phone-like numbers written with different separators. */
export function digitsOf(text: string): string {
  return text.replace(/\D/g, "");
}

export function isPhoneLike(match: string): boolean {
  const digits = digitsOf(match).length;
  // A decimal like 1234.5678 or an ISO date is not a phone number.
  return digits >= 7 && digits <= 15 && !/^\d+\.\d+$/.test(match) && !/^\d{4}-\d{1,2}-\d{1,2}$/.test(match);
}

/** Lowercase, without scheme, `www.`, trailing slash or trailing punctuation. */
export function normalizeUrl(url: string): string {
  return url
    .toLowerCase()
    .replace(/[.,;:!?]+$/, "")
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .replace(/\/+$/, "");
}

/** "25", "25.00", "1,299.00" and "25,50" (decimal comma) as numbers. */
export function parseNumber(token: string): number {
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(token)) return Number(token.replace(/,/g, ""));
  return Number(token.replace(",", "."));
}

function dateKey(y: string | undefined, m: string | undefined, d: string | undefined): string[] {
  const mm = Number(m);
  const dd = Number(d);
  if (!(mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31)) return [];
  return [`${y === undefined ? "*" : Number(y)}-${mm}-${dd}`];
}

function month(name: string | undefined): string | undefined {
  return name === undefined ? undefined : String(MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1);
}

function fullYear(y: string | undefined): string | undefined {
  return y?.length === 2 ? `20${y}` : y;
}
