import type { Platform } from "../domain/support-event.ts";
import type { Logger } from "../lib/logger.ts";
import type { KvStore } from "../ports/kv-store.ts";
import type { BudgetReservation, BudgetUsage, RequestBudget } from "../ports/request-budget.ts";
import { budgetVerdict, shareBudget, type GovernorWindow } from "./governor-budget.ts";

/** What one helpdesk response says about the account's budget (everyone's requests, not only Deskmate's). */
export interface RateLimitObservation {
  /** Requests per window. */
  limit: number;
  /** Left in the current window. */
  remaining?: number;
  /** Epoch ms when the window the remaining figure belongs to ends, when the helpdesk says so. */
  resetsAt?: number;
}

export interface RequestGovernorOptions {
  kv: KvStore;
  platform: Platform;
  /** The account the helpdesk client talks to (Zendesk subdomain, Intercom API host). */
  account: string;
  window: GovernorWindow;
  logger: Logger;
  /** Epoch ms; tests inject a clock. */
  now?: () => number;
}

/** A learned limit outlives any window: an account's plan rarely changes. */
const LIMIT_TTL_SECONDS = 30 * 24 * 60 * 60;

/**
 * The per-account request governor, shared by every isolate through the state store: it counts
 * Deskmate's own helpdesk requests per window (an atomic INCR with expiry per request), remembers the
 * account's limit and remaining as the helpdesk's headers say, and admits a queue job only when the
 * requests it reserves fit Deskmate's share (governor-budget.ts). It never refuses a request: the
 * consumer delays jobs before they start, so no job stops half-way through its writes.
 */
export class RequestGovernor implements RequestBudget {
  readonly #kv: KvStore;
  readonly #window: GovernorWindow;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #prefix: string;
  readonly #account: string;
  /** Observation writes still in flight: a job waits for them when it ends (`release`). */
  readonly #pending = new Set<Promise<void>>();
  #limitWritten: number | undefined;

  constructor(options: RequestGovernorOptions) {
    this.#kv = options.kv;
    this.#window = options.window;
    this.#log = options.logger;
    this.#now = options.now ?? Date.now;
    this.#account = `${options.platform}:${options.account}`;
    this.#prefix = `dm:${options.platform}:${options.account}:governor`;
  }

  /** Count one request of Deskmate's in the current window. */
  async countRequest(): Promise<void> {
    const { key, ttl } = this.#usedKey();
    await this.#kv.increment(key, ttl);
  }

  /**
   * Remember what a response said: the limit (written only when it changed) and the account's remaining
   * requests until its window ends. Runs in the background; `release` waits for it.
   */
  observe(observation: RateLimitObservation): void {
    const now = this.#now();
    const writes: Array<Promise<void>> = [];
    if (observation.limit !== this.#limitWritten) {
      const limit = observation.limit;
      writes.push(
        this.#kv.set(this.#key("limit"), String(limit), LIMIT_TTL_SECONDS).then(() => {
          this.#limitWritten = limit;
        }),
      );
    }
    if (observation.remaining !== undefined) {
      // Zendesk does not say when its minute ends: the figure is trusted for one window from now.
      const until = observation.resetsAt ?? now + this.#window.seconds * 1000;
      const ttl = Math.max(1, Math.ceil((until - now) / 1000));
      const value = JSON.stringify({ remaining: observation.remaining, until });
      writes.push(this.#kv.set(this.#key("remaining"), value, ttl));
    }
    if (writes.length === 0) return;
    const pending: Promise<void> = Promise.all(writes).then(
      () => undefined,
      (error: unknown) => this.#log.warn("request governor: observation not stored", { account: this.#account, error }),
    );
    this.#pending.add(pending);
    void pending.finally(() => this.#pending.delete(pending));
  }

  /** Wait for the observations still being written. */
  async settle(): Promise<void> {
    await Promise.all([...this.#pending]);
  }

  async reserve(requests: number, share: number): Promise<BudgetReservation> {
    const now = this.#now();
    const { key, ttl, endsAt } = this.#usedKey(now);
    const [limitText, remainingText, total] = await Promise.all([
      this.#kv.get(this.#key("limit")),
      this.#kv.get(this.#key("remaining")),
      this.#kv.incrementBy(key, requests, ttl),
    ]);
    const limit = positiveInt(limitText) ?? this.#window.defaultLimit;
    const seen = readRemaining(remainingText, now);
    const used = total - requests;
    const verdict = budgetVerdict({ limit, share, used, requests, remaining: seen?.remaining ?? null });
    if (verdict.admit) {
      return {
        admitted: true,
        release: async () => {
          const givenBack = this.#kv.incrementBy(key, -requests, ttl).catch((error: unknown) =>
            // The reservation then lapses with its window.
            this.#log.warn("request governor: reservation not given back", { account: this.#account, error }),
          );
          await Promise.all([this.settle(), givenBack]);
        },
      };
    }
    await this.#kv.incrementBy(key, -requests, ttl);
    const until = verdict.reason === "account_low" && seen ? Math.max(seen.until, now) : endsAt;
    const usage: BudgetUsage = {
      account: this.#account,
      used,
      budget: shareBudget(limit, share),
      limit,
      remaining: seen?.remaining ?? null,
      windowSeconds: this.#window.seconds,
    };
    return {
      admitted: false,
      reason: verdict.reason,
      delaySeconds: Math.max(1, Math.ceil((until - now) / 1000)),
      usage,
    };
  }

  #key(...parts: string[]): string {
    return [this.#prefix, ...parts].join(":");
  }

  /** The counter of the window `now` falls in; it lives two windows, so a late give-back finds it. */
  #usedKey(now = this.#now()) {
    const length = this.#window.seconds * 1000;
    const index = Math.floor(now / length);
    return { key: this.#key("used", String(index)), ttl: this.#window.seconds * 2, endsAt: (index + 1) * length };
  }
}

function positiveInt(text: string | null): number | undefined {
  const value = Number(text);
  return text !== null && Number.isInteger(value) && value > 0 ? value : undefined;
}

function readRemaining(text: string | null, now: number): { remaining: number; until: number } | null {
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as { remaining?: unknown; until?: unknown };
    const { remaining, until } = parsed;
    if (typeof remaining !== "number" || typeof until !== "number" || until <= now) return null;
    return { remaining, until };
  } catch {
    return null;
  }
}
