/** Where one window of an account's helpdesk API budget stands, for logs and the delay decision. */
export interface BudgetUsage {
  /** `{platform}:{account}` of the helpdesk client, e.g. `zendesk:acme`. */
  account: string;
  /** Deskmate's requests in this window, open reservations included (before this job's). */
  used: number;
  /** Deskmate's share of the account's limit per window. */
  budget: number;
  /** The account's limit per window: learned from the helpdesk's headers, or the conservative default. */
  limit: number;
  /** The account's remaining requests as the helpdesk last said (everyone's use), when still current. */
  remaining: number | null;
  windowSeconds: number;
}

export type BudgetReservation =
  | {
      admitted: true;
      /** Give back what the job reserved (its real requests stay counted) once it ends, admitted or failed. */
      release(): Promise<void>;
    }
  | {
      admitted: false;
      /** `share_used`: Deskmate's own share is spent; `account_low`: the account as a whole is running out. */
      reason: "share_used" | "account_low";
      /** When to try again: the end of the window that refused. */
      delaySeconds: number;
      usage: BudgetUsage;
    };

/**
 * The per-account helpdesk request governor as the queue consumer sees it: a job reserves the requests
 * it will make before its first one, so a job is never stopped half-way through its writes.
 */
export interface RequestBudget {
  reserve(requests: number, share: number): Promise<BudgetReservation>;
}
