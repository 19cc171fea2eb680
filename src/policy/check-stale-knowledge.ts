import type { Settings } from "../config/settings-schema.ts";
import type { Passage } from "../ports/knowledge.ts";

export type StaleKnowledgeVerdict = "fresh" | "escalate" | "draft";

/**
 * An answer that rests only on stale passages (every cited passage is `stale`) must not go out as if
 * current: per `stale_knowledge_action` it escalates with `stale_knowledge` or is kept as a draft for an
 * agent. One current source among the cited is enough. Pure: passages carry `stale` from withFreshness.
 */
export function checkStaleKnowledge(input: {
  sourceIds: readonly string[];
  passages: readonly Passage[];
  settings: Pick<Settings, "staleKnowledgeAction">;
}): StaleKnowledgeVerdict {
  const cited = input.passages.filter((p) => input.sourceIds.includes(p.id));
  if (!cited.length || !cited.every((p) => p.stale === true)) return "fresh";
  return input.settings.staleKnowledgeAction;
}
