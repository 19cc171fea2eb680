import { TicketLockedError, TicketLockLostError } from "../lib/errors.ts";
import type { Platform } from "../domain/support-event.ts";
import type { KvStore } from "../ports/kv-store.ts";
import { emptyTicketState, type TicketState } from "../domain/ticket-state.ts";

const DAY = 24 * 60 * 60;
const PENDING_CLAIM = "pending:";
const COMMITTED_CLAIM = "committed:";
/** Between a lock token's owner (the job id) and its random part. */
const OWNER_SEPARATOR = "#";

/** The outcome of phase 1 of a delivery claim (see `StateStore.claimDelivery`). */
export type DeliveryClaim = { status: "claimed"; token: string } | { status: "committed" } | { status: "pending" };

/**
 * Proof that a job holds a ticket's lock. Every helpdesk write is preceded by `renew()` and every
 * ticket-state write is fenced by the lease, so a job whose lock expired (a decision that hung past
 * the TTL) or passed to another job can never write after the newer job.
 */
export interface TicketLease {
  readonly ticketId: string;
  /** Extend the lock by its full TTL; throws TicketLockLostError when this job no longer holds it. */
  renew(): Promise<void>;
}

interface HeldLease extends TicketLease {
  readonly key: string;
  readonly token: string;
}

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

  /**
   * Phase 1 of a delivery claim: SET NX a `pending` marker with a short TTL. `claimed` carries the
   * token that commits or releases it; `committed` means an earlier delivery of `id` was enqueued
   * (a duplicate); `pending` means another attempt holds it and has not enqueued yet, so this one
   * must be retried, never dropped. A marker that vanished between the two calls counts as pending:
   * the retry decides.
   */
  async claimDelivery(id: string, pendingTtlSeconds: number): Promise<DeliveryClaim> {
    const key = this.key("delivery", id);
    const token = `${PENDING_CLAIM}${crypto.randomUUID()}`;
    if (await this.kv.setIfAbsent(key, token, pendingTtlSeconds)) return { status: "claimed", token };
    const current = await this.kv.get(key);
    // Claims written before the two-phase claim hold a bare timestamp: those were committed.
    return current === null || current.startsWith(PENDING_CLAIM) ? { status: "pending" } : { status: "committed" };
  }

  /**
   * Phase 2, once the event is enqueued: the claim becomes final for `ttlSeconds`. A plain SET: if the
   * pending marker expired and another attempt claimed it meanwhile, both enqueued already and the
   * consumer's per-comment dedupe absorbs the second; the final value is `committed` either way.
   */
  commitDelivery(id: string, ttlSeconds: number): Promise<void> {
    return this.kv.set(this.key("delivery", id), `${COMMITTED_CLAIM}${new Date().toISOString()}`, ttlSeconds);
  }

  /** Undo a pending claim whose event could not be enqueued; only the attempt holding `token` can. */
  releaseDelivery(id: string, token: string): Promise<boolean> {
    return this.kv.deleteIfEquals(this.key("delivery", id), token);
  }

  /**
   * Run `fn` holding the ticket's lock; throws TicketLockedError (retryable) when another job holds it.
   * `ttlSeconds` should cover the job's worst case between two renewals (see ticketLockTtlSeconds).
   */
  async withTicketLock<T>(
    ticketId: string,
    fn: (lease: TicketLease) => Promise<T>,
    options: { ttlSeconds?: number; owner?: string } = {},
  ): Promise<T> {
    const key = this.key("lock", ticketId);
    const token =
      options.owner === undefined ? crypto.randomUUID() : `${options.owner}${OWNER_SEPARATOR}${crypto.randomUUID()}`;
    const ttl = options.ttlSeconds ?? this.lockTtl;
    if (!(await this.kv.setIfAbsent(key, token, ttl)) && !(await this.takeOver(key, token, ttl, options.owner))) {
      throw new TicketLockedError(ticketId);
    }
    const lease: HeldLease = {
      ticketId,
      key,
      token,
      renew: async () => {
        if (!(await this.kv.expireIfEquals(key, token, ttl))) throw new TicketLockLostError(ticketId);
      },
    };
    try {
      return await fn(lease);
    } finally {
      await this.kv.deleteIfEquals(key, token).catch(() => undefined);
    }
  }

  /**
   * A lock held under the same owner (the same queue message) belongs to an earlier attempt of this
   * very job that stopped without releasing it (the worker died; the queue redelivered). Waiting out
   * its TTL would only delay the retry, so the retry takes the lock over atomically; the fencing makes
   * that safe even if the earlier attempt were still alive: its next write is refused.
   */
  private async takeOver(key: string, token: string, ttl: number, owner: string | undefined): Promise<boolean> {
    if (owner === undefined) return false;
    const current = await this.kv.get(key);
    if (current === null || !current.startsWith(`${owner}${OWNER_SEPARATOR}`)) return false;
    return this.kv.setIfGuardEquals(key, token, ttl, key, current);
  }

  async getTicketState(ticketId: string): Promise<TicketState> {
    const raw = await this.kv.get(this.key("ticket", ticketId));
    if (raw === null) return emptyTicketState();
    const parsed = JSON.parse(raw) as TicketState;
    return parsed.v === 1 ? parsed : emptyTicketState();
  }

  /**
   * Store the ticket's state. With a lease (every pipeline write) the write is fenced: it is refused
   * with TicketLockLostError once the lock expired or passed to another job, so an older job can never
   * roll back state a newer one wrote. Without a lease it is a plain write (seeding, tools).
   */
  async putTicketState(ticketId: string, state: TicketState, lease?: TicketLease): Promise<void> {
    const key = this.key("ticket", ticketId);
    const value = JSON.stringify(state);
    if (!lease) return this.kv.set(key, value, this.ticketStateTtl);
    const held = lease as HeldLease;
    if (
      held.ticketId !== ticketId ||
      !(await this.kv.setIfGuardEquals(key, value, this.ticketStateTtl, held.key, held.token))
    ) {
      throw new TicketLockLostError(ticketId);
    }
  }

  /** Daily counters (`outcome:escalate`, `skip:own_comment`, ...) kept 90 days for reporting. */
  incrementCounter(name: string, at: Date = new Date()): Promise<number> {
    return this.kv.increment(this.key("count", at.toISOString().slice(0, 10), name), 90 * DAY);
  }
}
