import { foldForMatching } from "../lib/normalize-text.ts";

/**
 * How many of the customer's messages (the last one included) say the same as the last one: the
 * Jaccard similarity of their content-word sets is at least `threshold`. Function words are dropped
 * first, otherwise "where is my order" and "where is my refund" would look alike.
 */
export function countRestatements(messages: readonly string[], threshold = 0.6): number {
  const last = messages.at(-1);
  if (last === undefined) return 0;
  const target = contentWords(last);
  const targetText = foldForMatching(last);
  let count = 0;
  for (const message of messages) {
    const words = contentWords(message);
    const same = target.size === 0 ? foldForMatching(message) === targetText : jaccard(words, target) >= threshold;
    if (same) count++;
  }
  return count;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

function contentWords(text: string): Set<string> {
  const words = foldForMatching(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.filter((word) => word.length > 1 && !STOPWORDS.has(word)).map(stem));
}

/** Plural and -ing/-ed endings folded so "charges"/"charged"/"charge" count as one word. */
function stem(word: string): string {
  if (word.length > 5 && /(?:ing|ed)$/.test(word)) return word.replace(/(?:ing|ed)$/, "");
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

const STOPWORDS = new Set(
  (
    "a an the and or but if so of to in on at by for with from into about as is are was were be been being " +
    "am do does did done have has had i me my mine we us our you your it its this that these those there here " +
    "what which who whom when where why how can could would should will shall may might must not no yes please " +
    "thanks thank hi hello hey " +
    "again still just already yet any some all again ok okay also very really too then than now get got " +
    "el la los las un una de del que y o en por para con no mi es se lo le " +
    "le la les un une des de du et ou en pour avec ne pas mon ma mes est je " +
    "der die das ein eine und oder in mit fur nicht ich mein meine ist zu von " +
    "o a os as um uma de do da e ou em para com nao meu minha e"
  ).split(" "),
);
