/**
 * True when `pattern` matches somewhere in `text` and that match is not cancelled by `negation`
 * earlier in the same clause ("I don't want to talk to an agent" vs "I want to talk to an agent").
 * A clause ends at . ! ? ; or a contrastive "but"/"pero"/"mais"/"aber"/"mas", so "I don't want a
 * bot, I want a person" is not negated: the comma starts a new clause as well.
 */
export function matchesUnnegated(text: string, pattern: RegExp, negation: RegExp): boolean {
  const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  for (const match of text.matchAll(global)) {
    // The match itself may open with the negated verb ("need" in "I do not need an agent").
    const before = clauseBefore(text, match.index) + match[0];
    if (!negation.test(before)) return true;
  }
  return false;
}

const CLAUSE_BREAK = /[.!?;,:\n]|\b(?:but|pero|mais|aber|mas|however|though)\b/g;

/** The text between the last clause break and `index`. */
export function clauseBefore(text: string, index: number): string {
  const head = text.slice(0, index);
  let start = 0;
  for (const brk of head.matchAll(CLAUSE_BREAK)) start = brk.index + brk[0].length;
  return head.slice(start);
}

/** Builds `(?:a|b|c)` from words or fragments; keeps long patterns readable. */
export function alt(...parts: string[]): string {
  return `(?:${parts.join("|")})`;
}
