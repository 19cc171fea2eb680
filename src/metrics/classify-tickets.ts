// The definitions read only the report's fields, so a report can read narrower rows than whole records.
import type {
  ReportDecision as DecisionRecord,
  ReportEvent as LifecycleEvent,
  ReportTicketFacts,
} from "../domain/ledger.ts";
import { ticketFacts } from "./ticket-facts.ts";

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

/** Groups decisions and events by ticket and classifies each ticket. Pure: same input, same output. */
export function classifyTickets(
  decisions: readonly DecisionRecord[],
  events: readonly LifecycleEvent[],
  options: ResolutionOptions,
): TicketClassification[] {
  const clock = resolutionClock(options);
  return ticketFacts(decisions, events).map((facts) => withTimes(classifyTicket(facts, clock)));
}

/**
 * Classifies tickets from their facts: the one place the definitions are decided, whether the facts
 * were built from rows (`ticketFacts`) or by the ledger's SQL.
 */
export function classifyTicketFacts(
  facts: readonly ReportTicketFacts[],
  options: ResolutionOptions,
): TicketClassification[] {
  const clock = resolutionClock(options);
  return facts.map((f) => withTimes(classifyTicket(f, clock)));
}

/**
 * A classification with its times as epoch milliseconds. The metrics count these: formatting two
 * ISO-8601 times for each of 40,000 tickets would cost a report more than classifying them.
 */
export type TicketStanding = Omit<TicketClassification, "firstSeenAt" | "resolvedAt"> & {
  firstSeenMs: number;
  resolvedMs: number | null;
};

/** `classifyTicketFacts` with epoch-millisecond times: the same decisions, for counting. */
export function ticketStandings(facts: readonly ReportTicketFacts[], options: ResolutionOptions): TicketStanding[] {
  const clock = resolutionClock(options);
  return facts.map((f) => classifyTicket(f, clock));
}

function withTimes({ firstSeenMs, resolvedMs, ...rest }: TicketStanding): TicketClassification {
  return {
    ...rest,
    firstSeenAt: new Date(firstSeenMs).toISOString(),
    resolvedAt: resolvedMs === null ? null : new Date(resolvedMs).toISOString(),
  };
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

// One result object per ticket and no allocation beyond it: this runs for every ticket of a report.
function classifyTicket(facts: ReportTicketFacts, { nowMs, waitMs, stayMs }: Clock): TicketStanding {
  const ticket: TicketStanding = {
    platform: facts.platform,
    account: facts.account,
    ticketId: facts.ticketId,
    firstSeenMs: facts.firstSeenMs,
    status: "human_only",
    category: null,
    resolvedMs: null,
    resolvedBy: null,
    confirmed: false,
    resolution: null,
    reopened: false,
    recontacted: false,
    handoffToFirstHumanReplyMs: null,
    csat: facts.latestRating?.rating ?? null,
  };
  const last = facts.last;
  if (!last) return ticket;
  const lastMs = last.ms;
  ticket.category = last.category;

  if (last.outcome === "escalate") {
    ticket.status = "escalated";
    const { handoffMs, humanReplyAfterHandoffMs: replyMs } = facts;
    ticket.handoffToFirstHumanReplyMs = handoffMs !== null && replyMs !== null ? replyMs - handoffMs : null;
    return ticket;
  }

  const waitOver = nowMs >= lastMs + waitMs;
  ticket.status = waitOver ? "unresolved" : "waiting";
  const repliedPublicly = (last.outcome === "answer" || last.outcome === "act") && last.publicReply;
  if (!repliedPublicly) return ticket;

  // Each `after` time is the first event of its kind after the assistant's last reply, so "an event in
  // (lastMs, limit]" is "the first one is at or before the limit".
  const upTo = (ms: number | null, limitMs: number) => ms !== null && ms <= limitMs;
  const after = facts.after;
  // Rule 1: the customer did not write again within the wait (a message exactly at the limit counts as writing).
  // A confirmation ("thanks, that worked") is its own kind, `customer_confirmed`: it is not writing again.
  const silent = waitOver && !upTo(after.customerMessageMs, lastMs + waitMs);
  // Rule 2: the ticket was solved (by now) with no human public reply between the assistant's reply and the solve.
  const solveMs = upTo(after.solvedMs, nowMs) ? after.solvedMs : null;
  const solvedAlone = solveMs !== null && !upTo(after.humanReplyMs, solveMs);
  let resolvedMs: number;
  if (solveMs !== null && solvedAlone && (!silent || solveMs < lastMs + waitMs)) {
    resolvedMs = solveMs;
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
  ticket.resolvedMs = resolvedMs;
  ticket.reopened = upTo(after.reopenedMs, windowEndMs);
  ticket.recontacted = upTo(after.recontactMs, windowEndMs);
  // The latest rating counts only if it came after the assistant's last reply.
  const rating = facts.latestRating;
  const ratedGoodAfterReply = rating !== null && rating.ms > lastMs && rating.rating === "good";
  ticket.confirmed = ratedGoodAfterReply || after.confirmed;
  if (ticket.reopened || ticket.recontacted) ticket.resolution = "false";
  else ticket.resolution = nowMs >= windowEndMs ? "stayed" : "pending";
  return ticket;
}
