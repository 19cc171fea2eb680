import type { ReportMessageGroup, ReportSummary, ReportTicketFacts } from "../domain/ledger.ts";
import type { LedgerReportQuery } from "../ports/ledger.ts";
import type { SqlValue } from "./ledger-rows.ts";
import { reportBounds } from "./report-bounds.ts";

/** The read half of `D1Like` (declared here, not imported: d1-ledger.ts imports this module). */
interface ReadableDb {
  prepare(query: string): { bind(...values: SqlValue[]): { raw<T>(): Promise<T[]> } };
}

// The tickets a report counts, with the time they were first seen: first decided in the range, or never
// decided and first seen in an event in the range. Each half streams through a by-ticket index in ticket
// order: no sort, and no list of ids bound (D1 caps a statement at 100 bound parameters). The metrics
// module applies the same rule again to the facts. Binds: platform, account, from, to (twice), then
// platform, account.
const REPORT_TICKETS =
  "report_tickets(ticket_id, first_ms, decided) AS MATERIALIZED (" +
  "SELECT ticket_id, MIN(decided_at_ms), 1 FROM decisions WHERE platform = ? AND account = ? GROUP BY ticket_id " +
  "HAVING MIN(decided_at_ms) >= ? AND MIN(decided_at_ms) < ? " +
  "UNION ALL SELECT e.ticket_id, MIN(e.at_ms), 0 FROM lifecycle_events e WHERE e.platform = ? AND e.account = ? " +
  "GROUP BY e.ticket_id HAVING MIN(e.at_ms) >= ? AND MIN(e.at_ms) < ? AND NOT EXISTS (SELECT 1 FROM decisions x " +
  "WHERE x.platform = ? AND x.account = ? AND x.ticket_id = e.ticket_id))";

// When the last decision escalates: the handoff, the first escalation with no answer, ask or act after
// it in (time, event id) order (a follow-up escalated again does not restart the clock).
// Binds: platform, account (x2).
const HANDOFF_OF = (lastOutcome: string, d: string) =>
  `CASE WHEN ${lastOutcome} = 'escalate' THEN (SELECT MIN(x.decided_at_ms) FROM decisions x ` +
  `WHERE x.platform = ? AND x.account = ? AND x.ticket_id = ${d}.ticket_id AND x.outcome = 'escalate' ` +
  "AND NOT EXISTS (SELECT 1 FROM decisions y WHERE y.platform = ? AND y.account = ? " +
  `AND y.ticket_id = ${d}.ticket_id AND y.outcome IN ('answer', 'ask', 'act') ` +
  "AND (y.decided_at_ms, y.event_id) > (x.decided_at_ms, x.event_id))) END";

// Each decided ticket's last non-skip decision in (time, event id) order, as the pure path orders rows
// with equal times: a seek at the end of the ticket in decisions_by_ticket, which holds every column read
// here (a JSON array: a scalar subquery returns one value); then its parts and the handoff.
// Binds: platform, account (x3).
const DECIDED =
  "decided AS MATERIALIZED (SELECT t.ticket_id, t.first_ms, CASE WHEN t.decided = 1 THEN " +
  "(SELECT json_array(x.decided_at_ms, x.outcome, x.public_reply, x.category) FROM decisions x " +
  "WHERE x.platform = ? AND x.account = ? AND x.ticket_id = t.ticket_id AND x.outcome <> 'skip' " +
  "ORDER BY x.decided_at_ms DESC, x.event_id DESC LIMIT 1) END AS last_row FROM report_tickets t), " +
  "facts AS MATERIALIZED (SELECT ticket_id, first_ms, last_row ->> 0 AS last_ms, last_row ->> 1 AS last_outcome, " +
  `last_row ->> 2 AS last_public_reply, last_row ->> 3 AS last_category, ${HANDOFF_OF("last_row ->> 1", "d")} ` +
  "AS handoff_ms FROM decided d)";

// A ticket's events against its decided facts, in one seek of lifecycle_by_ticket per ticket (no join
// index to build, no sort): the first event of each kind after the last decision (the pure module
// compares them with its limits), the first human reply at or after the handoff, and whether the
// customer confirmed after it. As a JSON array: a scalar subquery returns one value.
// Binds: platform, account.
const EVENTS_OF = (d: string) =>
  "(SELECT json_array(" +
  `MIN(e.at_ms) FILTER (WHERE e.kind = 'human_public_reply' AND e.at_ms >= ${d}.handoff_ms), ` +
  `MIN(e.at_ms) FILTER (WHERE e.kind = 'customer_message' AND e.at_ms > ${d}.last_ms), ` +
  `MIN(e.at_ms) FILTER (WHERE e.kind = 'solved' AND e.at_ms > ${d}.last_ms), ` +
  `MIN(e.at_ms) FILTER (WHERE e.kind = 'human_public_reply' AND e.at_ms > ${d}.last_ms), ` +
  `MIN(e.at_ms) FILTER (WHERE e.kind = 'reopened' AND e.at_ms > ${d}.last_ms), ` +
  `MIN(e.at_ms) FILTER (WHERE e.kind = 'new_ticket_same_requester' AND e.at_ms > ${d}.last_ms), ` +
  `COUNT(*) FILTER (WHERE e.kind = 'customer_confirmed' AND e.at_ms > ${d}.last_ms)) ` +
  `FROM lifecycle_events e WHERE e.platform = ? AND e.account = ? AND e.ticket_id = ${d}.ticket_id)`;

// The latest rating and its time: the last rated csat event in (time, event id) order, read backwards
// from the end of the ticket in lifecycle_by_ticket. Binds: platform, account.
const LATEST_RATING_OF = (d: string) =>
  "(SELECT json_array(r.rating, r.at_ms) FROM lifecycle_events r WHERE r.platform = ? AND r.account = ? " +
  `AND r.ticket_id = ${d}.ticket_id AND r.kind = 'csat' AND r.rating IS NOT NULL ` +
  "ORDER BY r.at_ms DESC, r.event_id DESC LIMIT 1)";

// One row per report ticket, its facts in two steps: decisions with the handoff, then events (which
// compare with both). Binds: platform, account (x6).
const TICKET_FACTS_SQL =
  `WITH ${REPORT_TICKETS}, ${DECIDED} ` +
  "SELECT f.ticket_id, f.first_ms, f.last_ms, f.last_outcome, f.last_category, f.last_public_reply, f.handoff_ms, " +
  // A ticket the assistant never wrote on needs no event but its rating.
  `CASE WHEN f.last_ms IS NOT NULL THEN ${EVENTS_OF("f")} END, ${LATEST_RATING_OF("f")} FROM facts f`;

type N = number | null;
/** ticket, first seen, last decision's time, outcome, category and public reply, handoff, events, rating. */
type FactValues = [string, number, N, string | null, string | null, N, N, string | null, string | null];
/** `EVENTS_OF`: reply after handoff, customer message, solved, human reply, reopened, recontact, confirmations. */
type EventValues = [N, N, N, N, N, N, number];
const NO_EVENTS: EventValues = [null, null, null, null, null, null, 0];

// The range's decisions summed per (outcome, category, reasons): a few hundred rows, not one per message.
// decisions_by_outcome (migrations/0003) holds every column read here in group order, so the sum streams
// through the account's index entries with no sort and no table row fetched.
const MESSAGES_SQL =
  "SELECT outcome, category, reasons, COUNT(*), SUM(model_cost_usd), SUM(input_tokens), SUM(output_tokens), " +
  "SUM(cache_read_tokens), SUM(cache_write_tokens) FROM decisions INDEXED BY decisions_by_outcome " +
  "WHERE platform = ? AND account = ? AND decided_at_ms >= ? AND decided_at_ms < ? GROUP BY outcome, category, reasons";
type MessageValues = [string, string | null, string, number, number, number, number, number, number];

const OUTCOMES = new Set(["answer", "ask", "act", "escalate"]);

/**
 * One metrics report reduced in SQL (see `Ledger.reportSummary`): a row of facts per ticket and the
 * range's decisions in groups, in two statements whatever the size. The SQL only finds times and
 * flags; which ticket counts as what is decided by `src/metrics/classify-tickets.ts`.
 */
export async function readReportSummary(db: ReadableDb, query: LedgerReportQuery): Promise<ReportSummary> {
  const { platform, account, range } = reportBounds(query);
  const [facts, groups] = await Promise.all([
    db
      .prepare(TICKET_FACTS_SQL)
      .bind(...range, ...range, ...Array.from({ length: 6 }, () => [platform, account]).flat())
      .raw<FactValues>(),
    db
      .prepare(MESSAGES_SQL)
      .bind(...range)
      .raw<MessageValues>(),
  ]);
  return {
    tickets: facts.map((row) => ticketFactsOf(platform, account, row)),
    messages: groups.map(
      ([outcome, category, reasons, count, cost, input, output, read, write]): ReportMessageGroup => ({
        outcome: outcome as ReportMessageGroup["outcome"],
        category,
        reasons: JSON.parse(reasons) as string[],
        count: Number(count),
        modelCostUsd: Number(cost),
        tokens: { input: Number(input), output: Number(output), cacheRead: Number(read), cacheWrite: Number(write) },
      }),
    ),
  };
}

const ms = (value: N): number | null => (value === null ? null : Number(value));

function ticketFactsOf(platform: ReportTicketFacts["platform"], account: string, row: FactValues): ReportTicketFacts {
  const [ticketId, firstSeenMs, lastMs, lastOutcome, lastCategory, lastPublicReply, handoffMs, eventsJson] = row;
  const ratingJson = row[8];
  const [replyAfterHandoffMs, customerMessageMs, solvedMs, humanReplyMs, reopenedMs, recontactMs, confirmed] =
    eventsJson === null ? NO_EVENTS : (JSON.parse(eventsJson) as EventValues);
  const rating = ratingJson === null ? null : (JSON.parse(ratingJson) as [string, number]);
  const last =
    lastMs !== null && lastOutcome !== null && OUTCOMES.has(lastOutcome)
      ? {
          ms: Number(lastMs),
          outcome: lastOutcome as NonNullable<ReportTicketFacts["last"]>["outcome"],
          publicReply: Number(lastPublicReply) === 1,
          category: lastCategory,
        }
      : null;
  return {
    platform,
    account,
    ticketId: String(ticketId),
    firstSeenMs: Number(firstSeenMs),
    last,
    handoffMs: ms(handoffMs),
    humanReplyAfterHandoffMs: ms(replyAfterHandoffMs),
    after: {
      customerMessageMs: ms(customerMessageMs),
      solvedMs: ms(solvedMs),
      humanReplyMs: ms(humanReplyMs),
      reopenedMs: ms(reopenedMs),
      recontactMs: ms(recontactMs),
      confirmed: Number(confirmed) > 0,
    },
    latestRating:
      rating !== null && (rating[0] === "good" || rating[0] === "bad")
        ? { rating: rating[0], ms: Number(rating[1]) }
        : null,
  };
}
