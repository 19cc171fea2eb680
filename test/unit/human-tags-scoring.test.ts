import { describe, expect, it } from "vitest";
import type { ShadowDecision, ShadowEvent } from "../../src/domain/shadow-scoring.ts";
import { scoreDecision } from "../../src/rollout/score-decision.ts";
import { shadowReadiness } from "../../src/rollout/shadow-readiness.ts";

const AT = "2026-11-02T09:00:00.000Z";
const later = (minutes: number) => new Date(Date.parse(AT) + minutes * 60_000).toISOString();

function decision(ticketId: string, category = "billing"): ShadowDecision {
  return { ticketId, eventId: `d-${ticketId}`, decidedAt: AT, mode: "shadow", outcome: "answer", category };
}

function tagged(ticketId: string, added: string[], minutes = 20, removed: string[] = []): ShadowEvent {
  return {
    ticketId,
    eventId: `tags:${ticketId}:${minutes}`,
    kind: "tags_changed",
    at: later(minutes),
    detail: JSON.stringify({ added, removed }),
  };
}

describe("what the human did: tags", () => {
  it("lists the tags humans added in the window, once each, first seen first", () => {
    const events = [tagged("101", ["vip", "refund"], 30), tagged("101", ["refund_request"], 10, ["old"])];
    const score = scoreDecision(decision("101"), events, Number.POSITIVE_INFINITY);
    expect(score.humanTags).toEqual(["refund_request", "vip", "refund"]);
  });

  it("a tag alone does not score the decision, and tags after the window do not count", () => {
    const events = [tagged("101", ["vip"], 8 * 24 * 60)];
    const score = scoreDecision(decision("101"), events, Number.POSITIVE_INFINITY);
    expect(score).toMatchObject({ human: "none", decisionAgrees: null, humanTags: [] });
    expect(scoreDecision(decision("101"), [tagged("101", ["vip"])], Infinity)).toMatchObject({
      human: "none",
      humanTags: ["vip"],
    });
  });

  it("an unreadable detail adds no tags", () => {
    const broken = { ...tagged("101", []), detail: "not json" };
    expect(scoreDecision(decision("101"), [broken], Infinity).humanTags).toEqual([]);
  });
});

describe("readiness: how often humans tagged after a decision", () => {
  it("counts decisions followed by a human tag per category, with the interval and the top tags", () => {
    const decisions = ["1", "2", "3", "4"].map((id) => decision(id));
    const events = [tagged("1", ["refund_request"]), tagged("2", ["refund_request", "vip"])];
    const readiness = shadowReadiness(
      { decisions: [...decisions, decision("9", "shipping")], events },
      { from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z", threshold: 0.8, minSamples: 1 },
    );
    const [billing, shipping] = readiness.categories;
    expect(billing?.human_tagged).toMatchObject({
      count: 2,
      total: 4,
      rate: 0.5,
      interval: { method: "wilson_95" },
      top_tags: [
        { tag: "refund_request", count: 2 },
        { tag: "vip", count: 1 },
      ],
    });
    // Wilson 95% for 2 of 4: 0.1500 to 0.8500.
    expect(billing?.human_tagged.interval).toMatchObject({ low: 0.15, high: 0.85 });
    expect(shipping?.human_tagged).toMatchObject({ count: 0, total: 1, top_tags: [] });
  });
});
