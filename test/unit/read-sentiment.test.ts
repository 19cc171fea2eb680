import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectTriggers } from "../../src/triage/detect-triggers.ts";

/**
 * Our own paraphrases of how unhappy customers write to support (one per complaint structure) and
 * of plain requests and questions that share their words. The same file runs through
 * `npm run eval:triage -- test/fixtures/triage/complaint-paraphrases.jsonl`.
 */
const rows = readFileSync(new URL("../fixtures/triage/complaint-paraphrases.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as { family: string; text: string; triggers: { negative_sentiment: 0 | 1 } });

describe("negative_sentiment on complaint structures", () => {
  it("has both complaints and hard negatives in the table", () => {
    expect(rows.filter((row) => row.triggers.negative_sentiment === 1).length).toBeGreaterThanOrEqual(30);
    expect(rows.filter((row) => row.triggers.negative_sentiment === 0).length).toBeGreaterThanOrEqual(20);
  });

  it.each(rows)("$family: $text", ({ text, triggers }) => {
    expect(detectTriggers(text).negative_sentiment).toBe(triggers.negative_sentiment === 1);
  });
});
