import type { Settings } from "../config/settings-schema.ts";
import type { Ledger, LedgerAccount } from "../ports/ledger.ts";
import { shadowReadiness } from "../rollout/shadow-readiness.ts";
import type { ReadyCategories } from "./ready-categories-store.ts";

/** Readiness is measured over the last this many days. */
export const READINESS_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The account's readiness over the last 30 days (the same scoring as GET /admin/readiness, at the
 * account's threshold and minimum samples), its ready categories stored for the rollout to read.
 * Returns what was stored.
 */
export async function recordReadyCategories(
  deps: { ledger: Ledger; store: { set(value: ReadyCategories): Promise<void> } },
  account: LedgerAccount,
  settings: Pick<Settings, "readinessThreshold" | "readinessMinSamples">,
  now: Date,
): Promise<ReadyCategories & { samples: number }> {
  const from = new Date(now.getTime() - READINESS_DAYS * DAY_MS).toISOString();
  const to = now.toISOString();
  const rows = await deps.ledger.shadowRows({ ...account, from, to });
  const readiness = shadowReadiness(rows, {
    from,
    to,
    threshold: settings.readinessThreshold,
    minSamples: settings.readinessMinSamples,
  });
  const value = { categories: readiness.ready_categories, computed_at: to };
  await deps.store.set(value);
  return { ...value, samples: readiness.categories.reduce((sum, c) => sum + c.samples, 0) };
}
