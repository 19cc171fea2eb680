import type { Ledger } from "../ports/ledger.ts";
import type { D1Like } from "./d1-ledger-types.ts";
import { LedgerInputError } from "./ledger-input-error.ts";
import { ledgerTime } from "./ledger-time.ts";

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

// Sources are stored per decision as a JSON array of {id, ageDays}; json_each opens it in SQL, so the
// grouping happens in the database whatever the range's size, with no id list bound. In an aggregate
// query SQLite takes a bare column from the row that gave MAX(), so age_days is the age at the latest
// citation. Binds: platform, account, from, to, limit.
const CITED =
  "SELECT s.value ->> 'id' AS id, COUNT(*) AS citations, MAX(d.decided_at_ms) AS last_ms, " +
  "s.value ->> 'ageDays' AS age_days FROM decisions d, json_each(d.sources) s " +
  "WHERE d.platform = ? AND d.account = ? AND d.decided_at_ms >= ? AND d.decided_at_ms < ? " +
  "AND d.outcome = 'answer' AND s.value ->> 'id' IS NOT NULL GROUP BY id ORDER BY citations DESC, id LIMIT ?";

const STALE = "EXISTS (SELECT 1 FROM json_each(d.reasons) r WHERE r.value = 'stale_knowledge')";
const IN_RANGE = "d.platform = ? AND d.account = ? AND d.decided_at_ms >= ? AND d.decided_at_ms < ?";

// A decision without recorded sources still counts once, under a null id. Binds: platform, account, from, to, limit.
const STALE_BY_SOURCE =
  "SELECT s.value ->> 'id' AS id, COUNT(DISTINCT d.event_id) AS decisions, MAX(s.value ->> 'ageDays') AS max_age " +
  `FROM decisions d LEFT JOIN json_each(d.sources) s ON true WHERE ${IN_RANGE} AND ${STALE} ` +
  "GROUP BY id ORDER BY decisions DESC, id LIMIT ?";

const STALE_COUNT = `SELECT COUNT(*) AS decisions FROM decisions d WHERE ${IN_RANGE} AND ${STALE}`;

const ageOf = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** `Ledger.knowledgeSources` over D1: three grouped reads. */
export function d1KnowledgeSources(db: D1Like): Pick<Ledger, "knowledgeSources"> {
  return {
    async knowledgeSources(query) {
      if (query.account.trim() === "") {
        throw new LedgerInputError("account: empty; send the Zendesk subdomain or the Intercom workspace id");
      }
      const from = ledgerTime("from", query.from);
      const to = ledgerTime("to", query.to);
      const limit = query.limit ?? DEFAULT_LIMIT;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        throw new LedgerInputError(`limit: ${limit} is out of range; send a whole number from 1 to ${MAX_LIMIT}`);
      }
      const range = [query.platform, query.account, from, to] as const;
      const [cited, bySource, count] = await Promise.all([
        db
          .prepare(CITED)
          .bind(...range, limit)
          .all<{ id: string; citations: number; last_ms: number; age_days: unknown }>(),
        db
          .prepare(STALE_BY_SOURCE)
          .bind(...range, limit)
          .all<{ id: string | null; decisions: number; max_age: unknown }>(),
        db
          .prepare(STALE_COUNT)
          .bind(...range)
          .all<{ decisions: number }>(),
      ]);
      return {
        cited: cited.results.map((r) => ({
          id: String(r.id),
          citations: Number(r.citations),
          lastCitedAt: new Date(Number(r.last_ms)).toISOString(),
          ageDays: ageOf(r.age_days),
        })),
        staleBlocked: {
          decisions: Number(count.results[0]?.decisions ?? 0),
          bySource: bySource.results.map((r) => ({
            id: r.id === null ? null : String(r.id),
            decisions: Number(r.decisions),
            maxAgeDays: ageOf(r.max_age),
          })),
        },
      };
    },
  };
}
