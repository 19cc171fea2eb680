import { StoreUnavailableError } from "../lib/errors.ts";
import type { KvStore } from "../ports/kv-store.ts";

interface Entry {
  value: string;
  expiresAt: number;
}

export interface MemoryKvStoreOptions {
  /** Clock in epoch milliseconds; tests inject one they can advance. */
  now?: () => number;
}

/**
 * In-process KvStore for tests and the local demo. It mirrors Redis semantics where the pipeline
 * depends on them (NX, TTL expiry, INCR keeping the TTL, "not an integer" errors). Isolates on
 * Workers do not share memory, so production always uses UpstashKvStore.
 */
export class MemoryKvStore implements KvStore {
  readonly kind = "memory" as const;
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private available = true;

  constructor(options: MemoryKvStoreOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** Simulate an outage: while false, every call rejects with StoreUnavailableError. */
  setAvailable(available: boolean): void {
    this.available = available;
  }

  async setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    this.checkAvailable();
    assertTtl(ttlSeconds);
    if (this.live(key)) return false;
    this.write(key, value, ttlSeconds);
    return true;
  }

  async get(key: string): Promise<string | null> {
    this.checkAvailable();
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.checkAvailable();
    assertTtl(ttlSeconds);
    this.write(key, value, ttlSeconds);
  }

  async delete(key: string): Promise<void> {
    this.checkAvailable();
    this.entries.delete(key);
  }

  async deleteIfEquals(key: string, value: string): Promise<boolean> {
    this.checkAvailable();
    if (this.live(key)?.value !== value) return false;
    this.entries.delete(key);
    return true;
  }

  async expireIfEquals(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    this.checkAvailable();
    assertTtl(ttlSeconds);
    const entry = this.live(key);
    if (entry?.value !== value) return false;
    entry.expiresAt = this.now() + ttlSeconds * 1000;
    return true;
  }

  async setIfGuardEquals(
    key: string,
    value: string,
    ttlSeconds: number,
    guardKey: string,
    guardValue: string,
  ): Promise<boolean> {
    this.checkAvailable();
    assertTtl(ttlSeconds);
    if (this.live(guardKey)?.value !== guardValue) return false;
    this.write(key, value, ttlSeconds);
    return true;
  }

  increment(key: string, ttlSeconds: number): Promise<number> {
    return this.incrementBy(key, 1, ttlSeconds);
  }

  async incrementBy(key: string, amount: number, ttlSeconds: number): Promise<number> {
    this.checkAvailable();
    assertTtl(ttlSeconds);
    assertAmount(amount);
    const entry = this.live(key);
    if (!entry) {
      this.write(key, String(amount), ttlSeconds);
      return amount;
    }
    // Same rule as Redis INCR: the value must be a base-10 integer string.
    if (!/^-?\d+$/.test(entry.value)) {
      throw new StoreUnavailableError("memory increment failed: value is not an integer");
    }
    const next = Number(entry.value) + amount;
    entry.value = String(next);
    return next;
  }

  async ping(): Promise<void> {
    this.checkAvailable();
  }

  /** Seconds left like Redis TTL: -2 when the key does not exist. (Every key here has a TTL.) */
  ttlSeconds(key: string): number {
    const entry = this.live(key);
    return entry ? Math.ceil((entry.expiresAt - this.now()) / 1000) : -2;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private write(key: string, value: string, ttlSeconds: number): void {
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
  }

  private checkAvailable(): void {
    if (!this.available) throw new StoreUnavailableError("memory store marked unavailable");
  }
}

/** Redis INCRBY takes integers only; refuse the same inputs here. */
function assertAmount(amount: number): void {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be an integer, got ${amount}`);
}

/** Redis rejects `EX` values that are not positive integers; fail the same way here, early. */
function assertTtl(ttlSeconds: number): void {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError(`ttlSeconds must be a positive integer, got ${ttlSeconds}`);
  }
}
