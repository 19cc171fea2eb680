import { describe, expect, it } from "vitest";
import { DEFAULT_ESCALATION_MESSAGE } from "../../src/config/settings-schema.ts";
import { escalationMessage } from "../../src/handoff/escalation-message.ts";
import { groupForCategory } from "../../src/policy/group-for-category.ts";
import { priorityForUrgency } from "../../src/policy/priority-for-urgency.ts";
import type { Priority } from "../../src/domain/ticket.ts";

describe("priorityForUrgency", () => {
  it.each<{ rule: string; urgency: Priority | null; reasons: string[]; expected: Priority }>([
    { rule: "model urgency maps one to one", urgency: "low", reasons: ["low_confidence"], expected: "low" },
    { rule: "no urgency (model failed) → normal", urgency: null, reasons: ["model_error"], expected: "normal" },
    { rule: "fraud is at least high", urgency: "low", reasons: ["fraud"], expected: "high" },
    { rule: "security is at least high", urgency: null, reasons: ["security"], expected: "high" },
    { rule: "legal is at least high", urgency: "normal", reasons: ["legal"], expected: "high" },
    { rule: "safety is urgent", urgency: "normal", reasons: ["human_requested", "safety"], expected: "urgent" },
    { rule: "a floor never lowers the model's urgency", urgency: "urgent", reasons: ["fraud"], expected: "urgent" },
  ])("$rule", ({ urgency, reasons, expected }) => {
    expect(priorityForUrgency(urgency, reasons)).toBe(expected);
  });
});

describe("groupForCategory", () => {
  const settings = { groupByCategory: { billing: "360100" }, fallbackGroupId: "360999" };
  it.each([
    { rule: "the category's group", category: "billing", s: settings, expected: "360100" },
    { rule: "unmapped category → fallback group", category: "refund", s: settings, expected: "360999" },
    { rule: "no category (model failed) → fallback group", category: null, s: settings, expected: "360999" },
    {
      rule: "nothing configured → no reassignment",
      category: "billing",
      s: { groupByCategory: {}, fallbackGroupId: null },
      expected: undefined,
    },
  ])("$rule", ({ category, s, expected }) => {
    expect(groupForCategory(category, s)).toBe(expected);
  });
});

describe("escalationMessage", () => {
  it("the default is warm and never says 'contact support'", () => {
    const text = escalationMessage({ escalationMessage: DEFAULT_ESCALATION_MESSAGE });
    expect(text).toBe(DEFAULT_ESCALATION_MESSAGE);
    expect(text.toLowerCase()).not.toContain("contact support");
  });
  it.each([
    {
      rule: "admin text is used as written",
      configured: "A teammate is taking over here shortly.",
      expected: "A teammate is taking over here shortly.",
    },
    {
      rule: "admin text saying 'contact support' falls back to the default",
      configured: "Please contact support for help.",
      expected: DEFAULT_ESCALATION_MESSAGE,
    },
    {
      rule: "…also in other words ('Contact our support team')",
      configured: "Contact our  support team by phone.",
      expected: DEFAULT_ESCALATION_MESSAGE,
    },
  ])("$rule", ({ configured, expected }) => {
    expect(escalationMessage({ escalationMessage: configured })).toBe(expected);
  });
});
