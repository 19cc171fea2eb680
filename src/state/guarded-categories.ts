import {
  type AutosendFallback,
  type AutosendFallbacks,
  GUARD_MEASURES,
  type GuardMeasure,
} from "../domain/stage-guard.ts";
import type { Logger } from "../lib/logger.ts";
import type { StateStore } from "./state-store.ts";

/**
 * Kept well past the guard's hourly rewrite, so a fallback outlives a paused Cron Trigger; the guard
 * writes it again from the ledger on every run, so a lost key comes back within the hour.
 */
const TTL_SECONDS = 90 * 24 * 60 * 60;

/** `<prefix>:rollout:guarded_categories`: the categories whose autosend fell back to draft. */
export function guardedCategoriesKey(store: StateStore): string {
  return store.key("rollout", "guarded_categories");
}

/**
 * The account's guarded categories, read on every customer message. Absent: none. A value that does
 * not parse is logged and drafts every category (the safe side) until the guard writes it again.
 */
export async function readGuardedCategories(store: StateStore, log: Logger): Promise<AutosendFallbacks> {
  const text = await store.kv.get(guardedCategoriesKey(store));
  if (text === null) return { categories: {} };
  const categories = parse(text);
  if (categories === null) {
    log.error("guarded categories unreadable: every category drafts until the next guard run", {
      key: "rollout:guarded_categories",
    });
    return { categories: {}, unreadable: true };
  }
  return { categories };
}

/** Replaces the account's guarded categories (the guard's run and an admin's re-enable, both from the ledger). */
export async function writeGuardedCategories(
  store: StateStore,
  categories: Readonly<Record<string, AutosendFallback>>,
): Promise<void> {
  await store.kv.set(guardedCategoriesKey(store), JSON.stringify({ v: 1, categories }), TTL_SECONDS);
}

function parse(text: string): Record<string, AutosendFallback> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(value) || value.v !== 1 || !isObject(value.categories)) return null;
  const categories: Record<string, AutosendFallback> = {};
  for (const [name, entry] of Object.entries(value.categories)) {
    if (!isObject(entry)) return null;
    const { since, reason, rate, samples, threshold, windowDays } = entry;
    if (typeof since !== "string" || !GUARD_MEASURES.includes(reason as GuardMeasure)) return null;
    if (![rate, samples, threshold, windowDays].every((n) => typeof n === "number" && Number.isFinite(n))) return null;
    categories[name] = {
      since,
      reason: reason as GuardMeasure,
      rate: rate as number,
      samples: samples as number,
      threshold: threshold as number,
      windowDays: windowDays as number,
    };
  }
  return categories;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
