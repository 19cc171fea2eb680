import type { Ledger, LedgerAccount } from "../ports/ledger.ts";

const DAY_MS = 24 * 3_600_000;

/** Deletes one account's decisions and lifecycle events older than its `retentionDays`. */
export function enforceRetention(
  ledger: Ledger,
  account: LedgerAccount,
  options: { now: Date; retentionDays: number },
): Promise<{ decisions: number; lifecycle: number }> {
  const cutoff = new Date(options.now.getTime() - options.retentionDays * DAY_MS).toISOString();
  return ledger.deleteAccountOlderThan(account, cutoff);
}
