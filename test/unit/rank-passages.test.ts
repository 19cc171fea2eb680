import { describe, expect, it } from "vitest";
import type { Passage } from "../../src/ports/knowledge.ts";
import { rankPassages } from "../../src/knowledge/rank-passages.ts";
import { splitArticle } from "../../src/knowledge/split-article.ts";

const para = (topic: string, n: number) =>
  `${topic} `.repeat(1) + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(n);

const billingFaq: Passage = {
  id: "zd-article:42",
  title: "Billing FAQ",
  url: "https://acme.example/hc/articles/42",
  updatedAt: "2026-11-01T00:00:00Z",
  text: [
    "Changing your plan",
    para("Upgrade or downgrade your plan at any time from the account page.", 8),
    "Payment methods",
    para("We accept Visa, Mastercard and bank transfer for annual plans.", 8),
    "Refund timing",
    "Refunds reach your card within 5-7 business days after we approve them. Bank transfers take up to 10 days.",
  ].join("\n\n"),
};

describe("splitArticle", () => {
  it("splits at headings and paragraphs into ~400-800 char passages that keep the article's metadata", () => {
    const parts = splitArticle(billingFaq);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.map((p) => p.id)).toEqual(parts.map((_, i) => `zd-article:42#${i + 1}`));
    for (const p of parts) {
      expect(p.text.length).toBeLessThanOrEqual(800);
      expect(p).toMatchObject({ title: "Billing FAQ", url: billingFaq.url, updatedAt: billingFaq.updatedAt });
    }
    // A heading opens its section's passage instead of dangling at the end of the previous one.
    expect(parts.find((p) => p.text.includes("Refunds reach your card"))?.text.startsWith("Refund timing")).toBe(true);
  });

  it("keeps a short article whole and cuts a single over-long paragraph at sentence ends", () => {
    expect(splitArticle({ ...billingFaq, text: "Short answer." })).toEqual([
      { ...billingFaq, id: "zd-article:42#1", text: "Short answer." },
    ]);
    const long = splitArticle({ ...billingFaq, text: "This sentence is about forty characters. ".repeat(60) });
    expect(long.length).toBeGreaterThan(2);
    expect(long.every((p) => p.text.length <= 800 && p.text.endsWith("."))).toBe(true);
  });
});

describe("rankPassages", () => {
  const other: Passage = {
    id: "zd-article:7",
    title: "Refund policy overview",
    url: "u",
    updatedAt: null,
    text: "Our policy explains which items can be returned.",
  };

  it("ranks the passage that answers first, not just the article that matches", () => {
    const pool = [...splitArticle(billingFaq), other];
    const ranked = rankPassages("How many days until my refund reaches my card?", pool, 3);
    expect(ranked[0]?.text).toContain("Refunds reach your card within 5-7 business days");
    expect(ranked[0]?.id).toMatch(/^zd-article:42#\d+$/);
    expect(ranked[0]?.id).not.toBe("zd-article:42#1");
  });

  it("returns at most `limit` passages, only those matching a term; stop words alone match nothing", () => {
    const pool = [...splitArticle(billingFaq), other];
    expect(rankPassages("refund", pool, 1)).toHaveLength(1);
    expect(rankPassages("how do I", pool, 5)).toEqual([]);
    expect(rankPassages("xylophone", pool, 5)).toEqual([]);
    expect(rankPassages("refund", [], 5)).toEqual([]);
  });
});
