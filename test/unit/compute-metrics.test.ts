import { describe, expect, it } from "vitest";
import { computeMetrics } from "../../src/metrics/compute-metrics.ts";
import { reportRange } from "../../src/metrics/report-range.ts";
import { DAY, decision, event, HOUR, T0 } from "../support/ledger-rows.ts";

const now = new Date(T0 + 30 * DAY);
const march = { from: "2026-03-01", to: "2026-03-31", now };

/** A week on both platforms: one ticket per path the definitions know. */
function week() {
  const zd = (ticketId: string) => ({ platform: "zendesk" as const, account: "acme", ticketId });
  const ic = (ticketId: string) => ({ platform: "intercom" as const, account: "ws1", ticketId });
  const decisions = [
    // Stayed resolved (solved alone, rated good): confirmed.
    decision({ ...zd("1"), modelCostUsd: 0.02, tokens: { input: 1000, output: 100, cacheRead: 500, cacheWrite: 50 } }),
    // False resolution: reopened on day 2.
    decision({ ...zd("2"), category: "shipping", modelCostUsd: 0.03 }),
    // Escalated on a human request, a human answered 30 minutes later, rated bad.
    decision({ ...zd("3"), outcome: "escalate", reasons: ["human_requested"], category: "billing", modelCostUsd: 0 }),
    // Ask, then silence: unresolved; the message was a knowledge gap.
    decision({ ...ic("4"), outcome: "ask", reasons: ["knowledge_gap"], category: "shipping", modelCostUsd: 0.01 }),
    // Escalated because the sources did not back the reply: a knowledge gap too.
    decision({ ...ic("5"), outcome: "escalate", reasons: ["no_grounding"], category: "shipping", modelCostUsd: 0.04 }),
    // Stayed resolved through silence on Intercom.
    decision({ ...ic("6"), outcome: "act", category: "billing", modelCostUsd: 0.05 }),
    // Skipped only (a human owns it): not handled, its rating is the human-only baseline.
    decision({ ...zd("7"), outcome: "skip", reasons: ["human_owned"], category: null, modelCostUsd: 0 }),
  ];
  const events = [
    event("solved", 2 * HOUR, zd("1")),
    event("csat", 1 * DAY, { ...zd("1"), rating: "good" }),
    event("solved", 2 * HOUR, zd("2")),
    event("reopened", 2 * DAY, zd("2")),
    event("human_public_reply", 30 * 60_000, zd("3")),
    event("csat", 2 * DAY, { ...zd("3"), rating: "bad" }),
    event("csat", 2 * DAY, { ...zd("7"), rating: "good" }),
    // Never touched by Deskmate, rated.
    event("solved", 3 * HOUR, ic("8")),
    event("csat", 1 * DAY, { ...ic("8"), rating: "bad" }),
  ];
  return { decisions, events };
}

function nonZero(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

describe("computeMetrics", () => {
  it("counts a week on both platforms in the issue's shape", () => {
    const { decisions, events } = week();
    const metrics = computeMetrics(decisions, events, march);
    // Every reason and intent category is listed, zeros included; the week's non-zero ones are below.
    expect(metrics.escalation_reasons).toMatchObject({ legal: 0, fraud: 0, model_error: 0 });
    expect(metrics.by_category).toMatchObject({ other: { messages: 0, escalated: 0, ai_resolved: 0 } });
    expect({
      ...metrics,
      escalation_reasons: nonZero(metrics.escalation_reasons),
      by_category: Object.fromEntries(Object.entries(metrics.by_category).filter(([, c]) => c.messages > 0)),
    }).toEqual({
      messages: 7,
      outcomes: { answered: 2, asked: 1, acted: 1, escalated: 2, skipped: 1 },
      tickets: {
        handled: 6,
        ai_resolved: 3,
        confirmed: 1,
        stayed_resolved: 2,
        false_resolutions: 1,
        reopened: 1,
        recontacted: 0,
        escalated: 2,
        unresolved: 1,
        waiting: 0,
        resolution_pending: 0,
        human_only: 2,
      },
      escalation_reasons: { human_requested: 1, no_grounding: 1 },
      escalations_by_category: { billing: { human_requested: 1 }, shipping: { no_grounding: 1 } },
      escalation_first_reply: { replied: 1, median_minutes: 30 },
      by_category: {
        billing: { messages: 3, escalated: 1, ai_resolved: 2 },
        shipping: { messages: 3, escalated: 1, ai_resolved: 1 },
      },
      csat: {
        ai_resolved: { rated: 1, good: 1 },
        escalated: { rated: 1, good: 0 },
        human_only: { rated: 2, good: 1 },
      },
      cost: {
        model_usd: 0.15,
        per_stayed_resolved_usd: 0.075,
        input_tokens: 7000,
        output_tokens: 1300,
        cache_read_tokens: 500,
        cache_write_tokens: 50,
      },
      knowledge_gaps: [{ category: "shipping", count: 2 }],
    });
  });

  it("reports no cost per stayed-resolved ticket when none stayed resolved", () => {
    const metrics = computeMetrics([decision({ outcome: "ask", modelCostUsd: 0.02 })], [], march);
    expect(metrics.cost).toMatchObject({ model_usd: 0.02, per_stayed_resolved_usd: null });
    expect(metrics.tickets.stayed_resolved).toBe(0);
  });

  it("divides the model cost of the range by the stayed-resolved tickets", () => {
    const decisions = [
      decision({ ticketId: "a", modelCostUsd: 0.1 }),
      decision({ ticketId: "b", modelCostUsd: 0.2 }),
      decision({ ticketId: "c", outcome: "escalate", reasons: ["legal"], modelCostUsd: 0.3 }),
    ];
    const metrics = computeMetrics(decisions, [], march);
    expect(metrics.tickets.stayed_resolved).toBe(2);
    expect(metrics.cost).toMatchObject({ model_usd: 0.6, per_stayed_resolved_usd: 0.3 });
  });

  it("counts messages by the day they were decided and tickets by the day they were first seen", () => {
    const decisions = [
      decision({ ticketId: "old", decidedAt: "2026-02-28T23:59:59Z" }),
      decision({ ticketId: "old", outcome: "ask", decidedAt: "2026-03-01T00:00:00Z" }),
      decision({ ticketId: "new", decidedAt: "2026-03-31T23:59:59Z" }),
      decision({ ticketId: "next", decidedAt: "2026-04-01T00:00:00Z" }),
    ];
    const metrics = computeMetrics(decisions, [], { ...march, now: new Date("2026-06-01T00:00:00Z") });
    expect(metrics.messages).toBe(2);
    expect(metrics.outcomes).toMatchObject({ answered: 1, asked: 1 });
    // "old" was first seen in February, "next" in April: only "new" is March's ticket.
    expect(metrics.tickets).toMatchObject({ handled: 1, ai_resolved: 1 });
  });

  it("answers zeros and empty maps for an empty ledger", () => {
    const metrics = computeMetrics([], [], march);
    expect(metrics.messages).toBe(0);
    expect(metrics.tickets.handled).toBe(0);
    expect(Object.values(metrics.by_category).every((c) => c.messages + c.escalated + c.ai_resolved === 0)).toBe(true);
    expect(nonZero(metrics.escalation_reasons)).toEqual({});
    expect(metrics.escalation_reasons).toHaveProperty("human_requested", 0);
    expect(metrics.knowledge_gaps).toEqual([]);
    expect(metrics.escalation_first_reply).toEqual({ replied: 0, median_minutes: null });
    expect(metrics.escalations_by_category).toEqual({});
  });

  it("crosses escalations by category and reason: every reason of a message, no category as unknown", () => {
    const metrics = computeMetrics(
      [
        decision({ ticketId: "1", outcome: "escalate", reasons: ["fraud", "vip"], category: "billing" }),
        decision({ ticketId: "2", outcome: "escalate", reasons: ["fraud"], category: "billing" }),
        decision({ ticketId: "3", outcome: "escalate", reasons: ["model_error"], category: null }),
        // Not escalations: a knowledge-gap ask and an answer do not enter the cross.
        decision({ ticketId: "4", outcome: "ask", reasons: ["knowledge_gap"], category: "shipping" }),
        decision({ ticketId: "5", category: "shipping" }),
      ],
      [],
      march,
    );
    expect(metrics.escalations_by_category).toEqual({
      billing: { fraud: 2, vip: 1 },
      unknown: { model_error: 1 },
    });
  });

  it("orders knowledge gaps by count, then category", () => {
    const gap = (category: string | null) => decision({ outcome: "ask", reasons: ["knowledge_gap"], category });
    const metrics = computeMetrics([gap("returns"), gap("billing"), gap(null), gap("billing")], [], march);
    expect(metrics.knowledge_gaps).toEqual([
      { category: "billing", count: 2 },
      { category: "returns", count: 1 },
      { category: "unknown", count: 1 },
    ]);
  });
});

describe("reportRange: every bad day is named", () => {
  it.each([
    { from: "2026-3-1", to: "2026-03-07", error: /^from: expected a day as YYYY-MM-DD/ },
    { from: "2026-03-01", to: "2026-02-30", error: /^to: expected a day as YYYY-MM-DD.*"2026-02-30"/ },
    { from: "2026-03-07", to: "2026-03-01", error: /^to: must be the same day as from \(2026-03-07\) or later/ },
  ])("$from .. $to", ({ from, to, error }) => {
    expect(() => reportRange(from, to)).toThrow(error);
  });

  it("includes both days", () => {
    expect(reportRange("2026-03-01", "2026-03-01")).toEqual({
      startMs: Date.parse("2026-03-01T00:00:00Z"),
      endMs: Date.parse("2026-03-02T00:00:00Z"),
    });
  });
});
