import { describe, expect, it } from "vitest";
import { guardCohortCounts } from "../../src/rollout/guard-cohort-counts.ts";
import { evaluateStageGate, recovered, type CohortCounts } from "../../src/rollout/stage-gate.ts";
import { stageGuardActions } from "../../src/rollout/stage-guard-actions.ts";
import { DAY, decision, event, HOUR, T0 } from "../support/ledger-rows.ts";

const thresholds = { maxFalseResolutionRate: 0.15, maxBadCsatRate: 0.25, minSamples: 20 };

function counts(falseResolution: [number, number], badCsat: [number, number] = [0, 0]): CohortCounts {
  return {
    cohort: "billing",
    falseResolution: { events: falseResolution[0], samples: falseResolution[1] },
    badCsat: { events: badCsat[0], samples: badCsat[1] },
  };
}

describe("evaluateStageGate: one cohort's thresholds", () => {
  it("exactly at the threshold does not trip; one more event over the same samples does", () => {
    // 3 of 20 is exactly 15%.
    expect(evaluateStageGate(counts([3, 20]), thresholds).status).toBe("clear");
    const over = evaluateStageGate(counts([4, 20]), thresholds);
    expect(over.status).toBe("trip");
    if (over.status !== "trip") throw new Error("expected a trip");
    expect(over.reading).toMatchObject({ measure: "false_resolution_rate", events: 4, samples: 20, rate: 0.2 });
    // The interval is reported (Wilson 95%: 4 of 20 reads 8.1% to 41.6%), the point estimate decides.
    expect(over.reading.interval?.low).toBeCloseTo(0.0807, 3);
    expect(over.reading.interval?.high).toBeCloseTo(0.416, 3);
  });

  it("below the minimum samples nothing trips, however bad the rate", () => {
    expect(evaluateStageGate(counts([19, 19], [19, 19]), thresholds).status).toBe("not_enough_data");
    expect(evaluateStageGate(counts([20, 20]), thresholds).status).toBe("trip");
  });

  it("each rate trips on its own, judged over its own samples", () => {
    // False resolutions fine (1 of 40), bad CSAT 6 of 20 = 30% > 25%.
    const csat = evaluateStageGate(counts([1, 40], [6, 20]), thresholds);
    expect(csat.status === "trip" && csat.reading.measure).toBe("bad_csat_rate");
    // Exactly 25% bad (5 of 20) does not.
    expect(evaluateStageGate(counts([1, 40], [5, 20]), thresholds).status).toBe("clear");
    // Too few ratings: only the resolution rate is judged.
    expect(evaluateStageGate(counts([1, 40], [19, 19]), thresholds).status).toBe("clear");
    // Both over: the false-resolution rate is named first (a fixed order, so the reason is stable).
    const both = evaluateStageGate(counts([10, 40], [10, 20]), thresholds);
    expect(both.status === "trip" && both.reading.measure).toBe("false_resolution_rate");
    expect(both.readings.map((r) => r.exceeded)).toEqual([true, true]);
  });

  it("a cohort with no autosends has no rates and nothing to judge", () => {
    const verdict = evaluateStageGate(counts([0, 0], [0, 0]), thresholds);
    expect(verdict.status).toBe("not_enough_data");
    expect(verdict.readings.map((r) => r.rate)).toEqual([null, null]);
  });

  it("recovers only when the tripping measure is back at or under its threshold over enough samples", () => {
    expect(recovered(evaluateStageGate(counts([3, 20]), thresholds), "false_resolution_rate")).toBe(true);
    expect(recovered(evaluateStageGate(counts([0, 19]), thresholds), "false_resolution_rate")).toBe(false);
    expect(recovered(evaluateStageGate(counts([0, 0]), thresholds), "false_resolution_rate")).toBe(false);
    // Resolution rate fine, but it was the CSAT rate that tripped and it has too few ratings.
    expect(recovered(evaluateStageGate(counts([0, 40], [0, 5]), thresholds), "bad_csat_rate")).toBe(false);
    expect(recovered(evaluateStageGate(counts([0, 40], [6, 20]), thresholds), "false_resolution_rate")).toBe(false);
  });
});

describe("stageGuardActions: one guard run", () => {
  const bad = counts([8, 20]);
  const good = counts([1, 30]);

  it("trips a cohort that autosends with a rate over its threshold, once", () => {
    const run = stageGuardActions({ counts: [bad], active: new Map(), thresholds, autoReenable: false });
    expect(run.actions).toEqual([
      { cohort: "billing", action: "trip", reading: expect.objectContaining({ events: 8 }) },
    ]);
    const again = stageGuardActions({
      counts: [bad],
      active: new Map([["billing", "false_resolution_rate"]]),
      thresholds,
      autoReenable: false,
    });
    expect(again.actions).toEqual([]);
  });

  it("one-way by default: a recovered cohort stays in draft until an admin re-enables it", () => {
    const active = new Map([["billing", "false_resolution_rate" as const]]);
    expect(stageGuardActions({ counts: [good], active, thresholds, autoReenable: false }).actions).toEqual([]);
    expect(stageGuardActions({ counts: [good], active, thresholds, autoReenable: true }).actions).toEqual([
      { cohort: "billing", action: "re_enable", reading: expect.objectContaining({ events: 1, samples: 30 }) },
    ]);
  });

  it("a fallen-back cohort with no autosends left in its window is judged empty and never re-enables itself", () => {
    const active = new Map([["refunds", "bad_csat_rate" as const]]);
    const run = stageGuardActions({ counts: [], active, thresholds, autoReenable: true });
    expect(run.actions).toEqual([]);
    expect(run.verdicts).toEqual([
      { cohort: "refunds", verdict: expect.objectContaining({ status: "not_enough_data" }) },
    ]);
  });
});

describe("guardCohortCounts: the metrics' definitions over the autosent tickets", () => {
  const now = new Date(T0 + 20 * DAY);
  const window = {
    now,
    startMs: () => T0 - DAY,
    resolutionWaitHours: 72,
    cohortOf: (d: { category: string | null }) => d.category ?? "unknown",
  };

  it("counts AI-resolved tickets and their false resolutions, and ratings, per category", () => {
    const rows = [
      // 101: answered, silent customer, reopened on day 4: a false resolution.
      decision({ ticketId: "101", category: "billing" }),
      // 102: answered and stayed resolved, rated bad.
      decision({ ticketId: "102", category: "billing" }),
      // 103: a draft (no public reply): not watched.
      decision({ ticketId: "103", category: "billing", publicReply: false, mode: "draft" }),
      // 104: the control arm never counts, even if a row claims a public reply.
      decision({ ticketId: "104", category: "billing", arm: "control" }),
      // 105: another category, re-contacted.
      decision({ ticketId: "105", category: null, requesterId: "u5" }),
    ];
    const events = [
      event("reopened", 4 * DAY, { ticketId: "101" }),
      event("csat", 5 * DAY, { ticketId: "102", rating: "bad" }),
      event("csat", 5 * DAY, { ticketId: "103", rating: "bad" }),
      event("new_ticket_same_requester", 2 * DAY, { ticketId: "105" }),
    ];
    expect(guardCohortCounts(rows, events, window)).toEqual([
      { cohort: "billing", falseResolution: { events: 1, samples: 2 }, badCsat: { events: 1, samples: 1 } },
      { cohort: "unknown", falseResolution: { events: 1, samples: 1 }, badCsat: { events: 0, samples: 0 } },
    ]);
  });

  it("judges as of its own instant: what happened after it is not known yet", () => {
    const rows = [decision({ ticketId: "301", category: "billing" })];
    const events = [event("reopened", 4 * DAY, { ticketId: "301" })];
    // On day 20 the reopen is known; on day 3.5 the answer is resolved (72 h of silence) and the reopen is not.
    expect(guardCohortCounts(rows, events, window)[0]?.falseResolution).toEqual({ events: 1, samples: 1 });
    const before = { ...window, now: new Date(T0 + 3.5 * DAY) };
    expect(guardCohortCounts(rows, events, before)[0]?.falseResolution).toEqual({ events: 0, samples: 1 });
  });

  it("a ticket counts in the cohort of its latest autosent decision, only inside that cohort's window", () => {
    const rows = [
      decision({ ticketId: "201", category: "billing", decidedAt: new Date(T0).toISOString() }),
      decision({ ticketId: "201", category: "shipping", decidedAt: new Date(T0 + HOUR).toISOString() }),
    ];
    expect(guardCohortCounts(rows, [], window).map((c) => c.cohort)).toEqual(["shipping"]);
    // A re-enable of shipping after the reply starts its window afresh: the ticket no longer counts.
    const fresh = { ...window, startMs: (c: string) => (c === "shipping" ? T0 + 2 * HOUR : T0 - DAY) };
    expect(guardCohortCounts(rows, [], fresh)).toEqual([]);
  });
});
