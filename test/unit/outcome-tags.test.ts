import { describe, expect, it } from "vitest";
import { outcomeTags } from "../../src/handoff/outcome-tags.ts";

describe("outcomeTags", () => {
  it.each<{ rule: string; plan: Parameters<typeof outcomeTags>[0]; prefix: string; expected: string[] }>([
    { rule: "answer", plan: { outcome: "answer", reasons: [] }, prefix: "deskmate_", expected: ["deskmate_answered"] },
    { rule: "ask", plan: { outcome: "ask", reasons: [] }, prefix: "deskmate_", expected: ["deskmate_asked"] },
    { rule: "act", plan: { outcome: "act", reasons: [] }, prefix: "deskmate_", expected: ["deskmate_acted"] },
    {
      rule: "escalate: one reason tag per reason, in order, no duplicates",
      plan: { outcome: "escalate", reasons: ["fraud", "negative_streak", "fraud"] },
      prefix: "deskmate_",
      expected: ["deskmate_escalated", "deskmate_reason_fraud", "deskmate_reason_negative_streak"],
    },
    {
      rule: "custom prefix",
      plan: { outcome: "escalate", reasons: ["model_error"] },
      prefix: "dm-",
      expected: ["dm-escalated", "dm-reason_model_error"],
    },
    {
      rule: "codes are made tag-safe",
      plan: { outcome: "escalate", reasons: ["Odd Code!"] },
      prefix: "deskmate_",
      expected: ["deskmate_escalated", "deskmate_reason_odd_code_"],
    },
  ])("$rule", ({ plan, prefix, expected }) => {
    expect(outcomeTags(plan, prefix)).toEqual(expected);
  });
});
