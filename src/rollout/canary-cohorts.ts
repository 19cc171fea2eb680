import type { ExperimentTicket } from "./experiment-tickets.ts";

/** One canary block's comparison: its tickets, and the current tickets decided over the same span. */
export interface CanaryCohort {
  fingerprint: string;
  /** First decisions of the canary's tickets: the first and the last, ISO-8601. */
  from: string;
  to: string;
  canary: ExperimentTicket[];
  current: ExperimentTicket[];
}

/**
 * The experiment's tickets grouped for the canary comparison: one cohort per canary fingerprint (a
 * changed canary block is a new fingerprint, so it starts a new comparison), against the assistant-arm
 * tickets decided with the current settings between that canary's first and last ticket — the same
 * days and the same traffic. Control tickets are never in either side. Newest canary first. Pure.
 */
export function canaryCohorts(tickets: readonly ExperimentTicket[]): CanaryCohort[] {
  const byFingerprint = new Map<string, ExperimentTicket[]>();
  for (const t of tickets) {
    if (t.arm !== "assistant" || t.variant !== "canary") continue;
    const list = byFingerprint.get(t.fingerprint) ?? [];
    list.push(t);
    byFingerprint.set(t.fingerprint, list);
  }
  const current = tickets.filter((t) => t.arm === "assistant" && t.variant === "current");
  const cohorts: CanaryCohort[] = [];
  for (const [fingerprint, canary] of byFingerprint) {
    const times = canary.map((t) => Date.parse(t.firstDecidedAt));
    const fromMs = Math.min(...times);
    const toMs = Math.max(...times);
    cohorts.push({
      fingerprint,
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      canary,
      current: current.filter((t) => {
        const ms = Date.parse(t.firstDecidedAt);
        return ms >= fromMs && ms <= toMs;
      }),
    });
  }
  return cohorts.sort((a, b) => (a.from > b.from ? -1 : a.from < b.from ? 1 : a.fingerprint < b.fingerprint ? -1 : 1));
}
