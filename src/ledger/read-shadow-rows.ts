import type { LifecycleKind } from "../domain/ledger.ts";
import type { ShadowDecision, ShadowEvent, ShadowRows } from "../domain/shadow-scoring.ts";
import type { LedgerReportQuery } from "../ports/ledger.ts";
import type { SqlValue } from "./ledger-rows.ts";
import { reportBounds } from "./report-bounds.ts";

interface ReadableDb {
  prepare(query: string): { bind(...values: SqlValue[]): { all<T>(): Promise<{ results: T[] }> } };
}

/** Tickets with a shadow or draft decision (not a skip) in the range, chosen by subquery (D1 caps bound values). */
const SCORED_TICKETS =
  "SELECT ticket_id FROM decisions WHERE platform = ? AND account = ? AND decided_at_ms >= ? AND decided_at_ms < ? " +
  "AND mode IN ('shadow', 'draft') AND outcome != 'skip'";

/** From the range's start on: an action before it cannot answer a decision in it. */
const DECISIONS_SQL =
  "SELECT ticket_id, event_id, decided_at, mode, outcome, category, proposed_reply, proposed_group FROM decisions " +
  "WHERE platform = ? AND account = ? AND decided_at_ms >= ? AND outcome != 'skip' " +
  `AND ticket_id IN (${SCORED_TICKETS})`;

const EVENT_KINDS: readonly LifecycleKind[] = ["human_public_reply", "group_changed", "solved", "tags_changed"];
const EVENTS_SQL =
  "SELECT ticket_id, event_id, kind, at, detail, reply_text FROM lifecycle_events " +
  `WHERE platform = ? AND account = ? AND at_ms >= ? AND kind IN (${EVENT_KINDS.map((k) => `'${k}'`).join(", ")}) ` +
  `AND ticket_id IN (${SCORED_TICKETS})`;

/** Verdicts on the range's scored decisions; failed calls (agrees NULL) say nothing about agreement. */
const JUDGEMENTS_SQL =
  "SELECT decision_event_id, reply_event_id, agrees FROM agreement_judgements WHERE platform = ? AND account = ? " +
  "AND decided_at_ms >= ? AND decided_at_ms < ? AND agrees IS NOT NULL";

interface DecisionRow {
  ticket_id: string;
  event_id: string;
  decided_at: string;
  mode: string;
  outcome: string;
  category: string | null;
  proposed_reply: string | null;
  proposed_group: string | null;
}

interface EventRow {
  ticket_id: string;
  event_id: string;
  kind: string;
  at: string;
  detail: string | null;
  reply_text: string | null;
}

/** The rows shadow scoring reads for one account's range (see `ShadowRows`), in two statements. */
export async function readShadowRows(db: ReadableDb, query: LedgerReportQuery): Promise<ShadowRows> {
  const { platform, account, range } = reportBounds(query);
  const from = range[2] as number;
  const [decisions, events, judgements] = await Promise.all([
    db
      .prepare(DECISIONS_SQL)
      .bind(platform, account, from, ...range)
      .all<DecisionRow>(),
    db
      .prepare(EVENTS_SQL)
      .bind(platform, account, from, ...range)
      .all<EventRow>(),
    db
      .prepare(JUDGEMENTS_SQL)
      .bind(...range)
      .all<{ decision_event_id: string; reply_event_id: string; agrees: number }>(),
  ]);
  return {
    decisions: decisions.results.map(
      (r): ShadowDecision => ({
        ticketId: String(r.ticket_id),
        eventId: String(r.event_id),
        decidedAt: String(r.decided_at),
        mode: r.mode as ShadowDecision["mode"],
        outcome: r.outcome as ShadowDecision["outcome"],
        category: r.category === null ? null : String(r.category),
        ...(r.proposed_reply === null ? {} : { proposedReply: String(r.proposed_reply) }),
        ...(r.proposed_group === null ? {} : { proposedGroup: String(r.proposed_group) }),
      }),
    ),
    events: events.results.map(
      (r): ShadowEvent => ({
        ticketId: String(r.ticket_id),
        eventId: String(r.event_id),
        kind: r.kind as ShadowEvent["kind"],
        at: String(r.at),
        detail: r.detail === null ? null : String(r.detail),
        ...(r.reply_text === null ? {} : { replyText: String(r.reply_text) }),
      }),
    ),
    judgements: judgements.results.map((r) => ({
      decisionEventId: String(r.decision_event_id),
      replyEventId: String(r.reply_event_id),
      agrees: Number(r.agrees) === 1,
    })),
  };
}
