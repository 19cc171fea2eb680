import type { Settings } from "../config/settings-schema.ts";
import { knowledgePack } from "../knowledge/knowledge-pack.ts";
import { PassageKnowledge } from "../knowledge/passage-knowledge.ts";
import type { Logger } from "../lib/logger.ts";
import type { PlatformWiring } from "../platforms/platform-wiring.ts";
import type { StateStore } from "../state/state-store.ts";

/**
 * An account's knowledge: its help center's articles as passages, ranked with the bundled pack,
 * bodies cached per account for `knowledge_cache_minutes`. What the pipeline and the drift check's
 * cases from the review queue both answer from.
 */
export function accountKnowledge(
  wiring: Pick<PlatformWiring, "knowledge">,
  store: StateStore,
  settings: () => Promise<Settings>,
  logger: Logger,
): PassageKnowledge {
  return new PassageKnowledge({
    articles: wiring.knowledge,
    store,
    cacheMinutes: async () => (await settings()).knowledgeCacheMinutes,
    pack: knowledgePack(),
    logger,
  });
}
