import type { DecisionRecord, LifecycleEvent } from "../domain/ledger.ts";

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
  /** AI-resolved and rated good after the assistant's last reply. */
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

function ticketKey(r: { platform: string; account: string; ticketId: string }): string {
  return `${r.platform}\u0000${r.account}\u0000${r.ticketId}`;
}

interface Timed<T> {
  item: T;
  ms: number;
}

/** Groups decisions and events by ticket and classifies each ticket. Pure: same input, same output. */
export function classifyTickets(
  decisions: readonly DecisionRecord[],
  events: readonly LifecycleEvent[],
  options: ResolutionOptions,
): TicketClassification[] {
  const byTicket = new Map<string, { decisions: Timed<DecisionRecord>[]; events: Timed<LifecycleEvent>[] }>();
  const slot = (key: string) => {
    let entry = byTicket.get(key);
    if (!entry) {
      entry = { decisions: [], events: [] };
      byTicket.set(key, entry);
    }
    return entry;
  };
  for (const d of decisions)
    slot(ticketKey(d)).decisions.push({ item: d, ms: timeOf(d.decidedAt, `decision ${d.eventId}`) });
  for (const e of events) slot(ticketKey(e)).events.push({ item: e, ms: timeOf(e.at, `event ${e.eventId}`) });

  const result: TicketClassification[] = [];
  for (const entry of byTicket.values()) {
    // Stable sorts: rows with the same time keep the order the ledger gave them.
    entry.decisions.sort((a, b) => a.ms - b.ms);
    entry.events.sort((a, b) => a.ms - b.ms);
    result.push(classifyTicket(entry.decisions, entry.events, options));
  }
  return result;
}

function classifyTicket(
  decisions: Timed<DecisionRecord>[],
  events: Timed<LifecycleEvent>[],
  options: ResolutionOptions,
): TicketClassification {
  const nowMs = options.now.getTime();
  const waitMs = (options.resolutionWaitHours ?? DEFAULT_RESOLUTION_WAIT_HOURS) * HOUR_MS;
  const stayMs = (options.stayedResolvedDays ?? DEFAULT_STAYED_RESOLVED_DAYS) * 24 * HOUR_MS;
  const first = decisions[0] ?? events[0];
  if (!first) throw new RangeError("classifyTicket: a ticket needs a decision or an event");
  const ids = first.item;
  const ratings = events.filter((e) => e.item.kind === "csat" && e.item.rating !== null);
  const latestRating = ratings.at(-1);
  const base: TicketClassification = {
    platform: ids.platform,
    account: ids.account,
    ticketId: ids.ticketId,
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
    csat: latestRating?.item.rating ?? null,
  };

  const acting = decisions.filter((d) => d.item.outcome !== "skip");
  const last = acting.at(-1);
  if (!last) return base;
  const lastMs = last.ms;
  const after = (kind: LifecycleEvent["kind"], fromMs: number, toMs = Number.POSITIVE_INFINITY) =>
    events.filter((e) => e.item.kind === kind && e.ms > fromMs && e.ms <= toMs);
  const handled: TicketClassification = { ...base, category: last.item.category };

  if (last.item.outcome === "escalate") {
    // The handoff that stands is the first of the trailing run of escalations (a follow-up does not restart it).
    let handoffIndex = acting.length - 1;
    while (handoffIndex > 0 && acting[handoffIndex - 1]?.item.outcome === "escalate") handoffIndex--;
    const handoffMs = acting[handoffIndex]?.ms ?? lastMs;
    const reply = events.find((e) => e.item.kind === "human_public_reply" && e.ms >= handoffMs);
    return { ...handled, status: "escalated", handoffToFirstHumanReplyMs: reply ? reply.ms - handoffMs : null };
  }

  const unresolvedOrWaiting = (): TicketClassification => ({
    ...handled,
    status: nowMs >= lastMs + waitMs ? "unresolved" : "waiting",
  });
  const repliedPublicly = (last.item.outcome === "answer" || last.item.outcome === "act") && last.item.publicReply;
  if (!repliedPublicly) return unresolvedOrWaiting();

  // Rule 1: the customer did not write again within the wait (a message exactly at the limit counts as writing).
  const silent = after("customer_message", lastMs, lastMs + waitMs).length === 0 && nowMs >= lastMs + waitMs;
  // Rule 2: the ticket was solved with no human public reply between the assistant's reply and the solve.
  const solve = after("solved", lastMs, nowMs)[0];
  const solvedAlone = solve !== undefined && after("human_public_reply", lastMs, solve.ms).length === 0;
  const candidates: Array<{ ms: number; by: "customer_silent" | "solved_without_human_reply" }> = [];
  if (silent) candidates.push({ ms: lastMs + waitMs, by: "customer_silent" });
  if (solve && solvedAlone) candidates.push({ ms: solve.ms, by: "solved_without_human_reply" });
  candidates.sort((a, b) => a.ms - b.ms);
  const resolved = candidates[0];
  if (!resolved) return unresolvedOrWaiting();

  // The window runs from the assistant's reply to N days after the resolution: a re-contact while we
  // were still waiting counts against it too.
  const windowEndMs = resolved.ms + stayMs;
  const reopened = after("reopened", lastMs, windowEndMs).length > 0;
  const recontacted = after("new_ticket_same_requester", lastMs, windowEndMs).length > 0;
  const ratingAfterReply = ratings.filter((r) => r.ms > lastMs).at(-1);
  let resolution: TicketClassification["resolution"] = "pending";
  if (reopened || recontacted) resolution = "false";
  else if (nowMs >= windowEndMs) resolution = "stayed";
  return {
    ...handled,
    status: "ai_resolved",
    resolvedAt: new Date(resolved.ms).toISOString(),
    resolvedBy: resolved.by,
    confirmed: ratingAfterReply?.item.rating === "good",
    resolution,
    reopened,
    recontacted,
  };
}
