/**
 * A pattern that matches any of `alternatives` as a whole word or phrase: `\b(?:a|b|c)\b`. Long word lists
 * stay readable as one line per group of related alternatives, which may hold `|` themselves.
 */
export function wordPattern(alternatives: readonly string[], flags = ""): RegExp {
  return new RegExp(String.raw`\b(?:${alternatives.join("|")})\b`, flags);
}
