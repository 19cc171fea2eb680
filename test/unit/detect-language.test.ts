import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUNDLED_LOCALES } from "../../src/handoff/bundled-messages.ts";
import { detectLanguage } from "../../src/lib/detect-language.ts";

/**
 * Support messages written for this test, one per line, in each bundled language: `<lang>.txt` (70
 * each, the word lists were tuned on them) and `<lang>-holdout.txt` (20 each, written afterwards and
 * never tuned on).
 */
const sentences = (language: string): string[] =>
  [`${language}.txt`, `${language}-holdout.txt`].flatMap((file) =>
    readFileSync(new URL(`../fixtures/languages/${file}`, import.meta.url), "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean),
  );

describe("detectLanguage on customer messages in the five bundled languages", () => {
  it.each(BUNDLED_LOCALES.map((language) => [language]))(
    "%s: never confidently wrong, mostly confident",
    (language) => {
      const lines = sentences(language);
      const results = lines.map((line) => ({ line, detected: detectLanguage(line) }));
      const confidentlyWrong = results.filter((r) => r.detected?.confident && r.detected.language !== language);
      const confidentlyRight = results.filter((r) => r.detected?.confident && r.detected.language === language);
      expect(confidentlyWrong.map((r) => `${r.detected?.language}: ${r.line}`)).toEqual([]);
      expect(confidentlyRight.length / lines.length).toBeGreaterThanOrEqual(0.8);
    },
  );
});

describe("detectLanguage on short or mixed text", () => {
  it("a greeting alone is not enough to be confident", () => {
    expect(detectLanguage("Hola")?.confident).toBe(false);
  });
  it("no words of any language: nothing detected", () => {
    expect(detectLanguage("#4412 ??? 12,50")).toBeNull();
  });
});
