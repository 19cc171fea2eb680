import { describe, expect, it } from "vitest";
import { d1Ledger } from "../../src/ledger/d1-ledger.ts";
import type { HandoffRating, ReviewVerdict } from "../../src/domain/review.ts";
import { at, DAY, decision, HOUR } from "../support/ledger-rows.ts";
import { sqliteD1 } from "../support/sqlite-d1.ts";

const ACME = { platform: "zendesk", account: "acme" } as const;
const escalation = (eventId: string, offset = 0) =>
  decision({ eventId, outcome: "escalate", reasons: ["refund_request"], publicReply: false, decidedAt: at(offset) });
const rating = (overrides: Partial<HandoffRating> = {}): HandoffRating => ({
  ...ACME,
  decisionEventId: "esc-1",
  rating: "useful",
  rater: "agent-7",
  ratedAt: at(HOUR),
  ...overrides,
});
const verdict = (overrides: Partial<ReviewVerdict> = {}): ReviewVerdict => ({
  ...ACME,
  decisionEventId: "esc-1",
  verdict: "right_call",
  comment: null,
  reviewer: "admin",
  reviewedAt: at(HOUR),
  ...overrides,
});
const week = { ...ACME, from: at(-DAY), to: at(6 * DAY) };

describe("handoff ratings in the ledger", () => {
  it("keeps one rating per rater and decision: a new one replaces theirs", async () => {
    const db = sqliteD1();
    const ledger = d1Ledger(db);
    await ledger.recordDecision(escalation("esc-1"));
    expect(await ledger.rateHandoff(rating())).toBe("recorded");
    expect(await ledger.rateHandoff(rating({ rating: "missing_section:facts", ratedAt: at(2 * HOUR) }))).toBe(
      "recorded",
    );
    expect(await ledger.rateHandoff(rating({ rater: "agent-8", rating: "wrong_escalation:should_have_asked" }))).toBe(
      "recorded",
    );
    expect(await ledger.handoffRating(ACME, "esc-1", "agent-7")).toEqual(
      rating({ rating: "missing_section:facts", ratedAt: at(2 * HOUR) }),
    );
    expect(db.database.prepare("SELECT COUNT(*) AS n FROM handoff_ratings").get()).toEqual({ n: 2 });
    expect(await ledger.reviewCounts({ ...week, asOf: at(DAY) })).toEqual({
      ratings: [
        { rating: "missing_section:facts", count: 1 },
        { rating: "wrong_escalation:should_have_asked", count: 1 },
      ],
      verdicts: [],
    });
  });

  it("stores nothing for an unknown decision or one that did not escalate", async () => {
    const ledger = d1Ledger(sqliteD1());
    await ledger.recordDecision(decision({ eventId: "ans-1" }));
    await ledger.recordDecision(escalation("esc-1"));
    expect(await ledger.rateHandoff(rating({ decisionEventId: "nope" }))).toBe("unknown_decision");
    expect(await ledger.rateHandoff(rating({ decisionEventId: "ans-1" }))).toBe("not_an_escalation");
    // Same event id in another account is another decision.
    expect(await ledger.rateHandoff(rating({ account: "globex" }))).toBe("unknown_decision");
    expect(await ledger.handoffRating(ACME, "ans-1", "agent-7")).toBeNull();
  });

  it("refuses a rating that is not one of the values, naming the field", async () => {
    const ledger = d1Ledger(sqliteD1());
    await ledger.recordDecision(escalation("esc-1"));
    await expect(ledger.rateHandoff(rating({ rating: "great" as never }))).rejects.toThrow(/^rating: "great"/);
    await expect(ledger.rateHandoff(rating({ rating: "missing_section:vibes" as never }))).rejects.toThrow(/^rating:/);
    await expect(ledger.rateHandoff(rating({ rater: " " }))).rejects.toThrow(/^rater: empty/);
  });
});

describe("review verdicts in the ledger", () => {
  it("keeps the latest verdict per decision with its comment masked", async () => {
    const ledger = d1Ledger(sqliteD1());
    await ledger.recordDecision(escalation("esc-1"));
    expect(await ledger.recordVerdict(verdict())).toBe("recorded");
    expect(
      await ledger.recordVerdict(
        verdict({
          verdict: "should_have_answered",
          comment: "  Customer jane.doe@example.com asked a plain FAQ  ",
          reviewedAt: at(2 * HOUR),
        }),
      ),
    ).toBe("recorded");
    expect(await ledger.verdict(ACME, "esc-1")).toEqual(
      verdict({
        verdict: "should_have_answered",
        comment: "Customer [email] asked a plain FAQ",
        reviewedAt: at(2 * HOUR),
      }),
    );
    expect(await ledger.recordVerdict(verdict({ decisionEventId: "nope" }))).toBe("unknown_decision");
  });

  it("refuses a bad verdict or a comment over the bound, naming the field", async () => {
    const ledger = d1Ledger(sqliteD1());
    await ledger.recordDecision(escalation("esc-1"));
    await expect(ledger.recordVerdict(verdict({ verdict: "meh" as never }))).rejects.toThrow(/^verdict: "meh"/);
    await expect(ledger.recordVerdict(verdict({ comment: "x".repeat(1001) }))).rejects.toThrow(
      /^comment: 1001 characters; .*1000/,
    );
    expect(await ledger.verdict(ACME, "esc-1")).toBeNull();
  });

  it("queues escalations and answers without a verdict, oldest first, and counts verdicts as of a time", async () => {
    const ledger = d1Ledger(sqliteD1());
    await ledger.recordDecision(escalation("esc-late", 2 * HOUR));
    await ledger.recordDecision(decision({ eventId: "ans-early", decidedAt: at(HOUR) }));
    await ledger.recordDecision(escalation("esc-1", 0));
    await ledger.recordDecision(decision({ eventId: "ask-1", outcome: "ask", decidedAt: at(0) }));
    await ledger.recordDecision(decision({ eventId: "skip-1", outcome: "skip", decidedAt: at(0) }));
    await ledger.recordDecision(escalation("esc-before-range", -2 * DAY));
    await ledger.recordVerdict(verdict({ decisionEventId: "esc-1" }));

    const queue = await ledger.reviewQueue(week);
    expect(queue.map((d) => d.eventId)).toEqual(["ans-early", "esc-late"]);
    expect(queue[1]?.sources).toEqual([{ id: "kb-1", ageDays: 10 }]);
    expect((await ledger.reviewQueue({ ...week, limit: 1 })).map((d) => d.eventId)).toEqual(["ans-early"]);

    await ledger.recordVerdict(
      verdict({ decisionEventId: "esc-late", verdict: "handoff_incomplete", reviewedAt: at(DAY) }),
    );
    expect(await ledger.reviewCounts({ ...week, asOf: at(2 * HOUR) })).toEqual({
      ratings: [],
      verdicts: [{ verdict: "right_call", count: 1 }],
    });
    expect((await ledger.reviewCounts({ ...week, asOf: at(2 * DAY) })).verdicts).toEqual([
      { verdict: "handoff_incomplete", count: 1 },
      { verdict: "right_call", count: 1 },
    ]);
  });
});

describe("the settings audit trail and retention", () => {
  it("lists changes newest first with values masked and truncated", async () => {
    const ledger = d1Ledger(sqliteD1());
    const change = { ...ACME, changedBy: "admin", setting: "mode" };
    await ledger.recordSettingChange({ ...change, changedAt: at(0), oldValue: null, newValue: '"shadow"' });
    await ledger.recordSettingChange({
      ...change,
      setting: "handoff_footer",
      changedAt: at(HOUR),
      oldValue: '"call 415-555-0142"',
      newValue: `"${"y".repeat(600)}"`,
    });
    const changes = await ledger.settingChanges(ACME);
    expect(changes.map((c) => c.setting)).toEqual(["handoff_footer", "mode"]);
    expect(changes[0]?.oldValue).toBe('"call [phone]"');
    expect(changes[0]?.newValue).toHaveLength(500);
    expect(changes[1]).toEqual({ ...change, changedAt: at(0), oldValue: null, newValue: '"shadow"' });
    expect(await ledger.settingChanges({ ...ACME, account: "globex" })).toEqual([]);
  });

  it("deletes old decisions' ratings and verdicts and old settings changes with them", async () => {
    const db = sqliteD1();
    const ledger = d1Ledger(db);
    await ledger.recordDecision(escalation("old", -10 * DAY));
    await ledger.recordDecision(escalation("new", 0));
    // Rated recently, but about a decision retention removes: it goes with its decision.
    await ledger.rateHandoff(rating({ decisionEventId: "old", ratedAt: at(0) }));
    await ledger.rateHandoff(rating({ decisionEventId: "new" }));
    await ledger.recordVerdict(verdict({ decisionEventId: "old", reviewedAt: at(0) }));
    await ledger.recordVerdict(verdict({ decisionEventId: "new" }));
    const change = { ...ACME, changedBy: "admin", setting: "mode", oldValue: null, newValue: '"draft"' };
    await ledger.recordSettingChange({ ...change, changedAt: at(-10 * DAY) });
    await ledger.recordSettingChange({ ...change, changedAt: at(0) });

    expect(await ledger.deleteAccountOlderThan(ACME, at(-DAY))).toEqual({
      decisions: 1,
      lifecycle: 0,
      handoffRatings: 1,
      reviewVerdicts: 1,
      settingChanges: 1,
    });
    expect(await ledger.handoffRating(ACME, "new", "agent-7")).not.toBeNull();
    expect(await ledger.verdict(ACME, "old")).toBeNull();
    expect((await ledger.settingChanges(ACME)).map((c) => c.changedAt)).toEqual([at(0)]);
  });
});
