import type { ExperimentDecision, ExperimentEvent } from "../domain/experiment-rows.ts";
import type { Variant } from "../domain/canary.ts";
import type { Arm } from "../domain/ticket-state.ts";
import type { CohortTicket } from "./compare-cohorts.ts";

/** One ticket of the experiment: its arm, the fingerprint of its first decision, and what the comparison reads. */
export interface ExperimentTicket extends CohortTicket {
  ticketId: string;
  arm: Arm;
  /** What decided its first decision (settings, policy, prompt, model), for comparing by fingerprint. */
  fingerprint: string;
  /** Whether its first decision was the canary's (its `fingerprint` is then the canary's) or current. */
  variant: Variant;
  /** Its first decision, ISO-8601. */
  firstDecidedAt: string;
}

const MINUTE = 60_000;
const ARMS: readonly string[] = ["control", "assistant"] satisfies Arm[];

/**
 * The tickets whose first decision with an arm falls in [fromMs, toMs), measured whole from all
 * their rows. The clock starts at the first customer message: the earliest `customer_message` event
 * or, when none was recorded, the first decision (made seconds after the message arrived). The first
 * response is the first public reply after it, by the assistant (a decision that replied publicly) or
 * a human (`human_public_reply`); resolution is the first solve. Reopen and re-contact count after
 * that first solve. Rows whose arm is not an experiment arm (decided before arms existed) are left out.
 */
export function experimentTickets(
  decisions: readonly ExperimentDecision[],
  events: readonly ExperimentEvent[],
  range: { fromMs: number; toMs: number },
): ExperimentTicket[] {
  const byTicket = new Map<string, { decisions: ExperimentDecision[]; events: ExperimentEvent[] }>();
  const slot = (ticketId: string) => {
    const found = byTicket.get(ticketId);
    if (found) return found;
    const rows = { decisions: [] as ExperimentDecision[], events: [] as ExperimentEvent[] };
    byTicket.set(ticketId, rows);
    return rows;
  };
  for (const d of decisions) slot(d.ticketId).decisions.push(d);
  for (const e of events) slot(e.ticketId).events.push(e);

  const tickets: ExperimentTicket[] = [];
  for (const [ticketId, rows] of byTicket) {
    const ordered = rows.decisions
      .map((d) => ({ d, ms: Date.parse(d.decidedAt) }))
      .sort((a, b) => a.ms - b.ms || (a.d.eventId < b.d.eventId ? -1 : 1));
    const first = ordered.find(({ d }) => d.arm !== null && ARMS.includes(d.arm));
    if (!first || first.ms < range.fromMs || first.ms >= range.toMs) continue;
    const timed = rows.events.map((e) => ({ e, ms: Date.parse(e.at) })).sort((a, b) => a.ms - b.ms);
    const firstOf = (kind: ExperimentEvent["kind"], afterMs = Number.NEGATIVE_INFINITY) =>
      timed.find(({ e, ms }) => e.kind === kind && ms >= afterMs)?.ms ?? null;

    const startMs = Math.min(ordered[0]?.ms ?? first.ms, firstOf("customer_message") ?? Number.POSITIVE_INFINITY);
    const assistantReply = ordered.find(({ d, ms }) => d.publicReply && ms >= startMs)?.ms ?? null;
    const humanReply = firstOf("human_public_reply", startMs);
    const responseMs = minOf(assistantReply, humanReply);
    const solvedMs = firstOf("solved", startMs);
    const rating = [...timed].reverse().find(({ e }) => e.kind === "csat" && e.rating !== null)?.e.rating ?? null;
    tickets.push({
      ticketId,
      arm: first.d.arm as Arm,
      fingerprint: first.d.fingerprint,
      variant: first.d.variant ?? "current",
      firstDecidedAt: first.d.decidedAt,
      rating,
      solved: solvedMs !== null,
      reopened: solvedMs !== null && firstOf("reopened", solvedMs) !== null,
      recontacted: solvedMs !== null && firstOf("new_ticket_same_requester", solvedMs) !== null,
      firstResponseMinutes: responseMs === null ? null : (responseMs - startMs) / MINUTE,
      resolutionMinutes: solvedMs === null ? null : (solvedMs - startMs) / MINUTE,
    });
  }
  return tickets.sort((a, b) => (a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0));
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
