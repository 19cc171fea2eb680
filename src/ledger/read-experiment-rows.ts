import type { ExperimentDecision, ExperimentEvent, ExperimentRows } from "../domain/experiment-rows.ts";
import type { Ledger, LedgerReportQuery } from "../ports/ledger.ts";
import type { D1Like } from "./d1-ledger-types.ts";
import { reportBounds } from "./report-bounds.ts";

// Chosen by a subquery, never a bound list of ids (D1 caps a statement at 100 bound parameters).
const TICKETS_WITH_ARMS =
  "SELECT ticket_id FROM decisions WHERE platform = ? AND account = ? AND decided_at_ms >= ? AND decided_at_ms < ? " +
  "AND arm IS NOT NULL";

const DECISIONS_SQL =
  "SELECT ticket_id, event_id, decided_at, arm, public_reply, fingerprint, variant FROM decisions " +
  `WHERE platform = ? AND account = ? AND ticket_id IN (${TICKETS_WITH_ARMS})`;

const EVENTS_SQL =
  "SELECT ticket_id, event_id, kind, at, rating FROM lifecycle_events " +
  `WHERE platform = ? AND account = ? AND ticket_id IN (${TICKETS_WITH_ARMS})`;

type DecisionValues = [string, string, string, string | null, number, string, string | null];
type EventValues = [string, string, string, string, string | null];

/** `Ledger.experimentRows` on D1: two statements whatever the range's size, over the by-ticket indexes. */
export function d1ExperimentRows(db: D1Like): Pick<Ledger, "experimentRows"> {
  return {
    async experimentRows(query: LedgerReportQuery): Promise<ExperimentRows> {
      const { platform, account, range } = reportBounds(query);
      const [decisions, events] = await Promise.all([
        db
          .prepare(DECISIONS_SQL)
          .bind(platform, account, ...range)
          .raw<DecisionValues>(),
        db
          .prepare(EVENTS_SQL)
          .bind(platform, account, ...range)
          .raw<EventValues>(),
      ]);
      return {
        decisions: decisions.map(
          ([ticketId, eventId, decidedAt, arm, publicReply, fingerprint, variant]): ExperimentDecision => ({
            ticketId: String(ticketId),
            eventId: String(eventId),
            decidedAt,
            arm,
            publicReply: Number(publicReply) === 1,
            fingerprint,
            ...(variant === "canary" || variant === "current" ? { variant } : {}),
          }),
        ),
        events: events.map(
          ([ticketId, eventId, kind, at, rating]): ExperimentEvent => ({
            ticketId: String(ticketId),
            eventId: String(eventId),
            kind: kind as ExperimentEvent["kind"],
            at,
            rating: rating as ExperimentEvent["rating"],
          }),
        ),
      };
    },
  };
}
