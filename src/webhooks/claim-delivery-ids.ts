import type { StateStore } from "../state/state-store.ts";

export type ClaimOutcome = { status: "claimed"; release: () => Promise<void> } | { status: "duplicate"; id: string };

/**
 * Claim each id with SET NX EX, in order, stopping at the first one already claimed. Sequential on
 * purpose: claimed in parallel, two concurrent deliveries could each win one id, both see a
 * duplicate, and the event would be dropped. If the store throws part-way, the claims made so far
 * are released and the error is rethrown, so the helpdesk's retry is not mistaken for a duplicate.
 * On `duplicate`, earlier claims are kept: they belong to a delivery that is itself a duplicate.
 */
export async function claimDeliveryIds(store: StateStore, ids: readonly string[], ttlSeconds: number): Promise<ClaimOutcome> {
  const claimed: string[] = [];
  const release = () => releaseAll(store, claimed);
  try {
    for (const id of ids) {
      if (!(await store.claimDelivery(id, ttlSeconds))) return { status: "duplicate", id };
      claimed.push(id);
    }
  } catch (error) {
    await release().catch(() => undefined);
    throw error;
  }
  return { status: "claimed", release };
}

async function releaseAll(store: StateStore, ids: readonly string[]): Promise<void> {
  const results = await Promise.allSettled(ids.map((id) => store.releaseDelivery(id)));
  const failed = results.find((result) => result.status === "rejected");
  if (failed !== undefined) throw failed.reason;
}
