import type { DecidedTicketsCursor } from "../ports/ledger.ts";
import type { StateStore } from "../state/state-store.ts";

/** Where an account's reconciliation stopped; null = start from the oldest ticket of the window. */
export interface ReconcileCursor {
  get(): Promise<DecidedTicketsCursor | null>;
  set(cursor: DecidedTicketsCursor | null): Promise<void>;
}

/** Kept long enough to outlive a few missed nights; lost, the next run simply starts from the oldest ticket. */
const CURSOR_TTL_SECONDS = 14 * 24 * 60 * 60;

/** The cursor in the account's state store, as JSON under `<prefix>:reconcile:cursor`. */
export function reconcileCursor(store: StateStore): ReconcileCursor {
  const key = store.key("reconcile", "cursor");
  return {
    async get() {
      const text = await store.kv.get(key);
      if (text === null) return null;
      try {
        const value = JSON.parse(text) as Partial<DecidedTicketsCursor>;
        return typeof value.lastDecidedAt === "string" && typeof value.ticketId === "string"
          ? { lastDecidedAt: value.lastDecidedAt, ticketId: value.ticketId }
          : null;
      } catch {
        return null;
      }
    },
    async set(cursor) {
      if (cursor === null) await store.kv.delete(key);
      else await store.kv.set(key, JSON.stringify(cursor), CURSOR_TTL_SECONDS);
    },
  };
}
