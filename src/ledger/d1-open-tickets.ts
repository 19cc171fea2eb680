import type { OpenTicket, OpenTicketsLedger } from "../ports/open-tickets-ledger.ts";
import type { D1Like } from "./d1-ledger-types.ts";
import { LedgerInputError } from "./ledger-input-error.ts";
import { ledgerTime } from "./ledger-time.ts";

/**
 * Per ticket decided in the range (decisions_by_account_time), then for each the lifecycle events that
 * close it (lifecycle_by_ticket) and its latest category (decisions_by_ticket): index seeks, bounded
 * by the range and the limit.
 */
const OPEN_TICKETS_SQL =
  "WITH t AS (SELECT ticket_id, MIN(CASE WHEN outcome <> 'skip' THEN decided_at_ms END) AS first_ms, " +
  "MAX(decided_at_ms) AS last_ms, MAX(CASE WHEN outcome = 'escalate' THEN decided_at_ms END) AS escalated_ms " +
  "FROM decisions WHERE platform = ?1 AND account = ?2 AND decided_at_ms >= ?3 AND decided_at_ms < ?4 " +
  "GROUP BY ticket_id) " +
  "SELECT t.ticket_id, t.first_ms, t.last_ms, t.escalated_ms, " +
  "(SELECT d.category FROM decisions d WHERE d.platform = ?1 AND d.account = ?2 AND d.ticket_id = t.ticket_id " +
  "AND d.outcome <> 'skip' ORDER BY d.decided_at_ms DESC LIMIT 1) AS category FROM t " +
  "WHERE t.first_ms IS NOT NULL AND NOT EXISTS (SELECT 1 FROM lifecycle_events l WHERE l.platform = ?1 " +
  "AND l.account = ?2 AND l.ticket_id = t.ticket_id AND l.kind IN ('solved', 'human_public_reply') " +
  "AND l.at_ms > t.last_ms) ORDER BY t.last_ms DESC, t.ticket_id LIMIT ?5";

interface Row {
  ticket_id: string;
  first_ms: number;
  last_ms: number;
  escalated_ms: number | null;
  category: string | null;
}

const iso = (ms: number) => new Date(Number(ms)).toISOString();

export function d1OpenTickets(db: D1Like): OpenTicketsLedger {
  return {
    async openTickets(query) {
      const from = ledgerTime("from", query.from);
      const to = ledgerTime("to", query.to);
      if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 1000) {
        throw new LedgerInputError(`limit: ${query.limit} is out of range; send an integer from 1 to 1000`);
      }
      const { results } = await db
        .prepare(OPEN_TICKETS_SQL)
        .bind(query.platform, query.account, from, to, query.limit)
        .all<Row>();
      return results.map(
        (r): OpenTicket => ({
          ticketId: String(r.ticket_id),
          firstDecidedAt: iso(r.first_ms),
          lastDecidedAt: iso(r.last_ms),
          lastEscalatedAt: r.escalated_ms === null ? null : iso(r.escalated_ms),
          category: r.category === null ? null : String(r.category),
        }),
      );
    },
  };
}
