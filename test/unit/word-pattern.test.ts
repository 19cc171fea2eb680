import { describe, expect, it } from "vitest";
import { wordPattern } from "../../src/triage/word-pattern.ts";

describe("wordPattern", () => {
  it("joins groups of alternatives into one whole-word alternation", () => {
    const pattern = wordPattern([String.raw`refund\w*|money back`, "reembolso"]);

    expect(pattern.source).toBe(String.raw`\b(?:refund\w*|money back|reembolso)\b`);
    expect(pattern.test("i want my money back now")).toBe(true);
    expect(pattern.test("refunded twice")).toBe(true);
    expect(pattern.test("quiero un reembolso")).toBe(true);
  });

  it("matches whole words only, with the flags given", () => {
    expect(wordPattern(["late"]).test("please translate this")).toBe(false);
    expect(wordPattern(["late"]).test("LATE again")).toBe(false);
    expect(wordPattern(["late"], "i").test("LATE again")).toBe(true);
  });
});
