/**
 * The one normalisation step for customer-controlled text, applied before anything reads or shows
 * it: triage, masking, the prompt and every renderer (notes, inbox app). Without it one invisible
 * character defeats every rule ("law\u200Byer" is not "lawyer") and a right-to-left override in a
 * name reverses what an agent reads.
 *
 * - Unicode NFKC: full-width and other compatibility forms fold to their plain form ("４１１１" is
 *   "4111", "ｌａｗｙｅｒ" is "lawyer").
 * - Format characters (`\p{Cf}`: zero-width space and joiners, soft hyphen, word joiner, BOM, tag
 *   characters) and every bidi control (LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI, LRM/RLM/ALM) are
 *   removed, with the invisible fillers that are not `Cf` (combining grapheme joiner, Hangul fillers).
 * - Control characters other than tab and line breaks are removed.
 * - Decimal digits of every script fold to 0-9 ("٤١١١" is "4111"), so no digit pattern is blind to them.
 * - Confusable separators fold: every Unicode space to " ", line and paragraph separators to "\n",
 *   hyphen look-alikes (non-breaking hyphen, figure dash, minus sign) to "-", and en/em dashes too
 *   when they sit between two digits ("4111–1111").
 *
 * Layout (line breaks, runs of spaces) is kept: renderers decide how to show it. Idempotent and pure.
 */
export function normalizeText(text: string): string {
  // Invisible characters go before NFKC so the letters around them compose ("e", ZWSP, U+0301 is "é"):
  // a second pass then changes nothing.
  return text
    .replace(INVISIBLE, "")
    .replace(CONTROL, "")
    .normalize("NFKC")
    .replace(LINE_SEPARATOR, "\n")
    .replace(SPACE, " ")
    .replace(HYPHEN, "-")
    .replace(OTHER_DIGIT, asciiDigit)
    .replace(DASH_BETWEEN_DIGITS, "-");
}

/**
 * The canonical form the rule-based triage detectors match on, built on normalizeText: lower case,
 * accents stripped (so "está"/"esta" and "schließen"/"schliessen" match one pattern), typographic
 * quotes folded, English contractions expanded (so negation rules see "did not", whatever the
 * customer typed: "didn't", "didnt", "did'nt"), whitespace collapsed. Punctuation stays: clause
 * boundaries limit how far a negation reaches.
 */
export function foldForMatching(text: string): string {
  let out = normalizeText(text)
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[\u2018\u2019\u02bc\u00b4`]/g, "'")
    .replace(/[\u201c\u201d\u00ab\u00bb]/g, '"');
  for (const [pattern, replacement] of CONTRACTIONS) out = out.replace(pattern, replacement);
  return out.replace(/\s+/g, " ").trim();
}

/** Order matters: the irregular forms go before the generic "n't". */
const CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bcan'?t\b/g, "can not"],
  [/\bcannot\b/g, "can not"],
  [/\bwon'?t\b/g, "will not"],
  [/\bain'?t\b/g, "is not"],
  [/\bshan'?t\b/g, "shall not"],
  [/\b(do|does|did|is|are|was|were|has|have|had|could|would|should|must|need|might)n'?t\b/g, "$1 not"],
  [/\b(do|does|did|is|are|was|were|has|have|had|could|would|should)'nt\b/g, "$1 not"],
  [/\bi'?m\b/g, "i am"],
  [/\b(i|you|we|they)'ve\b/g, "$1 have"],
  [/\b(i|you|we|they|he|she|it)'ll\b/g, "$1 will"],
  [/\b(i|you|we|they|he|she)'d\b/g, "$1 would"],
  [/\b(you|we|they)'re\b/g, "$1 are"],
  [/\b(it|that|there|what|where|who|how|here|he|she)'s\b/g, "$1 is"],
  [/\b(ive)\b/g, "i have"],
  // Apostrophe-less "it's"/"that's" before "not": "its not mine" is never the possessive.
  [/\bits not\b/g, "it is not"],
  [/\bthats\b/g, "that is"],
];

// Bidi controls are all `Cf`; they are listed as well so the intent survives a careless edit.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each code point is removed on its own
const INVISIBLE = /[\p{Cf}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u034f\u115f\u1160\u3164\uffa0]/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
const LINE_SEPARATOR = /[\u0085\u2028\u2029]/g;
const SPACE = /[^\S\t\n\r]/gu;
const HYPHEN = /[\u2010\u2011\u2012\u2212\ufe63]/g;
const DASH_BETWEEN_DIGITS = /(?<=\d)\s?[\u2013\u2014\u2015]\s?(?=\d)/g;
// Decimal digits NFKC leaves alone (Arabic-Indic, Devanagari, Thai...); every script's digits are a run
// of ten code points from zero, so a digit's value is its distance from the start of its run.
const OTHER_DIGIT = /(?![0-9])\p{Nd}/gu;
const DIGIT = /^\p{Nd}$/u;

function asciiDigit(digit: string): string {
  let code = digit.codePointAt(0) ?? 0;
  let below = 0;
  while (below < 9 && DIGIT.test(String.fromCodePoint(code - 1))) {
    code--;
    below++;
  }
  return String(below);
}
