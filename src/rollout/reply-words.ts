/**
 * A reply as a list of words for comparing two texts: Unicode-normalized (NFKC), lower case, letters
 * and digits only (accents kept: "été" is not "ete"), so punctuation, spacing and case never count
 * as a difference. Masked values (`[email]`) stay one word each, equal on both sides. Pure.
 */
export function replyWords(text: string): string[] {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * How alike two replies are in what they say: the Dice coefficient of their sets of words
 * (2 × shared / (words of one + words of the other)), 0 (nothing shared) to 1 (the same words).
 * Word order and repetition do not count; two empty texts are 1. Pure.
 */
export function textSimilarity(a: string, b: string): number {
  const left = new Set(replyWords(a));
  const right = new Set(replyWords(b));
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return (2 * shared) / (left.size + right.size);
}

/**
 * How much of a suggested reply was changed before it was sent: the word-level Levenshtein distance
 * (words inserted, deleted or replaced) divided by the longer text's word count, 0 (sent as
 * suggested) to 1 (nothing kept in place). Words, not characters: "Hi Anna," added in front is two
 * edits, and the cost stays small (a 2,000-character reply is about 350 words). Pure.
 */
export function editDistance(suggested: string, sent: string): number {
  const a = replyWords(suggested);
  const b = replyWords(sent);
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const replace = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, replace));
    }
    previous = current;
  }
  return (previous[b.length] ?? 0) / longer;
}
