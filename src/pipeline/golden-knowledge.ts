import { PassageKnowledge } from "../knowledge/passage-knowledge.ts";
import type { Logger } from "../lib/logger.ts";
import type { Knowledge, Passage } from "../ports/knowledge.ts";
import { GOLDEN_ARTICLES } from "../rollout/golden-articles.ts";

const DAY = 24 * 60 * 60_000;

/**
 * The knowledge the bundled golden cases answer from: the golden articles, dated by their age as of
 * `now`, split and ranked like help center articles (no cache, no pack), so only the model and the
 * account's settings can change a bundled case's outcome.
 */
export function goldenKnowledge(now: () => Date, logger: Logger): Knowledge {
  const articles: Knowledge = {
    search: async () =>
      GOLDEN_ARTICLES.map(
        (a): Passage => ({
          id: a.id,
          title: a.title,
          url: a.url,
          updatedAt: new Date(now().getTime() - a.ageDays * DAY).toISOString(),
          text: a.text,
        }),
      ),
  };
  return new PassageKnowledge({ articles, store: null, cacheMinutes: async () => 0, pack: [], logger });
}
