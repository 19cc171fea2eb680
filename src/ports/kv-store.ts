/**
 * The minimal key-value contract both store implementations (Upstash REST and in-memory) satisfy.
 * Every write carries a TTL: nothing in the store lives forever. Implementations throw
 * `StoreUnavailableError` when the backing store cannot be reached.
 */
export interface KvStore {
  readonly kind: "memory" | "upstash";
  /** SET key value NX EX ttl. True when this call created the key. */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Delete only when the current value equals `value` (lock release by its owner). True if deleted. */
  deleteIfEquals(key: string, value: string): Promise<boolean>;
  /** Reset the TTL only when the current value equals `value` (lease renewal by its owner). True if renewed. */
  expireIfEquals(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  /**
   * SET key value EX ttl only when `guardKey` currently holds `guardValue`, atomically: a write fenced
   * by a lock, refused once the writer's lock expired or passed to another job. True if written.
   */
  setIfGuardEquals(
    key: string,
    value: string,
    ttlSeconds: number,
    guardKey: string,
    guardValue: string,
  ): Promise<boolean>;
  /** INCR, setting the TTL when the key is new. Returns the new value. */
  increment(key: string, ttlSeconds: number): Promise<number>;
  /**
   * INCRBY `amount` (an integer, negative to give back), setting the TTL when the key is new, atomically.
   * Returns the new value.
   */
  incrementBy(key: string, amount: number, ttlSeconds: number): Promise<number>;
  /** Round trip to the backing store; throws StoreUnavailableError when it is down. */
  ping(): Promise<void>;
}
