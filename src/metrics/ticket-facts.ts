// The definitions read only the report's fields, so a report can read narrower rows than whole records.
import type {
  ReportDecision as DecisionRecord,
  ReportEvent as LifecycleEvent,
  ReportTicketFacts,
} from "../domain/ledger.ts";

interface Timed<T> {
  item: T;
  ms: number;
}

interface TicketRows {
  decisions: Timed<DecisionRecord>[];
  events: Timed<LifecycleEvent>[];
}

function timeOf(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`${what}: not an ISO-8601 time: "${iso}"`);
  return ms;
}

/**
 * Time, then event id: rows with the same time order the same way whatever order they came in, and
 * the same way the ledger's SQL orders them (`ORDER BY ms, event_id`; ids are ASCII).
 */
function byTimeThenId(a: Timed<{ eventId: string }>, b: Timed<{ eventId: string }>): number {
  if (a.ms !== b.ms) return a.ms - b.ms;
  if (a.item.eventId === b.item.eventId) return 0;
  return a.item.eventId < b.item.eventId ? -1 : 1;
}

/** Groups decisions and events by ticket and reduces each ticket to its facts. Pure. */
export function ticketFacts(
  decisions: readonly DecisionRecord[],
  events: readonly LifecycleEvent[],
): ReportTicketFacts[] {
  // Nested maps keyed by the ids themselves: no joined key string to build and hash for every row.
  const byTicket = new Map<string, Map<string, Map<string, TicketRows>>>();
  const slot = (r: { platform: string; account: string; ticketId: string }): TicketRows => {
    let accounts = byTicket.get(r.platform);
    if (!accounts) {
      accounts = new Map();
      byTicket.set(r.platform, accounts);
    }
    let tickets = accounts.get(r.account);
    if (!tickets) {
      tickets = new Map();
      accounts.set(r.account, tickets);
    }
    let rows = tickets.get(r.ticketId);
    if (!rows) {
      rows = { decisions: [], events: [] };
      tickets.set(r.ticketId, rows);
    }
    return rows;
  };
  for (const d of decisions) slot(d).decisions.push({ item: d, ms: timeOf(d.decidedAt, `decision ${d.eventId}`) });
  for (const e of events) slot(e).events.push({ item: e, ms: timeOf(e.at, `event ${e.eventId}`) });

  const result: ReportTicketFacts[] = [];
  for (const accounts of byTicket.values()) {
    for (const tickets of accounts.values()) {
      for (const entry of tickets.values()) {
        entry.decisions.sort(byTimeThenId);
        entry.events.sort(byTimeThenId);
        result.push(factsOf(entry.decisions, entry.events));
      }
    }
  }
  return result;
}

// Loops, one pass over each list: this runs over every row of a report.
function factsOf(decisions: Timed<DecisionRecord>[], events: Timed<LifecycleEvent>[]): ReportTicketFacts {
  const first = decisions[0] ?? events[0];
  if (!first) throw new RangeError("ticketFacts: a ticket needs a decision or an event");

  // The last non-skip decision, and where the trailing run of escalations began (a follow-up
  // escalated again while waiting for a person does not restart the handoff clock).
  let last: Timed<DecisionRecord> | undefined;
  let runStartMs = 0;
  for (const d of decisions) {
    if (d.item.outcome === "skip") continue;
    if (d.item.outcome === "escalate" && last?.item.outcome !== "escalate") runStartMs = d.ms;
    last = d;
  }
  const lastOutcome = last?.item.outcome;
  const handoffMs = lastOutcome === "escalate" ? runStartMs : null;
  const facts: ReportTicketFacts = {
    platform: first.item.platform,
    account: first.item.account,
    ticketId: first.item.ticketId,
    firstSeenMs: first.ms,
    last:
      last && lastOutcome !== undefined && lastOutcome !== "skip"
        ? { ms: last.ms, outcome: lastOutcome, publicReply: last.item.publicReply, category: last.item.category }
        : null,
    handoffMs,
    humanReplyAfterHandoffMs: null,
    after: {
      customerMessageMs: null,
      solvedMs: null,
      humanReplyMs: null,
      reopenedMs: null,
      recontactMs: null,
      confirmed: false,
    },
    latestRating: null,
  };
  const lastMs = facts.last?.ms ?? null;
  const after = facts.after;
  for (const { item, ms } of events) {
    const kind = item.kind;
    if (kind === "csat" && item.rating !== null) facts.latestRating = { rating: item.rating, ms };
    if (kind === "human_public_reply" && handoffMs !== null && ms >= handoffMs) facts.humanReplyAfterHandoffMs ??= ms;
    if (lastMs === null || ms <= lastMs) continue;
    if (kind === "customer_message") after.customerMessageMs ??= ms;
    else if (kind === "solved") after.solvedMs ??= ms;
    else if (kind === "human_public_reply") after.humanReplyMs ??= ms;
    else if (kind === "reopened") after.reopenedMs ??= ms;
    else if (kind === "new_ticket_same_requester") after.recontactMs ??= ms;
    else if (kind === "customer_confirmed") after.confirmed = true;
  }
  return facts;
}
