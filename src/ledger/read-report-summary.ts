import type { ReportMessageGroup, ReportSummary, ReportTicketFacts } from "../domain/ledger.ts";
import type { LedgerReportQuery } from "../ports/ledger.ts";
import { LedgerInputError } from "./ledger-input-error.ts";
import type { SqlValue } from "./ledger-rows.ts";
import { ledgerTime } from "./ledger-time.ts";

/** The read half of `D1Like` (declared here, not imported: d1-ledger.ts imports this module). */
interface ReadableDb {
  prepare(query: string): { bind(...values: SqlValue[]): { raw<T>(): Promise<T[]> } };
}

// The tickets a report may count: first decided in the range, or first seen in an event in the range
// (a superset: the metrics keep the tickets whose first decision, or first event when they have none, is
// in the range). Each half streams through a by-ticket index in ticket order, with no sort and no list of
// ids bound (D1 caps a statement at 100 bound parameters). Binds: platform, account, from, to (twice).
const REPORT_TICKETS =
  "report_tickets(ticket_id) AS (" +
  "SELECT ticket_id FROM decisions WHERE platform = ? AND account = ? GROUP BY ticket_id " +
  "HAVING MIN(decided_at_ms) >= ? AND MIN(decided_at_ms) < ? " +
  "UNION SELECT ticket_id FROM lifecycle_events WHERE platform = ? AND account = ? GROUP BY ticket_id " +
  "HAVING MIN(at_ms) >= ? AND MIN(at_ms) < ?)";

// Each ticket's decisions, aggregated as the by-ticket index streams them (no window, no sort): the first
// time, the last non-skip time and the last answer/ask/act time ("other"). Rows with equal times order by
// event id, as in the pure path, so the row that is last and the end of the last "other" are then found
// by seeks in decisions_by_ticket, which holds every column read here. Binds: platform, account (x4).
const DECIDED =
  "decided_base AS (SELECT ticket_id, MIN(decided_at_ms) AS first_ms, " +
  "MAX(decided_at_ms) FILTER (WHERE outcome <> 'skip') AS last_ms, " +
  "MAX(decided_at_ms) FILTER (WHERE outcome = 'escalate') AS escalate_ms, " +
  "MAX(decided_at_ms) FILTER (WHERE outcome IN ('answer', 'ask', 'act')) AS other_ms " +
  "FROM decisions WHERE platform = ? AND account = ? AND ticket_id IN (SELECT ticket_id FROM report_tickets) " +
  "GROUP BY ticket_id), " +
  "decided_last AS MATERIALIZED (SELECT b.*, (SELECT json_array(x.outcome, x.public_reply, x.category) FROM decisions x " +
  "WHERE x.platform = ? AND x.account = ? AND x.ticket_id = b.ticket_id AND x.decided_at_ms = b.last_ms " +
  "AND x.outcome <> 'skip' ORDER BY x.event_id DESC LIMIT 1) AS last_row, " +
  // The last "other" decision's id, only where an escalation may be last (the run start needs it).
  "CASE WHEN b.escalate_ms = b.last_ms AND b.other_ms IS NOT NULL THEN (SELECT MAX(x.event_id) FROM decisions x " +
  "WHERE x.platform = ? AND x.account = ? AND x.ticket_id = b.ticket_id AND x.decided_at_ms = b.other_ms " +
  "AND x.outcome IN ('answer', 'ask', 'act')) END AS other_id FROM decided_base b), " +
  "decided AS MATERIALIZED (SELECT l.ticket_id, l.first_ms, l.last_ms, l.last_row ->> 0 AS last_outcome, " +
  "l.last_row ->> 1 AS last_public_reply, l.last_row ->> 2 AS last_category, " +
  // The handoff: the first escalation after the last answer/ask/act, in (time, event id) order.
  "CASE WHEN l.last_row ->> 0 = 'escalate' THEN (SELECT MIN(x.decided_at_ms) FROM decisions x " +
  "WHERE x.platform = ? AND x.account = ? AND x.ticket_id = l.ticket_id AND x.outcome = 'escalate' " +
  "AND (l.other_id IS NULL OR (x.decided_at_ms, x.event_id) > (l.other_ms, l.other_id))) END AS handoff_ms " +
  "FROM decided_last l)";

// A ticket's events against its decided facts, in one seek of lifecycle_by_ticket per ticket (no join
// index to build, no sort): when its first event happened, the first event of each kind after the last
// decision (the pure module compares them with its limits), the first human reply at or after the
// handoff, and whether the customer confirmed after it. As a JSON array: SQLite's scalar subqueries
// return one value. Binds: platform, account.
const EVENTS_OF = (d: string) =>
  "(SELECT json_array(MIN(e.at_ms), " +
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

// One row per report ticket: the decided ones with their facts, then those without a decision.
// Binds: platform, account (x4).
const TICKET_FACTS_SQL =
  `WITH ${REPORT_TICKETS}, ${DECIDED} ` +
  "SELECT d.ticket_id, d.first_ms, d.last_ms, d.last_outcome, d.last_category, d.last_public_reply, d.handoff_ms, " +
  `${EVENTS_OF("d")}, ${LATEST_RATING_OF("d")} FROM decided d UNION ALL ` +
  "SELECT t.ticket_id, NULL, NULL, NULL, NULL, NULL, NULL, " +
  `${EVENTS_OF("t")}, ${LATEST_RATING_OF("t")} FROM (SELECT ticket_id, NULL AS handoff_ms, NULL AS last_ms ` +
  "FROM report_tickets WHERE ticket_id NOT IN (SELECT ticket_id FROM decided)) t";

type N = number | null;
/** ticket, first decision, last decision's time, outcome, category and public reply, handoff, events, rating. */
type FactValues = [string, N, N, string | null, string | null, N, N, string, string | null];
/** `EVENTS_OF`: first event, reply after handoff, customer message, solved, human reply, reopened, recontact, confirmations. */
type EventValues = [N, N, N, N, N, N, N, number];

// The range's decisions summed per (outcome, category, reasons): a few hundred rows, not one per message.
// Read from decisions_by_ticket, which holds every column summed here: scanning the account's entries of
// that index costs less than fetching each table row the by-time index points to.
const MESSAGES_SQL =
  "SELECT outcome, category, reasons, COUNT(*), SUM(model_cost_usd), SUM(input_tokens), SUM(output_tokens), " +
  "SUM(cache_read_tokens), SUM(cache_write_tokens) FROM decisions INDEXED BY decisions_by_ticket " +
  "WHERE platform = ? AND account = ? AND decided_at_ms >= ? AND decided_at_ms < ? GROUP BY outcome, category, reasons";
type MessageValues = [string, string | null, string, number, number, number, number, number, number];

const OUTCOMES = new Set(["answer", "ask", "act", "escalate"]);

/**
 * One metrics report reduced in SQL (see `Ledger.reportSummary`): a row of facts per ticket and the
 * range's decisions in groups, in two statements whatever the size. The SQL only finds times and
 * flags; which ticket counts as what is decided by `src/metrics/classify-tickets.ts`.
 */
export async function readReportSummary(db: ReadableDb, query: LedgerReportQuery): Promise<ReportSummary> {
  if (query.account.trim() === "") {
    throw new LedgerInputError("account: empty; send the Zendesk subdomain or the Intercom workspace id");
  }
  const from = ledgerTime("from", query.from);
  const to = ledgerTime("to", query.to);
  if (from > to) throw new LedgerInputError(`from: ${query.from} is after to (${query.to}); swap them`);
  const { platform, account } = query;
  const range: SqlValue[] = [platform, account, from, to];
  const [facts, groups] = await Promise.all([
    db
      .prepare(TICKET_FACTS_SQL)
      .bind(...range, ...range, ...Array.from({ length: 8 }, () => [platform, account]).flat())
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
  const [ticketId, firstDecisionMs, lastMs, lastOutcome, lastCategory, lastPublicReply, handoffMs, eventsJson] = row;
  const ratingJson = row[8];
  const [
    firstEventMs,
    replyAfterHandoffMs,
    customerMessageMs,
    solvedMs,
    humanReplyMs,
    reopenedMs,
    recontactMs,
    confirmed,
  ] = JSON.parse(eventsJson) as EventValues;
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
    firstSeenMs: Number(firstDecisionMs ?? firstEventMs),
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
