import type { StateStore } from "../state/state-store.ts";

/** The categories ready for autosend as the nightly job last computed them, and when. */
export interface ReadyCategories {
  categories: string[];
  /** ISO-8601. */
  computed_at: string;
}

/**
 * Kept a week: if the nightly job stops running, the list expires and no category counts as ready
 * any more, rather than autosend resting on agreement measured long ago.
 */
const READY_CATEGORIES_TTL_SECONDS = 7 * 24 * 60 * 60;

/**
 * The account's ready categories in its state store, as JSON `{"categories": [...], "computed_at":
 * "<iso>"}` under `<prefix>:rollout:ready_categories` (the setting `autosend_categories=ready` reads
 * this key; keep key and shape as they are).
 */
export function readyCategoriesStore(store: StateStore): { set(value: ReadyCategories): Promise<void> } {
  const key = store.key("rollout", "ready_categories");
  return {
    async set(value) {
      const body: ReadyCategories = { categories: value.categories, computed_at: value.computed_at };
      await store.kv.set(key, JSON.stringify(body), READY_CATEGORIES_TTL_SECONDS);
    },
  };
}
