import type { Logger } from "../lib/logger.ts";
import type { StateStore } from "../state/state-store.ts";

/**
 * The account's state-store key the nightly readiness check writes:
 * `{"categories": [...], "computed_at": "<iso>"}`.
 */
export const READY_CATEGORIES_KEY = ["rollout", "ready_categories"] as const;

/**
 * The categories ready for autosend, for `autosend_categories: ready`. Absent, unreadable or malformed
 * means none is ready (every ticket gets a draft), logged with the reason, never thrown: a missing
 * readiness run must not stop the assistant, only keep it from sending.
 */
export async function readReadyCategories(store: StateStore, log: Logger): Promise<string[]> {
  let raw: string | null;
  try {
    raw = await store.kv.get(store.key(...READY_CATEGORIES_KEY));
  } catch (error) {
    log.warn("ready categories unreadable: no category autosends", { reason: "store_error", error });
    return [];
  }
  if (raw === null) {
    log.info("no ready categories recorded yet: no category autosends", { reason: "absent" });
    return [];
  }
  try {
    const parsed = JSON.parse(raw) as { categories?: unknown; computed_at?: unknown };
    const categories = parsed.categories;
    if (Array.isArray(categories) && categories.every((c): c is string => typeof c === "string")) {
      return categories;
    }
  } catch {
    // Falls through to the log below.
  }
  log.warn("ready categories malformed: no category autosends", {
    reason: "malformed",
    fix: 'expected {"categories": [...], "computed_at": "<iso>"}',
  });
  return [];
}
