import { KNOWLEDGE_GAP_REASONS } from "../domain/ledger.ts";
import type { KnowledgeGapExample, Ledger } from "../ports/ledger.ts";
import type { D1Like } from "./d1-ledger-types.ts";
import { LedgerInputError } from "./ledger-input-error.ts";
import { ledgerTime } from "./ledger-time.ts";

const DEFAULT_PER_CATEGORY = 3;
const MAX_PER_CATEGORY = 10;

// One read: the range's gap decisions through the (platform, account, time) index, numbered per
// category newest first by a window function, so only `perCategory` rows per category leave the
// database. The reasons are one JSON parameter (the same list the metrics count).
// Binds: platform, account, from, to, gap reasons (JSON), perCategory.
const EXAMPLES =
  "SELECT category, ticket_id, event_id, decided_at, message_excerpt FROM (" +
  "SELECT d.category, d.ticket_id, d.event_id, d.decided_at, d.decided_at_ms, d.message_excerpt, " +
  "ROW_NUMBER() OVER (PARTITION BY d.category ORDER BY d.decided_at_ms DESC, d.event_id DESC) AS n " +
  "FROM decisions d WHERE d.platform = ? AND d.account = ? AND d.decided_at_ms >= ? AND d.decided_at_ms < ? " +
  "AND d.outcome != 'skip' AND d.message_excerpt IS NOT NULL AND d.message_excerpt != '' " +
  "AND EXISTS (SELECT 1 FROM json_each(d.reasons) r WHERE r.value IN (SELECT value FROM json_each(?)))" +
  ") WHERE n <= ? ORDER BY category IS NULL, category, decided_at_ms DESC, event_id DESC";

/** `Ledger.knowledgeGapExamples` over D1. */
export function d1KnowledgeGapExamples(db: D1Like): Pick<Ledger, "knowledgeGapExamples"> {
  return {
    async knowledgeGapExamples(query) {
      if (query.account.trim() === "") {
        throw new LedgerInputError("account: empty; send the Zendesk subdomain or the Intercom workspace id");
      }
      const from = ledgerTime("from", query.from);
      const to = ledgerTime("to", query.to);
      const perCategory = query.perCategory ?? DEFAULT_PER_CATEGORY;
      if (!Number.isInteger(perCategory) || perCategory < 1 || perCategory > MAX_PER_CATEGORY) {
        throw new LedgerInputError(
          `perCategory: ${perCategory} is out of range; send a whole number from 1 to ${MAX_PER_CATEGORY}`,
        );
      }
      const { results } = await db
        .prepare(EXAMPLES)
        .bind(query.platform, query.account, from, to, JSON.stringify(KNOWLEDGE_GAP_REASONS), perCategory)
        .all<{
          category: string | null;
          ticket_id: string;
          event_id: string;
          decided_at: string;
          message_excerpt: string;
        }>();
      return results.map(
        (r): KnowledgeGapExample => ({
          category: r.category === null ? null : String(r.category),
          ticketId: String(r.ticket_id),
          eventId: String(r.event_id),
          decidedAt: String(r.decided_at),
          excerpt: String(r.message_excerpt),
        }),
      );
    },
  };
}
