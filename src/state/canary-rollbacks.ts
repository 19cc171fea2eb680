import type { Logger } from "../lib/logger.ts";
import type { StateStore } from "./state-store.ts";

/** Kept well past the guard's hourly rewrite from the ledger, as the guarded categories are. */
const TTL_SECONDS = 90 * 24 * 60 * 60;

/** `<prefix>:rollout:canary_rollbacks`: the canary fingerprints the stage guard rolled back. */
export function canaryRollbacksKey(store: StateStore): string {
  return store.key("rollout", "canary_rollbacks");
}

/**
 * The rolled-back canary fingerprints, read where a canary ticket's override would apply. Absent: none.
 * A value that does not parse is logged and counts as every canary rolled back (the safe side: tickets
 * decide with the current settings) until the guard writes it again.
 */
export async function readCanaryRollbacks(
  store: StateStore,
  log: Logger,
): Promise<{ fingerprints: string[]; unreadable?: true }> {
  const text = await store.kv.get(canaryRollbacksKey(store));
  if (text === null) return { fingerprints: [] };
  const fingerprints = parse(text);
  if (fingerprints === null) {
    log.error("canary rollbacks unreadable: no ticket gets the canary until the next guard run", {
      key: "rollout:canary_rollbacks",
    });
    return { fingerprints: [], unreadable: true };
  }
  return { fingerprints };
}

/** Replaces the account's rolled-back canaries (the guard's run and an admin's re-enable, both from the ledger). */
export async function writeCanaryRollbacks(store: StateStore, fingerprints: readonly string[]): Promise<void> {
  await store.kv.set(canaryRollbacksKey(store), JSON.stringify({ v: 1, fingerprints }), TTL_SECONDS);
}

function parse(text: string): string[] | null {
  try {
    const value = JSON.parse(text) as { v?: unknown; fingerprints?: unknown } | null;
    if (value?.v !== 1 || !Array.isArray(value.fingerprints)) return null;
    return value.fingerprints.every((f) => typeof f === "string") ? (value.fingerprints as string[]) : null;
  } catch {
    return null;
  }
}
