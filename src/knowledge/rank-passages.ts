import MiniSearch from "minisearch";
import type { Passage } from "../ports/knowledge.ts";

/**
 * Common words that would match every passage; BM25's idf already discounts them, dropping them keeps
 * short passages from winning on "how do I" alone.
 */
const STOP_WORDS = new Set(
  "a an and are as at be but by can do does for from had has have how i if in is it its me my of on or our so that " +
    "the their them then there this to was we what when where which who why will with you your".split(" "),
);

/**
 * Ranks passages for a question with MiniSearch (BM25+, no dependencies, runs in Workers): text and
 * title fields, prefix and light fuzzy matching so "refunds"/"refund" and small typos still meet.
 * Returns only passages that match at least one term, best first, at most `limit`.
 */
export function rankPassages(question: string, passages: readonly Passage[], limit: number): Passage[] {
  if (!passages.length || limit < 1) return [];
  const byId = new Map(passages.map((p) => [p.id, p]));
  const index = new MiniSearch<Passage>({
    fields: ["title", "text"],
    idField: "id",
    processTerm: (term) => {
      const lower = term.toLowerCase();
      return STOP_WORDS.has(lower) ? null : lower;
    },
  });
  index.addAll([...byId.values()]);
  const results = index.search(question, {
    boost: { text: 2, title: 1 },
    prefix: (term) => term.length > 3,
    fuzzy: (term) => (term.length > 5 ? 0.2 : false),
    combineWith: "OR",
  });
  return results.slice(0, limit).flatMap((r) => {
    const passage = byId.get(String(r.id));
    return passage ? [passage] : [];
  });
}
