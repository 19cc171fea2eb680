import { describe, expect, it } from "vitest";
import type { ExperimentDecision, ExperimentEvent } from "../../src/domain/experiment-rows.ts";
import { type CohortTicket, compareCohorts } from "../../src/rollout/compare-cohorts.ts";
import { experimentTickets } from "../../src/rollout/experiment-tickets.ts";

const ticket = (over: Partial<CohortTicket> = {}): CohortTicket => ({
  rating: null,
  solved: false,
  reopened: false,
  recontacted: false,
  firstResponseMinutes: null,
  resolutionMinutes: null,
  ...over,
});
const many = (n: number, make: (i: number) => Partial<CohortTicket>) =>
  Array.from({ length: n }, (_, i) => ticket(make(i)));
const metric = (c: ReturnType<typeof compareCohorts>, name: string) => c.metrics.find((m) => m.metric === name)!;

describe("compareCohorts", () => {
  it("counts, difference and the Newcombe interval of CSAT (good of rated)", () => {
    // 56 of 70 good against 48 of 80: Newcombe's first example, 0.0524 to 0.3339.
    const treatment = many(70, (i) => ({ rating: i < 56 ? "good" : "bad" }));
    const baseline = [...many(80, (i) => ({ rating: i < 48 ? "good" : "bad" })), ...many(20, () => ({}))];
    const csat = metric(compareCohorts(treatment, baseline, { minSamples: 30 }), "csat_good");
    expect(csat).toMatchObject({
      kind: "share",
      treatment: { count: 56, of: 70, rate: 0.8 },
      baseline: { count: 48, of: 80, rate: 0.6 },
      verdict: "better",
    });
    expect(csat.difference).toBeCloseTo(0.2, 10);
    expect(csat.interval?.low).toBeCloseTo(0.0524, 4);
    expect(csat.interval?.high).toBeCloseTo(0.3339, 4);
    expect(csat.method).toMatch(/Newcombe/);
  });

  it("a higher reopen rate is worse, and makes the overall verdict worse", () => {
    const treatment = many(80, (i) => ({ solved: true, reopened: i < 40 }));
    const baseline = many(80, (i) => ({ solved: true, reopened: i < 8 }));
    const result = compareCohorts(treatment, baseline, { minSamples: 30 });
    expect(metric(result, "reopen_rate").verdict).toBe("worse");
    expect(result.verdict).toBe("worse");
  });

  it("faster first responses are better (bootstrap of the difference of medians)", () => {
    const treatment = many(60, (i) => ({ firstResponseMinutes: 2 + (i % 5) }));
    const baseline = many(60, (i) => ({ firstResponseMinutes: 90 + (i % 30) }));
    const first = metric(compareCohorts(treatment, baseline, { minSamples: 30 }), "first_response_minutes");
    expect(first).toMatchObject({ kind: "median", verdict: "better", treatment: { of: 60, median: 4 } });
    expect(first.interval!.high).toBeLessThan(0);
    expect(first.method).toMatch(/bootstrap/);
  });

  it("the same shares on both sides: no difference detected", () => {
    const side = () => many(100, (i) => ({ solved: true, recontacted: i % 10 === 0 }));
    expect(metric(compareCohorts(side(), side(), { minSamples: 30 }), "recontact_rate").verdict).toBe(
      "no difference detected",
    );
  });

  it("below the minimum samples per arm: not enough data, for the metric and overall", () => {
    const treatment = many(29, () => ({ rating: "good" }));
    const baseline = many(40, () => ({ rating: "bad" }));
    const result = compareCohorts(treatment, baseline, { minSamples: 30 });
    expect(metric(result, "csat_good").verdict).toBe("not enough data");
    expect(result.verdict).toBe("not enough data");
  });

  it("every metric measured and none worse, one better: better overall", () => {
    const side = (fast: boolean) =>
      many(50, (i) => ({
        rating: "good",
        solved: true,
        firstResponseMinutes: fast ? 1 + (i % 3) : 30 + (i % 3),
        resolutionMinutes: 100 + (i % 7),
      }));
    expect(compareCohorts(side(true), side(false), { minSamples: 30 }).verdict).toBe("better");
  });
});

describe("experimentTickets: ledger rows to measured tickets", () => {
  const day = (h: number) => new Date(Date.UTC(2026, 11, 1, h)).toISOString();
  const decision = (ticketId: string, h: number, over: Partial<ExperimentDecision> = {}): ExperimentDecision => ({
    ticketId,
    eventId: `d-${ticketId}-${h}`,
    decidedAt: day(h),
    arm: "assistant",
    publicReply: false,
    fingerprint: "f1",
    ...over,
  });
  const event = (ticketId: string, kind: ExperimentEvent["kind"], h: number, rating: "good" | "bad" | null = null) => ({
    ticketId,
    eventId: `e-${ticketId}-${kind}-${h}`,
    kind,
    at: day(h),
    rating,
  });
  const range = { fromMs: Date.parse(day(0)), toMs: Date.parse(day(24)) };

  it("measures response, resolution, reopen, re-contact and rating from the first customer message", () => {
    const [t] = experimentTickets(
      [decision("1", 2, { publicReply: true }), decision("1", 9)],
      [
        event("1", "customer_message", 1),
        event("1", "solved", 5),
        event("1", "reopened", 7),
        event("1", "new_ticket_same_requester", 8),
        event("1", "csat", 6, "bad"),
        event("1", "csat", 10, "good"),
      ],
      range,
    );
    expect(t).toMatchObject({
      ticketId: "1",
      arm: "assistant",
      firstResponseMinutes: 60,
      resolutionMinutes: 240,
      solved: true,
      reopened: true,
      recontacted: true,
      rating: "good",
    });
  });

  it("control: the human's public reply is the first response; the clock starts at the first decision without a message event", () => {
    const [t] = experimentTickets(
      [decision("2", 3, { arm: "control" })],
      [event("2", "human_public_reply", 5), event("2", "solved", 6)],
      range,
    );
    expect(t).toMatchObject({ arm: "control", firstResponseMinutes: 120, resolutionMinutes: 180, reopened: false });
  });

  it("keeps tickets whose first armed decision is in the range, and leaves out rows without an experiment arm", () => {
    const tickets = experimentTickets(
      [
        decision("in", 3),
        decision("before", -2),
        decision("before", 3),
        decision("legacy", 3, { arm: "holdout" }),
        decision("none", 3, { arm: null }),
      ],
      [],
      range,
    );
    expect(tickets.map((t) => t.ticketId)).toEqual(["in"]);
  });
});
