import type { Platform } from "../domain/support-event.ts";

/*
 * The request governor's arithmetic, pure so the bench prints what the governor really admits
 * (scripts/bench-waves.ts) and tests can walk it with tables.
 */

/** One helpdesk's rate-limit window and the limit assumed before its headers were ever seen. */
export interface GovernorWindow {
  seconds: number;
  defaultLimit: number;
}

/** Zendesk: `X-Rate-Limit` per minute; 200 is the smallest plan's. */
export const ZENDESK_WINDOW: GovernorWindow = { seconds: 60, defaultLimit: 200 };
/** Intercom: `X-RateLimit-Limit` per 10-second window; 166 is 1,000 per minute, the lowest figure documented. */
export const INTERCOM_WINDOW: GovernorWindow = { seconds: 10, defaultLimit: 166 };

/**
 * What a queue job reserves before it starts, per platform: one customer message's requests as
 * `npm run bench` counts them (Zendesk at most 4 reads and 1 write; Intercom 5 to 6 reads and up to 6
 * writes, its tags one call each). A job's real requests are counted whatever it reserved.
 */
export const JOB_REQUESTS: Readonly<Record<Platform, number>> = { zendesk: 5, intercom: 10 };

export interface BudgetInput {
  /** The account's requests per window. */
  limit: number;
  /** Deskmate's share of it (the `helpdesk_api_share` setting). */
  share: number;
  /** Deskmate's requests and open reservations in this window, before this job's. */
  used: number;
  /** What this job reserves. */
  requests: number;
  /** The account's remaining requests (everyone's) as last seen in the current window, if known. */
  remaining?: number | null;
}

export type BudgetVerdict = { admit: true } | { admit: false; reason: "share_used" | "account_low" };

/** Deskmate's requests per window. */
export function shareBudget(limit: number, share: number): number {
  return Math.floor(limit * share);
}

/**
 * What Deskmate leaves to the account's people and other apps: the rest of the limit. Deskmate spends only
 * while the account as a whole has more than this left, so whenever in the window the others need their
 * part, it is there; when they are busy Deskmate waits for the next window instead of making them hit 429.
 */
export function othersReserve(limit: number, share: number): number {
  return Math.ceil(limit * (1 - share));
}

export function budgetVerdict(input: BudgetInput): BudgetVerdict {
  const { remaining } = input;
  const known = remaining !== undefined && remaining !== null;
  // One job per window always goes through while the account has room for its requests: a very small
  // budget, or people and other apps busy all day, slow Deskmate down but never stop it.
  if (input.used <= 0) return known && remaining < input.requests ? refused("account_low") : { admit: true };
  if (input.used + input.requests > shareBudget(input.limit, input.share)) return refused("share_used");
  if (known && remaining - input.requests < othersReserve(input.limit, input.share)) return refused("account_low");
  return { admit: true };
}

function refused(reason: "share_used" | "account_low"): BudgetVerdict {
  return { admit: false, reason };
}

/**
 * Jobs of `requestsPerJob` real requests the governor admits in one window when Deskmate is the account's
 * only user: each reserves `reserved` up front, and its real requests stay counted once it ends.
 */
export function jobsPerWindow(
  limit: number,
  share: number,
  requestsPerJob: number,
  reserved: number = JOB_REQUESTS.zendesk,
): number {
  let used = 0;
  let jobs = 0;
  const cost = Math.max(1, requestsPerJob);
  while (jobs < 1_000_000) {
    const verdict = budgetVerdict({ limit, share, used, requests: reserved, remaining: limit - used });
    if (!verdict.admit) break;
    used += cost;
    jobs += 1;
  }
  return jobs;
}
