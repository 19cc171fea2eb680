import type { ReportDecision } from "./ledger.ts";
import type { Platform } from "./support-event.ts";

/**
 * The stage guard: a Cron Trigger that watches the autosent tickets of each cohort over a rolling
 * window and falls the cohort back to draft when one of its rates is too high. A cohort is an intent
 * category (its autosend falls back to draft) or a canary fingerprint (the canary is rolled back: no
 * ticket decides with that canary block any more).
 */
export type GuardCohortKind = "category" | "canary";

/** The two rates the guard watches, by the name its ledger rows, logs and API use. */
export type GuardMeasure = "false_resolution_rate" | "bad_csat_rate";

export const GUARD_MEASURES: readonly GuardMeasure[] = ["false_resolution_rate", "bad_csat_rate"];

/** `tripped`: autosend fell back to draft; `re_enabled`: it may autosend again. */
export type GuardAction = "tripped" | "re_enabled";

/** Why a cohort was re-enabled: an admin said so, or (only when a setting allows it) its rates recovered. */
export type GuardReenableReason = "admin" | "recovered";

/** One guard action, as the ledger keeps it (migrations/0008_guard_events.sql). Ids and numbers only. */
export interface GuardEvent {
  platform: Platform;
  account: string;
  cohortKind: GuardCohortKind;
  cohort: string;
  action: GuardAction;
  /** Tripped: the measure over its threshold. Re-enabled: `admin` or `recovered`. */
  reason: GuardMeasure | GuardReenableReason;
  /** The measure's rate and its sample count over the window; null for an admin's re-enable. */
  rate: number | null;
  samples: number | null;
  threshold: number | null;
  windowDays: number;
  /** ISO-8601. */
  at: string;
  /** Who acted: `guard` (the Cron Trigger), `admin` (the admin token) or the console session's agent. */
  actor: string;
}

/** A category whose autosend fell back to draft, as the pipeline reads it on every message. */
export interface AutosendFallback {
  /** ISO-8601: when the guard tripped. */
  since: string;
  reason: GuardMeasure;
  rate: number;
  samples: number;
  threshold: number;
  windowDays: number;
}

/**
 * The account's guarded categories. `unreadable`: the stored state could not be parsed, so every
 * category drafts (the safe side) until the next guard run writes it again from the ledger.
 */
export interface AutosendFallbacks {
  categories: Readonly<Record<string, AutosendFallback>>;
  unreadable?: true;
}

/** The category name a decision without one is counted under (as the metrics do). */
export const UNKNOWN_CATEGORY = "unknown";

/** Whether autosend of `category` fell back to draft. */
export function fellBackToDraft(fallbacks: AutosendFallbacks, category: string | null): boolean {
  if (fallbacks.unreadable) return true;
  return Object.hasOwn(fallbacks.categories, category ?? UNKNOWN_CATEGORY);
}

/**
 * A decision as the guard reads it: the metrics' fields, plus the arm, the configuration fingerprint
 * and the variant (`canary` / `current`; null or absent on rows from before canaries: current).
 */
export type GuardDecision = ReportDecision & { arm: string | null; fingerprint: string; variant?: string | null };

/** The canary fingerprints whose latest guard action is a trip: rolled back, as the pipeline reads them. */
export function rolledBackCanaries(states: readonly GuardEvent[]): string[] {
  return states.filter((s) => s.cohortKind === "canary" && s.action === "tripped").map((s) => s.cohort);
}

/**
 * The current fallbacks from each cohort's latest guard action (`GuardLedger.guardStates`): the
 * categories whose latest action is a trip. The ledger is the record; the state store holds this copy
 * for the pipeline to read on every message.
 */
export function fallbacksFromStates(states: readonly GuardEvent[]): Record<string, AutosendFallback> {
  const categories: Record<string, AutosendFallback> = {};
  for (const s of states) {
    if (s.cohortKind !== "category" || s.action !== "tripped") continue;
    if (s.reason !== "false_resolution_rate" && s.reason !== "bad_csat_rate") continue;
    categories[s.cohort] = {
      since: s.at,
      reason: s.reason,
      rate: s.rate ?? 0,
      samples: s.samples ?? 0,
      threshold: s.threshold ?? 0,
      windowDays: s.windowDays,
    };
  }
  return categories;
}
