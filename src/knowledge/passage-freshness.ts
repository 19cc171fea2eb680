import type { Passage } from "../ports/knowledge.ts";

export interface FreshnessRules {
  now: Date;
  /** Passages older than this many days on a volatile topic are stale. */
  staleAfterDays: number;
  /** Words (lowercase) that mark a topic that changes: pricing, policies, refunds... */
  volatileTopics: readonly string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Adds `ageDays` (whole days since updated_at; absent when the date is unknown) and `stale` to each
 * passage. Stale = older than the threshold AND the title or text names a volatile topic (a whole
 * word). A passage without a date is never called stale: there is nothing to measure.
 */
export function withFreshness(passages: readonly Passage[], rules: FreshnessRules): Passage[] {
  const topics = rules.volatileTopics.map((t) => t.trim().toLowerCase()).filter((t) => t !== "");
  const pattern = topics.length ? new RegExp(`\\b(?:${topics.map(escapeRegExp).join("|")})\\b`, "i") : null;
  return passages.map((passage) => {
    const updated = passage.updatedAt ? Date.parse(passage.updatedAt) : Number.NaN;
    if (Number.isNaN(updated)) {
      const { ageDays: _age, ...rest } = passage;
      return { ...rest, stale: false };
    }
    const ageDays = Math.max(0, Math.floor((rules.now.getTime() - updated) / DAY_MS));
    const volatile = pattern?.test(`${passage.title}\n${passage.text}`);
    return { ...passage, ageDays, stale: volatile === true && ageDays > rules.staleAfterDays };
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
