import type { DecisionRecord, LifecycleEvent } from "../../src/domain/ledger.ts";

/** A fixed start for ledger scenarios: Monday 2 March 2026, 10:00 UTC. */
export const T0 = Date.parse("2026-03-02T10:00:00Z");
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function at(offsetMs: number): string {
  return new Date(T0 + offsetMs).toISOString();
}

let sequence = 0;

/** A decision row with plausible defaults: an autosent answer on Zendesk ticket 101. */
export function decision(overrides: Partial<DecisionRecord> = {}): DecisionRecord {
  sequence++;
  return {
    platform: "zendesk",
    account: "acme",
    ticketId: "101",
    commentId: `c${sequence}`,
    eventId: `d${sequence}`,
    requesterId: "u1",
    decidedAt: at(0),
    mode: "autosend",
    outcome: "answer",
    reasons: [],
    category: "billing",
    confidence: 0.9,
    arm: null,
    publicReply: true,
    models: ["claude-sonnet-4-5"],
    tokens: { input: 1000, output: 200, cacheRead: 0, cacheWrite: 0 },
    modelCostUsd: 0.01,
    helpdeskReads: 2,
    helpdeskWrites: 1,
    latencyMs: 1200,
    sources: [{ id: "kb-1", ageDays: 10 }],
    action: null,
    handoff: null,
    fingerprint: "f1",
    messageExcerpt: null,
    ...overrides,
  };
}

/** A lifecycle event on Zendesk ticket 101 at T0 + offset. */
export function event(
  kind: LifecycleEvent["kind"],
  offsetMs: number,
  overrides: Partial<LifecycleEvent> = {},
): LifecycleEvent {
  sequence++;
  return {
    platform: "zendesk",
    account: "acme",
    ticketId: "101",
    kind,
    at: at(offsetMs),
    eventId: `e${sequence}`,
    requesterId: "u1",
    rating: null,
    detail: null,
    ...overrides,
  };
}
