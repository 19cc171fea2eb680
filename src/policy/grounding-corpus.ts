import {
  MONEY_PATTERN,
  normalizeUrl,
  parseNumber,
  PERCENT_PATTERN,
  takeDates,
  URL_PATTERN,
} from "../lib/claim-patterns.ts";
import { numberStyle } from "../lib/detect-language.ts";

/** What the trusted texts (cited passages, the customer's own data) state, normalized for lookup. */
export interface GroundingCorpus {
  urls: Set<string>;
  /** `y-m-d`, or `*-m-d` for dates written without a year. */
  dates: Set<string>;
  /** `m-d` of every date, with or without year. */
  monthDays: Set<string>;
  /** Amounts written with a currency, or with two decimals ("25.00"). */
  money: Set<number>;
  percents: Set<number>;
  /** Every number anywhere in the texts, including inside dates, times and ids. */
  numbers: Set<number>;
}

export function groundingCorpus(texts: readonly string[], urls: readonly string[] = []): GroundingCorpus {
  const corpus: GroundingCorpus = {
    urls: new Set(urls.map(normalizeUrl)),
    dates: new Set(),
    monthDays: new Set(),
    money: new Set(),
    percents: new Set(),
    numbers: new Set(),
  };
  for (const text of texts) {
    const style = numberStyle(text);
    for (const match of text.matchAll(URL_PATTERN)) corpus.urls.add(normalizeUrl(match[0]));
    for (const date of takeDates(text).dates) {
      for (const key of date.keys) {
        corpus.dates.add(key);
        corpus.monthDays.add(key.slice(key.indexOf("-") + 1));
      }
    }
    for (const match of text.matchAll(MONEY_PATTERN)) corpus.money.add(parseNumber(match[1] ?? match[2] ?? "", style));
    for (const match of text.matchAll(/(?<![\d.,])\d+[.,]\d{2}(?![\d.,])/g))
      corpus.money.add(parseNumber(match[0], style));
    for (const match of text.matchAll(PERCENT_PATTERN)) corpus.percents.add(parseNumber(match[1] ?? "", style));
    // Lenient on the trusted side: "9am", "30-day", "2026-12-01" and "$1,299.00" all state their numbers.
    for (const match of text.matchAll(/\d+(?:[.,]\d+)*/g)) {
      const token = match[0];
      if (/^(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)$/.test(token))
        corpus.numbers.add(parseNumber(token, style));
      else for (const run of token.split(/[.,]/)) corpus.numbers.add(Number(run));
      // "1.299,00" states 1299 as well as its digit runs.
      if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(token)) corpus.numbers.add(parseNumber(token, style));
    }
  }
  return corpus;
}
