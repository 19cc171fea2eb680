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
/** Times like 9am, 5:30 pm, 17:00, and the French 9h30 / 14 h. */
export const TIME_PATTERN = new RegExp(
  [
    String.raw`(?<![\d:.])(\d{1,2})(?::(\d{2}))?(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z])`,
    String.raw`(?<![\d:.])(\d{1,2}):(\d{2})(?::\d{2})?(?![\d:])`,
    String.raw`(?<![\w:.,])(\d{1,2})\s?h(\d{2})?(?![\p{L}\d])`,
  ].join("|"),
  "giu",
);
/**
 * An amount as written in English (1,234.56), in most of Europe (1.234,56) or in French (1 234,56,
 * with a space or a no-break space), or plain (25, 25.00, 25,50). parseNumber reads it.
 */
const AMOUNT =
  String.raw`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?=\s?(?:[$€£¥]|eur|euros?\b))|` +
  String.raw`\d+(?:[.,]\d+)?)`;
/** Currency words of the five languages, after the amount: 40 dollars, 25 euros, 10 dólares, 30 reais. */
const CURRENCY_WORDS = "usd|eur|gbp|cad|aud|brl|mxn|chf|dollars?|euros?|dólar(?:es)?|reais|real|pesos?|franken|francs?";
/** An amount of money: $25, € 10,50, USD 25, 25.00 EUR, 40 dollars, 1.234,56 €, R$ 25. Group 1 or 2 holds the amount. */
export const MONEY_PATTERN = new RegExp(
  String.raw`(?:[$€£¥]\s?|\b(?:usd|eur|gbp|cad|aud|brl|mxn|chf)\s?)${AMOUNT}|` +
    String.raw`(?<![\w.,])${AMOUNT}\s?(?:[$€£¥]|(?:${CURRENCY_WORDS})(?![\p{L}]))`,
  "giu",
);
export const PERCENT_PATTERN =
  /(?<![\w.,])(\d+(?:[.,]\d+)?)\s*(?:%|percent\b|per\s+cent\b|por\s+ciento|pour\s+cent|prozent|por\s+cento)/giu;
/**
 * A number as a claim: $25, 25.00, 1,299.00, 1.299,00, 30 (days), #12345, 3rd, 1er, 2º. Not glued to
 * letters (2FA, v2).
 */
export const NUMBER_PATTERN =
  /(?<![\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)(?:st|nd|rd|th|er|e|ème|º|ª)?(?![\w]|[.,]\d)/giu;

const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" +
  "oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
/** Month names of Spanish, French, German and Portuguese (accents optional), as month numbers. */
const INTL_MONTHS: Array<[string, number]> = [
  ["enero|janvier|januar|j[äa]nner|janeiro", 1],
  ["febrero|f[ée]vrier|februar|fevereiro", 2],
  ["marzo|mars|m[äa]rz|mar[çc]o", 3],
  ["abril|avril|april", 4],
  ["mayo|mai|maio", 5],
  ["junio|juin|juni|junho", 6],
  ["julio|juillet|juli|julho", 7],
  ["agosto|ao[ûu]t|august", 8],
  ["septiembre|setiembre|septembre|september|setembro", 9],
  ["octubre|octobre|oktober|outubro", 10],
  ["noviembre|novembre|november|novembro", 11],
  ["diciembre|d[ée]cembre|dezember|dezembro", 12],
];
const INTL_MONTH = `(${INTL_MONTHS.map(([names]) => names).join("|")})`;
/** 15 de diciembre de 2026, 1er décembre 2026, 15. Dezember 2026, 3 de dezembro. */
const INTL_DAY = "(\\d{1,2})(?:er|º|ª|°|\\.)?";
const YEAR = "(?:,?\\s+(\\d{4}))?";

/** A date found in text, as keys `y-m-d` (year `*` when not written); d/m vs m/d slashes give both. */
export interface FoundDate {
  text: string;
  keys: string[];
}

type Parts = [year: string | undefined, month: string | undefined, day: string | undefined];

const DATE_FORMS: Array<{ pattern: RegExp; keys: (g: Array<string | undefined>) => Parts[] }> = [
  // The four languages' month names first: "15 novembre 2026" keeps its year.
  {
    pattern: new RegExp(
      `(?<![\\d.])${INTL_DAY}\\s+(?:de\\s+)?${INTL_MONTH}(?:\\s+(?:de\\s+)?(\\d{4}))?(?![\\p{L}\\d])`,
      "giu",
    ),
    keys: ([d, mo, y]) => [[y, intlMonth(mo), d]],
  },
  // 15.12.2026 and 15-12-2026: day first, as written in the four languages.
  { pattern: /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])/g, keys: ([d, m, y]) => [[y, m, d]] },
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

/**
 * "25", "25.00", "1,299.00", "25,50" (decimal comma), "1.299,00" and "1 299,00" as numbers. Only
 * "1.234" and "1,234" read differently by `style`: English grouping and decimals by default, "eu"
 * (a Spanish, French, German or Portuguese text) reads the dot as grouping and the comma as decimal.
 */
export function parseNumber(token: string, style: "en" | "eu" = "en"): number {
  const text = token.replace(/[ \u00a0\u202f]/g, "");
  const european = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(text);
  if (european && (style === "eu" || text.includes(",") || text.split(".").length > 2))
    return Number(text.replace(/\./g, "").replace(",", "."));
  if (style === "en" && /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(text)) return Number(text.replace(/,/g, ""));
  if (/^\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$/.test(text)) return Number(text.replace(/,/g, ""));
  return Number(text.replace(",", "."));
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

function intlMonth(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const found = INTL_MONTHS.find(([names]) => new RegExp(`^(?:${names})$`, "iu").test(name));
  return found ? String(found[1]) : undefined;
}

function fullYear(y: string | undefined): string | undefined {
  return y?.length === 2 ? `20${y}` : y;
}
