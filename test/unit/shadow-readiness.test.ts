import { describe, expect, it } from "vitest";
import type { ShadowDecision, ShadowEvent, ShadowRows } from "../../src/domain/shadow-scoring.ts";
import { shadowReadiness } from "../../src/rollout/shadow-readiness.ts";

const DAY = 86_400_000;
const START = Date.parse("2026-11-01T00:00:00.000Z");
const iso = (ms: number) => new Date(START + ms).toISOString();
const RANGE = { from: iso(0), to: iso(30 * DAY) };

/** `n` tickets of one category, each with one shadow decision and the human's answer an hour later. */
function tickets(
  category: string,
  n: number,
  human: (i: number) => "agree" | "disagree" | "none",
  overrides: Partial<ShadowDecision> = {},
): ShadowRows {
  const decisions: ShadowDecision[] = [];
  const events: ShadowEvent[] = [];
  for (let i = 0; i < n; i++) {
    const ticketId = `${category}-${i}`;
    const at = (i % 25) * DAY;
    decisions.push({
      ticketId,
      eventId: `d-${ticketId}`,
      decidedAt: iso(at),
      mode: "shadow",
      outcome: "answer",
      category,
      proposedReply: "Refunds take 5 days.",
      ...overrides,
    });
    const kind = human(i);
    if (kind === "none") continue;
    events.push(
      kind === "agree"
        ? {
            ticketId,
            eventId: `c-${ticketId}`,
            kind: "human_public_reply",
            at: iso(at + 3_600_000),
            detail: null,
            replyText: "Your refund arrives within 5 days.",
          }
        : { ticketId, eventId: `g-${ticketId}`, kind: "group_changed", at: iso(at + 3_600_000), detail: "7" },
    );
  }
  return { decisions, events };
}

const merge = (...parts: ShadowRows[]): ShadowRows => ({
  decisions: parts.flatMap((p) => p.decisions),
  events: parts.flatMap((p) => p.events),
});

describe("shadowReadiness", () => {
  const rows = merge(
    tickets("billing", 40, () => "agree"),
    tickets("shipping", 40, (i) => (i < 30 ? "agree" : "disagree")),
    tickets("returns", 12, () => "agree"),
    tickets("account", 35, (i) => (i < 33 ? "agree" : "none")),
  );
  const readiness = shadowReadiness(rows, { ...RANGE, threshold: 0.8, minSamples: 30 });
  const category = (name: string) => readiness.categories.find((c) => c.category === name);

  it("is ready where the lower bound clears the threshold over enough samples", () => {
    expect(readiness.ready_categories).toEqual(["account", "billing"]);
    expect(category("billing")).toMatchObject({
      samples: 40,
      pending: 0,
      decision_agreement: { count: 40, total: 40, rate: 1 },
      answer_agreement: { count: 40, total: 40, conflicting_facts: 0 },
      ready: true,
      not_ready_because: [],
    });
  });

  it("gives the Wilson 95% interval with every share", () => {
    // 30 of 40: Wilson 95% is 0.5981 to 0.8581 (computed by hand from the Wilson formula, z = 1.96).
    expect(category("shipping")?.decision_agreement).toEqual({
      count: 30,
      total: 40,
      rate: 0.75,
      interval: { low: 0.5981, high: 0.8581, method: "wilson_95" },
    });
    expect(category("shipping")?.not_ready_because).toEqual(["decision_agreement"]);
  });

  it("says when there are too few samples, and leaves decisions nobody acted on unscored", () => {
    // 12 of 12 agree, yet 12 samples are too few, and their lower bound (0.7575) is below 0.8 too.
    expect(category("returns")).toMatchObject({
      samples: 12,
      decision_agreement: { interval: { low: 0.7575 } },
      ready: false,
      not_ready_because: ["samples", "decision_agreement", "answer_agreement"],
    });
    expect(category("account")).toMatchObject({ samples: 33, pending: 2 });
  });

  it("scores only shadow and draft decisions of the range; skips and autosend are left out", () => {
    const outside = merge(
      tickets("billing", 3, () => "agree", { mode: "autosend" }),
      tickets("billing", 3, () => "agree", { outcome: "skip" }),
      tickets("billing", 3, () => "agree", { decidedAt: iso(31 * DAY) }),
    );
    expect(shadowReadiness(outside, { ...RANGE, threshold: 0.8, minSamples: 1 }).categories).toEqual([]);
  });

  it("counts draft acceptance", () => {
    const drafts = tickets("billing", 4, (i) => (i < 3 ? "agree" : "disagree"), {
      mode: "draft",
      proposedReply: "Your refund arrives within 5 days.",
    });
    expect(
      shadowReadiness(drafts, { ...RANGE, threshold: 0.8, minSamples: 1 }).categories[0]?.draft_acceptance,
    ).toMatchObject({
      count: 3,
      total: 4,
      unchanged: 3,
      edited: 0,
      discarded: 1,
      mean_edit_distance: 0,
    });
  });
});
