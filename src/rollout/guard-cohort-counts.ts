import type { ReportEvent } from "../domain/ledger.ts";
import type { GuardDecision } from "../domain/stage-guard.ts";
import { classifyTickets } from "../metrics/classify-tickets.ts";
import type { CohortCounts } from "./stage-gate.ts";

export interface GuardWindow {
  /** When the guard runs; nothing after it is known. */
  now: Date;
  /** Where each cohort's window starts, epoch ms: the rolling window, or a later re-enable (a fresh start). */
  startMs: (cohort: string) => number;
  resolutionWaitHours: number;
  /** The cohort a ticket's autosent decision belongs to: its category today, its fingerprint for a canary. */
  cohortOf: (decision: GuardDecision) => string;
}

/**
 * The counts each cohort's stage gate reads, with the metrics' own definitions (src/metrics). A ticket
 * belongs to the cohort of its latest autosent decision (a public reply, outside the `control` arm),
 * when that decision falls inside the cohort's window; its standing (AI-resolved, false resolution,
 * latest rating) comes from all its rows known at `now`. Pure: same rows, same counts.
 */
export function guardCohortCounts(
  decisions: readonly GuardDecision[],
  events: readonly ReportEvent[],
  window: GuardWindow,
): CohortCounts[] {
  const nowMs = window.now.getTime();
  const latestAutosent = new Map<string, { ms: number; decision: GuardDecision }>();
  for (const d of decisions) {
    if (!d.publicReply || d.arm === "control") continue;
    const ms = Date.parse(d.decidedAt);
    if (!(ms <= nowMs)) continue;
    const key = ticketKey(d);
    const seen = latestAutosent.get(key);
    if (!seen || ms > seen.ms || (ms === seen.ms && d.eventId > seen.decision.eventId)) {
      latestAutosent.set(key, { ms, decision: d });
    }
  }
  const cohortOfTicket = new Map<string, string>();
  for (const [key, { ms, decision }] of latestAutosent) {
    const cohort = window.cohortOf(decision);
    if (ms >= window.startMs(cohort)) cohortOfTicket.set(key, cohort);
  }

  const counts = new Map<string, CohortCounts>();
  // Only what was known at `now`: a run at a past or simulated instant ignores the rows dated after it.
  const known = (iso: string) => Date.parse(iso) <= nowMs;
  const standings = classifyTickets(
    decisions.filter((d) => cohortOfTicket.has(ticketKey(d)) && known(d.decidedAt)),
    events.filter((e) => cohortOfTicket.has(ticketKey(e)) && known(e.at)),
    { now: window.now, resolutionWaitHours: window.resolutionWaitHours },
  );
  for (const ticket of standings) {
    const cohort = cohortOfTicket.get(ticketKey(ticket));
    if (cohort === undefined) continue;
    let c = counts.get(cohort);
    if (!c) {
      c = { cohort, falseResolution: { events: 0, samples: 0 }, badCsat: { events: 0, samples: 0 } };
      counts.set(cohort, c);
    }
    if (ticket.status === "ai_resolved") {
      c.falseResolution.samples++;
      if (ticket.resolution === "false") c.falseResolution.events++;
    }
    if (ticket.csat !== null) {
      c.badCsat.samples++;
      if (ticket.csat === "bad") c.badCsat.events++;
    }
  }
  return [...counts.values()].sort((a, b) => (a.cohort < b.cohort ? -1 : a.cohort > b.cohort ? 1 : 0));
}

function ticketKey(row: { platform: string; account: string; ticketId: string }): string {
  return JSON.stringify([row.platform, row.account, row.ticketId]);
}
