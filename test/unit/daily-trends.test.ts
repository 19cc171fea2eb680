import { describe, expect, it } from "vitest";
import { computeMetrics } from "../../src/metrics/compute-metrics.ts";
import { dailyTrends, MAX_TREND_DAYS, trendDays } from "../../src/metrics/daily-trends.ts";
import { jsonForScriptBlock, trendSummary } from "../../src/http/console/trend-charts.ts";
import { DAY, decision, event, HOUR } from "../support/ledger-rows.ts";

const zd = (ticketId: string) => ({ platform: "zendesk" as const, account: "acme", ticketId });

describe("trendDays", () => {
  it("lists the UTC days of a range, both ends included, across a month end", () => {
    expect(trendDays("2026-02-27", "2026-03-02")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(trendDays("2026-03-02", "2026-03-02")).toEqual(["2026-03-02"]);
  });

  it(`covers at most ${MAX_TREND_DAYS} days`, () => {
    expect(trendDays("2026-03-01", "2026-03-31")).toHaveLength(31);
    expect(trendDays("2026-03-01", "2026-04-01")).toBeNull();
  });
});

describe("dailyTrends", () => {
  it("computes each day's rates from that day's metrics, null where nothing divides", () => {
    // Monday: one answer solved and kept, one escalation answered by a human after 30 minutes.
    // Tuesday: one answer solved then reopened. Wednesday: nothing.
    const decisions = [
      decision({ ...zd("1"), modelCostUsd: 0.02 }),
      decision({ ...zd("2"), outcome: "escalate", reasons: ["human_requested"], modelCostUsd: 0.01 }),
      decision({ ...zd("3"), decidedAt: new Date(Date.parse("2026-03-03T10:00:00Z")).toISOString() }),
    ];
    const events = [
      event("solved", 2 * HOUR, zd("1")),
      event("human_public_reply", 30 * 60_000, zd("2")),
      event("solved", DAY + 2 * HOUR, zd("3")),
      event("reopened", 2 * DAY, zd("3")),
    ];
    const now = new Date("2026-03-20T00:00:00Z");
    const perDay = ["2026-03-02", "2026-03-03", "2026-03-04"].map((day) => ({
      day,
      metrics: computeMetrics(decisions, events, { from: day, to: day, now }),
    }));
    expect(dailyTrends(perDay)).toEqual({
      days: ["2026-03-02", "2026-03-03", "2026-03-04"],
      resolution_rate: [0.5, 1, null],
      false_resolution_rate: [0, 1, null],
      escalation_rate: [0.5, 0, null],
      cost_per_stayed_resolved_usd: [0.03, null, null],
      first_reply_median_minutes: [30, null, null],
    });
  });
});

describe("chart text alternatives", () => {
  const percent = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);

  it("summarises a series: lowest, highest and the last day", () => {
    expect(trendSummary(["2026-03-02", "2026-03-03", "2026-03-04"], [0.5, 1, null], percent)).toBe(
      "2 of 3 days have a value; lowest 50% on 2026-03-02, highest 100% on 2026-03-03; last day —.",
    );
    expect(trendSummary(["2026-03-02"], [null], percent)).toBe("No value on any of the 1 days.");
  });

  it("keeps the JSON data block from closing its script element", () => {
    expect(jsonForScriptBlock({ day: "</script><script>alert(1)</script>" })).toBe(
      '{"day":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"}',
    );
  });
});
