import { describe, expect, it } from "vitest";
import { defaultSettings } from "../../src/config/settings-schema.ts";
import type { Passage } from "../../src/ports/knowledge.ts";
import { withFreshness } from "../../src/knowledge/passage-freshness.ts";
import { checkStaleKnowledge } from "../../src/policy/check-stale-knowledge.ts";

const now = new Date("2026-11-23T12:00:00Z");
const rules = { now, staleAfterDays: defaultSettings.staleAfterDays, volatileTopics: defaultSettings.volatileTopics };
const passage = (id: string, updatedAt: string | null, title: string, text = "Some text."): Passage => ({
  id,
  title,
  url: "u",
  updatedAt,
  text,
});

describe("withFreshness", () => {
  it.each([
    ["old pricing page", passage("a#1", "2026-01-01T00:00:00Z", "Pricing"), 326, true],
    [
      "old page, volatile word only in text",
      passage("b#1", "2026-05-01T00:00:00Z", "Plans", "The refund window is 30 days."),
      206,
      true,
    ],
    ["old page on a stable topic", passage("c#1", "2025-01-01T00:00:00Z", "Reset your password"), 691, false],
    ["recent pricing page", passage("d#1", "2026-11-01T00:00:00Z", "Pricing"), 22, false],
    ["exactly at the threshold", passage("e#1", "2026-08-25T12:00:00Z", "Fees"), 90, false],
    ["a word that only contains a topic", passage("f#1", "2025-01-01T00:00:00Z", "Priceless moments"), 691, false],
  ])("%s", (_name, p, ageDays, stale) => {
    expect(withFreshness([p], rules)[0]).toMatchObject({ ageDays, stale });
  });

  it("an undated passage has no age and is never stale", () => {
    const [p] = withFreshness([passage("g#1", null, "Pricing")], rules);
    expect(p?.stale).toBe(false);
    expect(p && "ageDays" in p).toBe(false);
  });

  it("follows the settings: no volatile topics means nothing is stale", () => {
    expect(
      withFreshness([passage("a#1", "2020-01-01T00:00:00Z", "Pricing")], { ...rules, volatileTopics: [] })[0]?.stale,
    ).toBe(false);
  });
});

describe("checkStaleKnowledge", () => {
  const stale = { ...passage("s#1", "2020-01-01T00:00:00Z", "Pricing"), stale: true };
  const fresh = { ...passage("f#1", "2026-11-01T00:00:00Z", "Pricing"), stale: false };
  const escalate = { staleKnowledgeAction: "escalate" as const };

  it("an answer citing only stale passages gets the configured action", () => {
    expect(checkStaleKnowledge({ sourceIds: ["s#1"], passages: [stale, fresh], settings: escalate })).toBe("escalate");
    expect(
      checkStaleKnowledge({ sourceIds: ["s#1"], passages: [stale], settings: { staleKnowledgeAction: "draft" } }),
    ).toBe("draft");
  });

  it("one current cited source, or no citation at all, is fine", () => {
    expect(checkStaleKnowledge({ sourceIds: ["s#1", "f#1"], passages: [stale, fresh], settings: escalate })).toBe(
      "fresh",
    );
    expect(checkStaleKnowledge({ sourceIds: [], passages: [stale], settings: escalate })).toBe("fresh");
  });
});
