/**
 * One canonical form of customer text for the rule-based detectors: lower case, accents stripped
 * (so "está"/"esta" and "schließen"/"schliessen" match one pattern), typographic quotes folded,
 * English contractions expanded (so negation rules see "did not", whatever the customer typed:
 * "didn't", "didnt", "did'nt"), whitespace collapsed. Punctuation stays: clause boundaries limit
 * how far a negation reaches.
 */
export function normalizeText(text: string): string {
  let out = text
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
