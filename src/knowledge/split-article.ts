import type { Passage } from "../ports/knowledge.ts";

export interface SplitOptions {
  /** A passage is closed at a heading or paragraph end once it has at least this many characters. */
  minChars?: number;
  /** No passage grows past this; longer paragraphs are cut at sentence ends. */
  maxChars?: number;
}

/**
 * Splits one article (a Passage holding the whole body) into passages of about 400-800 characters,
 * closing a passage at headings and paragraph ends, so ranking can find the part that answers, not
 * just the article. Each keeps the article's title, url and updated_at; ids are `<article id>#<n>` (from 1).
 */
export function splitArticle(article: Passage, options: SplitOptions = {}): Passage[] {
  const min = options.minChars ?? 400;
  const max = options.maxChars ?? 800;
  const blocks = article.text
    .split(/\n{2,}|\n(?=\S[^\n]{0,80}\n)/)
    .flatMap((block) => cutLong(block.trim(), max))
    .filter((block) => block !== "");
  const chunks: string[] = [];
  let current = "";
  for (const block of blocks) {
    const joined = current ? `${current}\n\n${block}` : block;
    if (current && (joined.length > max || (current.length >= min && isHeading(block)))) {
      chunks.push(current);
      current = block;
    } else {
      current = joined;
    }
  }
  if (current) chunks.push(current);
  return chunks.map((text, i) => ({ ...article, id: `${article.id}#${i + 1}`, text }));
}

/** A short line without sentence punctuation reads as a heading (htmlToText keeps headings on their own line). */
function isHeading(block: string): boolean {
  return block.length <= 80 && !block.includes("\n") && !/[.!?:;,]$/.test(block);
}

/** Cuts an over-long block at sentence ends (or word ends when a sentence is itself too long). */
function cutLong(block: string, max: number): string[] {
  if (block.length <= max) return [block];
  const parts: string[] = [];
  let current = "";
  for (const sentence of block.match(/[^.!?\n]+(?:[.!?]+|\n|$)\s*/g) ?? [block]) {
    if (current && (current + sentence).length > max) {
      parts.push(current.trim());
      current = "";
    }
    current += sentence;
    while (current.length > max) {
      const space = current.lastIndexOf(" ", max);
      const at = space > max * 0.5 ? space : max;
      parts.push(current.slice(0, at).trim());
      current = current.slice(at);
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}
