import { normalizeUrl, URL_PATTERN } from "../lib/claim-patterns.ts";

/**
 * The facts of a reply a customer acts on, each as a comparable key: amounts of money (`EUR:29.9`),
 * dates (`2026-12-24`, year `*` when not written, both readings of an ambiguous 03/04/2026), times
 * (`17:30`), help-center article links (by article id, whatever the locale and slug), other links
 * (host and path) and other numbers (durations, counts: `14`). Written the ways the supported
 * languages write them: 1,299.00 and 1.299,00 and 1 299,00; 24.12.2026, 24/12/2026, 24 de diciembre
 * de 2026, 24. Dezember, 24 décembre, December 24. Masked values (`[email]`, `[card]`) are no facts.
 */
export type FactKind = "money" | "date" | "time" | "article" | "url" | "number";

export interface ReplyFact {
  kind: FactKind;
  /** Comparable keys: two facts of a kind agree when they share a key (a date `*` year matches any). */
  keys: string[];
}

const MONTH_NAMES: ReadonlyArray<readonly string[]> = [
  ["january", "jan", "enero", "janvier", "januar", "janeiro", "gennaio"],
  ["february", "feb", "febrero", "février", "fevrier", "februar", "fevereiro", "febbraio"],
  ["march", "mar", "marzo", "mars", "märz", "marz", "março", "marco"],
  ["april", "apr", "abril", "avril", "aprile"],
  ["may", "mayo", "mai", "maio", "maggio"],
  ["june", "jun", "junio", "juin", "juni", "junho", "giugno"],
  ["july", "jul", "julio", "juillet", "juli", "julho", "luglio"],
  ["august", "aug", "agosto", "août", "aout"],
  ["september", "sep", "sept", "septiembre", "setiembre", "septembre", "setembro", "settembre"],
  ["october", "oct", "octubre", "octobre", "oktober", "outubro", "ottobre"],
  ["november", "nov", "noviembre", "novembre", "novembro"],
  ["december", "dec", "diciembre", "décembre", "decembre", "dezember", "dezembro", "dicembre"],
];
const MONTH_OF = new Map(MONTH_NAMES.flatMap((names, i) => names.map((name) => [name, i + 1] as const)));
const MONTH = `(${[...MONTH_OF.keys()].sort((a, b) => b.length - a.length).join("|")})(?!\\p{L})\\.?`;

const CURRENCY: ReadonlyArray<[RegExp, string]> = [
  [/^(?:r\$|brl|reais?)$/i, "BRL"],
  [/^(?:€|eur|euros?)$/i, "EUR"],
  [/^(?:£|gbp|pounds?)$/i, "GBP"],
  [/^(?:chf|francs?)$/i, "CHF"],
  [/^(?:¥|jpy|yen)$/i, "JPY"],
  [/^(?:us\$|\$|usd|dollars?|dólares?|dolares?)$/i, "USD"],
];
const CUR = String.raw`(?:r\$|us\$|[$€£¥]|\b(?:usd|eur|gbp|chf|brl|jpy)\b)`;
const CURRENCY_WORDS = "usd|eur|gbp|chf|brl|jpy|euros?|dollars?|dólares?|dolares?|reais|real|pounds?|yen";
const CUR_WORD = String.raw`(?:[$€£¥]|(?:${CURRENCY_WORDS})\b)`;
/** Digits with thousands groups (`,` `.` `'` or a space) and an optional decimal part. */
const AMOUNT = String.raw`(\d{1,3}(?:[,.' ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)`;

const MONEY_CURRENCY_FIRST = new RegExp(String.raw`${CUR}\s?${AMOUNT}`, "giu");
const MONEY_CURRENCY_AFTER = new RegExp(String.raw`(?<![\w.,])${AMOUNT}\s?${CUR_WORD}`, "giu");

const DATE_FORMS: Array<{
  pattern: RegExp;
  parts: (g: Array<string | undefined>) => Array<[string | undefined, number, number]>;
}> = [
  { pattern: /(?<![\d.])(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/g, parts: ([y, m, d]) => [[y, Number(m), Number(d)]] },
  // Day first with dots or dashes (24.12.2026, 24-12-2026): how German, Italian and others write it.
  {
    pattern: /(?<![\d.])(\d{1,2})[.-](\d{1,2})[.-](\d{4}|\d{2})(?![\d])/g,
    parts: ([d, m, y]) => [[y, Number(m), Number(d)]],
  },
  // Slashes are day first in most of the world and month first in the US: both readings are kept.
  {
    pattern: /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?![\d/])/g,
    parts: ([a, b, y]) => [
      [y, Number(b), Number(a)],
      [y, Number(a), Number(b)],
    ],
  },
  // 24 December 2026, 24. Dezember, 24 de diciembre de 2026, 1er janvier, 24 dicembre.
  {
    pattern: new RegExp(
      String.raw`(?<![\d.,])(\d{1,2})(?:er|º|°|st|nd|rd|th)?\.?\s+(?:de\s+|of\s+)?` +
        String.raw`${MONTH}(?:,?\s+(?:de\s+)?(\d{4}))?(?!\d)`,
      "giu",
    ),
    parts: ([d, mo, y]) => [[y, MONTH_OF.get((mo ?? "").toLowerCase()) ?? 0, Number(d)]],
  },
  // December 24, 2026 / Dec 24.
  {
    pattern: new RegExp(String.raw`(?<![\p{L}])${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?(?!\d)`, "giu"),
    parts: ([mo, d, y]) => [[y, MONTH_OF.get((mo ?? "").toLowerCase()) ?? 0, Number(d)]],
  },
];

/** Every fact of a reply (see `FactKind`); a value written twice counts once. Pure. */
export function replyFacts(reply: string): ReplyFact[] {
  const facts: ReplyFact[] = [];
  const add = (kind: FactKind, keys: string[]) => {
    if (keys.length && !facts.some((f) => f.kind === kind && f.keys.join() === keys.join())) facts.push({ kind, keys });
  };
  // Masked values and list markers ("1. Open Settings", "Schritt 2") carry no fact.
  let text = reply
    .replace(/\[[a-z_ ]+\]/gi, blank)
    .replace(/^[ \t]*\d{1,2}[.)](?=\s)/gm, blank)
    .replace(/\b(?:step|paso|étape|etape|schritt|passo)\s+\d{1,2}\b/giu, blank)
    .replace(/\b24\/7\b/g, blank);
  text = take(text, URL_PATTERN, ([link]) => {
    const url = normalizeUrl(link ?? "");
    const article = /\/articles\/(\d+)/.exec(url)?.[1];
    if (article) add("article", [`article:${article}`]);
    else add("url", [url]);
  });
  for (const form of DATE_FORMS) {
    text = take(text, form.pattern, (groups) => {
      const keys = form.parts(groups.slice(1)).flatMap(([y, m, d]) => dateKey(y, m, d));
      add("date", [...new Set(keys)]);
      return keys.length > 0;
    });
  }
  text = take(text, /(?<![\d:.])(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])/gi, ([, h, min, half]) => {
    const hour = (Number(h) % 12) + (half?.toLowerCase().startsWith("p") ? 12 : 0);
    add("time", [time(hour, Number(min ?? 0))]);
  });
  text = take(text, /(?<![\d:.,])(\d{1,2})(?::|h|\s?Uhr\s?)(\d{2})?(?![\d:])(?:\s?Uhr)?/giu, ([match, h, min]) => {
    // "17h", "17 Uhr", "9:30": a bare number followed by h is a time only with minutes or in 24-hour range.
    if (min === undefined && !/uhr|h$/i.test(match ?? "")) return false;
    add("time", [time(Number(h), Number(min ?? 0))]);
  });
  const money = (amount: string | undefined, currency: string | undefined) =>
    add("money", [`${currencyCode(currency ?? "")}:${parseAmount(amount ?? "")}`]);
  text = take(text, MONEY_CURRENCY_FIRST, ([, amount, cur]) => money(amount, cur), {
    currencyFirst: true,
  });
  text = take(text, MONEY_CURRENCY_AFTER, ([match, amount]) =>
    money(amount, (match ?? "").slice((match ?? "").search(/[^\d.,' ]/u)).trim()),
  );
  text = take(
    text,
    /(?<![\w.,])(\d+(?:[.,]\d+)?)\s?(?:%|percent\b|por\s?ciento\b|pour\s?cent\b|prozent\b|per\s?cento\b)/giu,
    ([, n]) => add("number", [`${parseAmount(n ?? "")}%`]),
  );
  for (const match of text.matchAll(
    /(?<![\w.,])(\d{1,3}(?:[,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\w]|[.,]\d)/gu,
  )) {
    add("number", [String(parseAmount(match[1] ?? ""))]);
  }
  return facts;
}

/**
 * Replaces each match the handler accepts (returns anything but false) with spaces, so a date is not
 * read again as three numbers. `currencyFirst` patterns capture the symbol too: it is passed last.
 */
function take(
  text: string,
  pattern: RegExp,
  handle: (groups: Array<string | undefined>) => unknown,
  options: { currencyFirst?: boolean } = {},
): string {
  return text.replace(pattern, (...args: unknown[]) => {
    const match = String(args[0]);
    const groups = args.slice(0, -2).map((g) => (g === undefined ? undefined : String(g)));
    if (options.currencyFirst) groups.push(/^(?:r\$|us\$|[$€£¥]|[a-z]{3})/iu.exec(match)?.[0]);
    return handle(groups) === false ? match : blank(match);
  });
}

function blank(match: string): string {
  return " ".repeat(match.length);
}

/**
 * An amount as written in any of the supported languages: the last `.` or `,` followed by one or
 * two digits is the decimal mark; every other separator (`,` `.` `'` space) groups thousands.
 */
export function parseAmount(token: string): number {
  const compact = token.replace(/[\s']/gu, "");
  const decimal = /[.,](\d{1,2})$/.exec(compact);
  const whole = (decimal ? compact.slice(0, -decimal[0].length) : compact).replace(/[.,]/g, "");
  return Number(decimal ? `${whole}.${decimal[1]}` : whole);
}

function currencyCode(symbol: string): string {
  const found = CURRENCY.find(([pattern]) => pattern.test(symbol.trim()));
  return found ? found[1] : symbol.trim().toUpperCase();
}

function dateKey(y: string | undefined, m: number, d: number): string[] {
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return [];
  const year = y === undefined ? "*" : y.length === 2 ? `20${y}` : String(Number(y));
  return [`${year}-${m}-${d}`];
}

function time(hour: number, minute: number): string {
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}
