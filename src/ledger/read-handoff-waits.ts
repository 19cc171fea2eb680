import type { HandoffWaitRow, Ledger } from "../ports/ledger.ts";
import type { D1Like } from "./d1-ledger-types.ts";
import { LedgerInputError } from "./ledger-input-error.ts";
import { ledgerTime } from "./ledger-time.ts";

const MAX_LIMIT = 5000;

// The escalations come from the partial index decisions_escalations_by_time (0012); each first reply
// is one seek in lifecycle_by_ticket. Binds: platform, account, from, to, limit.
const WAITS =
  "SELECT d.escalation_group AS group_id, d.decided_at_ms AS handed_off_ms, " +
  "(SELECT MIN(l.at_ms) FROM lifecycle_events l WHERE l.platform = d.platform AND l.account = d.account " +
  "AND l.ticket_id = d.ticket_id AND l.at_ms >= d.decided_at_ms AND l.kind = 'human_public_reply') AS replied_ms " +
  "FROM decisions d WHERE d.platform = ? AND d.account = ? AND d.outcome = 'escalate' " +
  "AND d.decided_at_ms >= ? AND d.decided_at_ms < ? AND d.mode IN ('draft', 'autosend') " +
  "ORDER BY d.decided_at_ms DESC LIMIT ?";

/** `Ledger.handoffWaits` over D1: one bounded read. */
export function d1HandoffWaits(db: D1Like): Pick<Ledger, "handoffWaits"> {
  return {
    async handoffWaits(query) {
      if (query.account.trim() === "") {
        throw new LedgerInputError("account: empty; send the Zendesk subdomain or the Intercom workspace id");
      }
      if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_LIMIT) {
        throw new LedgerInputError(`limit: ${query.limit} is out of range; send a whole number from 1 to ${MAX_LIMIT}`);
      }
      const from = ledgerTime("from", query.from);
      const to = ledgerTime("to", query.to);
      const { results } = await db
        .prepare(WAITS)
        .bind(query.platform, query.account, from, to, query.limit)
        .all<{ group_id: string | null; handed_off_ms: number; replied_ms: number | null }>();
      return results.map(
        (r): HandoffWaitRow => ({
          groupId: r.group_id === null ? null : String(r.group_id),
          handedOffAt: new Date(Number(r.handed_off_ms)).toISOString(),
          firstReplyAt: r.replied_ms === null ? null : new Date(Number(r.replied_ms)).toISOString(),
        }),
      );
    },
  };
}
