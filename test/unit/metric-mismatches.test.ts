import { describe, expect, it } from "vitest";
import { metricMismatches } from "../browser/metric-mismatches.ts";

// The browser suite's comparison of the Overview's numbers with GET /admin/metrics: it must be able to fail.
const REPORT = {
  messages: 4,
  tickets: { ai_resolved: 1, waiting: 2 },
  cost: { per_stayed_resolved_usd: null, model_usd: 0.0123 },
  knowledge_gaps: [{ category: "billing", count: 3 }],
};

describe("metricMismatches", () => {
  it("accepts raw values equal to the API's, nested and in arrays", () => {
    const shown = [
      { path: "messages", raw: "4" },
      { path: "tickets.ai_resolved", raw: "1" },
      { path: "cost.model_usd", raw: "0.0123" },
      { path: "cost.per_stayed_resolved_usd", raw: "" },
      { path: "knowledge_gaps.0.count", raw: "3" },
    ];
    expect(metricMismatches(shown, REPORT)).toEqual([]);
  });

  it("names every number that differs, is formatted, missing or not a leaf", () => {
    const shown = [
      { path: "messages", raw: "5" },
      { path: "tickets.waiting", raw: "" },
      { path: "cost.model_usd", raw: "$0.01" },
      { path: "cost.per_stayed_resolved_usd", raw: "0" },
      { path: "tickets.invented", raw: "1" },
      { path: "tickets", raw: "3" },
    ];
    expect(metricMismatches(shown, REPORT)).toEqual([
      'messages: page shows "5", the API 4',
      'tickets.waiting: page shows "", the API 2',
      'cost.model_usd: page shows "$0.01", the API 0.0123',
      'cost.per_stayed_resolved_usd: page shows "0", the API null',
      "tickets.invented: not in the /admin/metrics answer",
      "tickets: names an object, not a number",
    ]);
  });
});
