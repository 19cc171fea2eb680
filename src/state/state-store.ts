import { TicketLockedError } from "../errors.ts";
import type { Platform } from "../pipeline/support-event.ts";
import type { KvStore } from "./kv-store.ts";
import { emptyTicketState, type TicketState } from "./ticket-state.ts";

const DAY = 24 * 60 * 60;

export interface StateStoreOptions {
  platform: Platform;
  /** Helpdesk account id; keys are `dm:{platform}:{account}:...`. */
  account: string;
  ticketStateTtlSeconds?: number;
  lockTtlSeconds?: number;
}

/**
 * The pipeline's view of the store: delivery claims, per-ticket locks, ticket state and counters,
 * all under one key prefix and all with TTLs.
 */
export class StateStore {
  readonly kv: KvStore;
  private readonly prefix: string;
  private readonly ticketStateTtl: number;
  private readonly lockTtl: number;

  constructor(kv: KvStore, options: StateStoreOptions) {
    this.kv = kv;
    this.prefix = `dm:${options.platform}:${options.account}`;
    this.ticketStateTtl = options.ticketStateTtlSeconds ?? 30 * DAY;
    this.lockTtl = options.lockTtlSeconds ?? 120;
  }

  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(":");
  }

  /** True when this is the first claim of `id` within the TTL. */
  claimDelivery(id: string, ttlSeconds: number): Promise<boolean> {
    return this.kv.setIfAbsent(this.key("delivery", id), new Date().toISOString(), ttlSeconds);
  }

  /** Undo a claim whose event could not be enqueued, so the helpdesk's retry is not taken for a duplicate. */
  releaseDelivery(id: string): Promise<void> {
    return this.kv.delete(this.key("delivery", id));
  }

  /** Run `fn` holding the ticket's lock; throws TicketLockedError (retryable) when another job holds it. */
  async withTicketLock<T>(ticketId: string, fn: () => Promise<T>): Promise<T> {
    const key = this.key("lock", ticketId);
    const token = crypto.randomUUID();
    if (!(await this.kv.setIfAbsent(key, token, this.lockTtl))) throw new TicketLockedError(ticketId);
    try {
      return await fn();
    } finally {
      await this.kv.deleteIfEquals(key, token).catch(() => undefined);
    }
  }

  async getTicketState(ticketId: string): Promise<TicketState> {
    const raw = await this.kv.get(this.key("ticket", ticketId));
    if (raw === null) return emptyTicketState();
    const parsed = JSON.parse(raw) as TicketState;
    return parsed.v === 1 ? parsed : emptyTicketState();
  }

  putTicketState(ticketId: string, state: TicketState): Promise<void> {
    return this.kv.set(this.key("ticket", ticketId), JSON.stringify(state), this.ticketStateTtl);
  }

  /** Daily counters (`outcome:escalate`, `skip:own_comment`, ...) kept 90 days for reporting. */
  incrementCounter(name: string, at: Date = new Date()): Promise<number> {
    return this.kv.increment(this.key("count", at.toISOString().slice(0, 10), name), 90 * DAY);
  }
}
