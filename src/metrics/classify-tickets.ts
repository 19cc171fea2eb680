// The definitions read only the report's fields, so a report can read narrower rows than whole records.
import type { ReportDecision as DecisionRecord, ReportEvent as LifecycleEvent } from "../domain/ledger.ts";

/** The knobs of the definitions (README, "How Deskmate counts"). */
export interface ResolutionOptions {
  /** When the report is computed; nothing after it is known yet. */
  now: Date;
  /** The customer must stay silent this long after the assistant's last reply (default 72). */
  resolutionWaitHours?: number;
  /** A reopen or a new ticket from the same requester within this many days undoes a resolution (default 7). */
  stayedResolvedDays?: number;
}

export const DEFAULT_RESOLUTION_WAIT_HOURS = 72;
export const DEFAULT_STAYED_RESOLVED_DAYS = 7;

/**
 * One ticket's standing. `status` is a partition of every ticket: `ai_resolved`, `escalated`,
 * `unresolved` and `waiting` are the tickets the assistant handled; `human_only` ones it never
 * handled (no decision, or only skips: it wrote nothing).
 */
export type TicketStatus = "ai_resolved" | "escalated" | "unresolved" | "waiting" | "human_only";

export interface TicketClassification {
  platform: DecisionRecord["platform"];
  account: string;
  ticketId: string;
  /** ISO-8601: the ticket's first decision (skips included), or its first event when it has none. */
  firstSeenAt: string;
  status: TicketStatus;
  /** The intent category of the last non-skip decision. */
  category: string | null;
  /** When the ticket counted as AI-resolved, and which rule made it so. */
  resolvedAt: string | null;
  resolvedBy: "customer_silent" | "solved_without_human_reply" | null;
  /**
   * AI-resolved, and after the assistant's last reply either rated good or confirmed by the customer
   * ("thanks, that worked": a `customer_confirmed` event).
   */
  confirmed: boolean;
  /** For AI-resolved tickets: `stayed`, `false` (reopened or re-contacted in the window), or `pending`. */
  resolution: "stayed" | "false" | "pending" | null;
  reopened: boolean;
  recontacted: boolean;
  /** Escalated: from the handoff to the first human public reply; null while no human has replied. */
  handoffToFirstHumanReplyMs: number | null;
  /** The ticket's latest rating. */
  csat: "good" | "bad" | null;
}

const HOUR_MS = 3_600_000;

function timeOf(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`${what}: not an ISO-8601 time: "${iso}"`);
  return ms;
}

interface Timed<T> {
  item: T;
  ms: number;
}

interface TicketRows {
  decisions: Timed<DecisionRecord>[];
  events: Timed<LifecycleEvent>[];
}

function byTime(a: { ms: number }, b: { ms: number }): number {
  return a.ms - b.ms;
}

/** Groups decisions and events by ticket and classifies each ticket. Pure: same input, same output. */
export function classifyTickets(
  decisions: readonly DecisionRecord[],
  events: readonly LifecycleEvent[],
  options: ResolutionOptions,
): TicketClassification[] {
  const clock = resolutionClock(options);
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

  const result: TicketClassification[] = [];
  for (const accounts of byTicket.values()) {
    for (const tickets of accounts.values()) {
      for (const entry of tickets.values()) {
        // Stable sorts: rows with the same time keep the order the ledger gave them.
        entry.decisions.sort(byTime);
        entry.events.sort(byTime);
        result.push(classifyTicket(entry.decisions, entry.events, clock));
      }
    }
  }
  return result;
}

interface Clock {
  nowMs: number;
  waitMs: number;
  stayMs: number;
}

/** The options in milliseconds, or an error naming the bad one. */
function resolutionClock(options: ResolutionOptions): Clock {
  const nowMs = options.now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError("now: expected a valid date");
  const waitHours = options.resolutionWaitHours ?? DEFAULT_RESOLUTION_WAIT_HOURS;
  if (!Number.isFinite(waitHours) || waitHours <= 0) {
    throw new RangeError(`resolution_wait_hours: expected a number of hours above 0 (default 72), got ${waitHours}`);
  }
  const stayDays = options.stayedResolvedDays ?? DEFAULT_STAYED_RESOLVED_DAYS;
  if (!Number.isFinite(stayDays) || stayDays <= 0) {
    throw new RangeError(`stayed_resolved_days: expected a number of days above 0 (default 7), got ${stayDays}`);
  }
  return { nowMs, waitMs: waitHours * HOUR_MS, stayMs: stayDays * 24 * HOUR_MS };
}

/** The first event of a kind in (fromMs, toMs]; events are sorted by time. */
function firstEvent(
  events: Timed<LifecycleEvent>[],
  kind: LifecycleEvent["kind"],
  fromMs: number,
  toMs: number,
): Timed<LifecycleEvent> | undefined {
  for (const e of events) {
    if (e.ms > toMs) return undefined;
    if (e.ms > fromMs && e.item.kind === kind) return e;
  }
  return undefined;
}

// Loops rather than filter chains and one result object per ticket: this runs over 100,000 rows per report.
function classifyTicket(
  decisions: Timed<DecisionRecord>[],
  events: Timed<LifecycleEvent>[],
  { nowMs, waitMs, stayMs }: Clock,
): TicketClassification {
  const first = decisions[0] ?? events[0];
  if (!first) throw new RangeError("classifyTicket: a ticket needs a decision or an event");
  let latestRating: "good" | "bad" | null = null;
  for (const e of events) if (e.item.kind === "csat" && e.item.rating !== null) latestRating = e.item.rating;
  const ticket: TicketClassification = {
    platform: first.item.platform,
    account: first.item.account,
    ticketId: first.item.ticketId,
    firstSeenAt: new Date(first.ms).toISOString(),
    status: "human_only",
    category: null,
    resolvedAt: null,
    resolvedBy: null,
    confirmed: false,
    resolution: null,
    reopened: false,
    recontacted: false,
    handoffToFirstHumanReplyMs: null,
    csat: latestRating,
  };

  // The last non-skip decision, and where the trailing run of escalations began (a follow-up
  // escalated again while waiting for a person does not restart the handoff clock).
  let last: Timed<DecisionRecord> | undefined;
  let handoffMs = 0;
  for (const d of decisions) {
    if (d.item.outcome === "skip") continue;
    if (d.item.outcome === "escalate" && last?.item.outcome !== "escalate") handoffMs = d.ms;
    last = d;
  }
  if (!last) return ticket;
  const lastMs = last.ms;
  ticket.category = last.item.category;

  if (last.item.outcome === "escalate") {
    ticket.status = "escalated";
    const reply = firstEvent(events, "human_public_reply", handoffMs - 1, Number.POSITIVE_INFINITY);
    ticket.handoffToFirstHumanReplyMs = reply ? reply.ms - handoffMs : null;
    return ticket;
  }

  const waitOver = nowMs >= lastMs + waitMs;
  ticket.status = waitOver ? "unresolved" : "waiting";
  const repliedPublicly = (last.item.outcome === "answer" || last.item.outcome === "act") && last.item.publicReply;
  if (!repliedPublicly) return ticket;

  // Rule 1: the customer did not write again within the wait (a message exactly at the limit counts as writing).
  // A confirmation ("thanks, that worked") is its own kind, `customer_confirmed`: it is not writing again.
  const silent = waitOver && firstEvent(events, "customer_message", lastMs, lastMs + waitMs) === undefined;
  // Rule 2: the ticket was solved with no human public reply between the assistant's reply and the solve.
  const solve = firstEvent(events, "solved", lastMs, nowMs);
  const solvedAlone = solve !== undefined && firstEvent(events, "human_public_reply", lastMs, solve.ms) === undefined;
  let resolvedMs: number;
  if (solvedAlone && (!silent || solve.ms < lastMs + waitMs)) {
    resolvedMs = solve.ms;
    ticket.resolvedBy = "solved_without_human_reply";
  } else if (silent) {
    resolvedMs = lastMs + waitMs;
    ticket.resolvedBy = "customer_silent";
  } else {
    return ticket;
  }

  // The window runs from the assistant's reply to N days after the resolution: a re-contact while we
  // were still waiting counts against it too.
  const windowEndMs = resolvedMs + stayMs;
  ticket.status = "ai_resolved";
  ticket.resolvedAt = new Date(resolvedMs).toISOString();
  ticket.reopened = firstEvent(events, "reopened", lastMs, windowEndMs) !== undefined;
  ticket.recontacted = firstEvent(events, "new_ticket_same_requester", lastMs, windowEndMs) !== undefined;
  let ratingAfterReply: "good" | "bad" | null = null;
  let customerConfirmed = false;
  for (const e of events) {
    if (e.ms <= lastMs) continue;
    if (e.item.kind === "csat" && e.item.rating !== null) ratingAfterReply = e.item.rating;
    if (e.item.kind === "customer_confirmed") customerConfirmed = true;
  }
  ticket.confirmed = ratingAfterReply === "good" || customerConfirmed;
  if (ticket.reopened || ticket.recontacted) ticket.resolution = "false";
  else ticket.resolution = nowMs >= windowEndMs ? "stayed" : "pending";
  return ticket;
}
