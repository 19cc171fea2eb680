import { decisionRows } from "./admin-api.ts";

export interface LedgerExpectation {
  platform: "zendesk" | "intercom";
  account: string;
  /** The tickets (or conversations) whose customer message was handled: one decision row each. */
  ticketIds: string[];
}

/**
 * After Parts 1-3: the outcome ledger of the first worker holds exactly one decision row per handled
 * customer message, read back through `GET /admin/decisions`. Prints one line per account and
 * returns the number of accounts that do not match.
 */
export async function ledgerCheck(base: string, since: number, expected: LedgerExpectation[]): Promise<number> {
  const days = { from: new Date(since).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) };
  let problems = 0;
  console.log("\nOutcome ledger after Parts 1-3 (GET /admin/decisions, local D1):");
  for (const { platform, account, ticketIds } of expected) {
    const rows = await decisionRows(base, platform, account, days);
    const perTicket = new Map<string, number>();
    for (const row of rows) perTicket.set(row.ticketId, (perTicket.get(row.ticketId) ?? 0) + 1);
    const missing = ticketIds.filter((id) => !perTicket.has(id));
    const twice = [...perTicket].filter(([, n]) => n > 1).map(([id]) => id);
    const extra = [...perTicket.keys()].filter((id) => !ticketIds.includes(id));
    const ok = rows.length === ticketIds.length && !missing.length && !twice.length && !extra.length;
    if (!ok) problems += 1;
    const modes = [...new Set(rows.map((r) => r.mode))].join(", ");
    console.log(
      `  ${platform}/${account}: ${rows.length} decision rows for ${ticketIds.length} handled customer messages ` +
        `(mode ${modes || "—"})${ok ? " — one each, ok" : ""}` +
        (missing.length ? `; missing: ${missing.join(", ")}` : "") +
        (twice.length ? `; more than one: ${twice.join(", ")}` : "") +
        (extra.length ? `; unexpected: ${extra.join(", ")}` : ""),
    );
  }
  return problems;
}
