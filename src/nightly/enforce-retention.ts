import type { Ledger, LedgerAccount, RetentionDeleted } from "../ports/ledger.ts";

const DAY_MS = 24 * 3_600_000;

/**
 * Deletes one account's decisions and lifecycle events older than its `retentionDays`, with the ratings
 * and verdicts of those decisions and the settings changes of that age.
 */
export function enforceRetention(
  ledger: Ledger,
  account: LedgerAccount,
  options: { now: Date; retentionDays: number },
): Promise<RetentionDeleted> {
  const cutoff = new Date(options.now.getTime() - options.retentionDays * DAY_MS).toISOString();
  return ledger.deleteAccountOlderThan(account, cutoff);
}
