import { describe, expect, it } from "vitest";
import { detectConfirmation } from "../../src/triage/detect-confirmation.ts";

describe("detectConfirmation", () => {
  it.each([
    ["thanks, that worked!", true],
    ["perfect, all sorted", true],
    ["Thank you so much, it's working now 🎉", true],
    ["👍 thanks, all sorted ❤️", true],
    ["That did the trick. Cheers!", true],
    ["Thanks!", true],
    ["problem solved, thanks a lot", true],
    ["Great, thank you for your help. Have a nice day!", true],
    ["all good now, much appreciated", true],
    ["thanks, but it still fails", false],
    ["thanks! one more question?", false],
    ["didn't work", false],
    ["It is not working, thanks", false],
    ["ok thanks, I'll try that tomorrow", false],
    ["no thanks", false],
    ["thanks for nothing", false],
    ["Is it fixed?", false],
    ["perfect", false],
    ["great", false],
    ["thanks, Anna", false],
    ["that worked for the first order but not the second, thanks", false],
    ["Danke, hat funktioniert!", false],
    ["", false],
    [`thanks ${"!".repeat(200)}`, false],
  ])("%j -> %s", (text, expected) => {
    expect(detectConfirmation(text)).toBe(expected);
  });

  it("gives the same answer when called twice (no state kept between calls)", () => {
    expect([detectConfirmation("thanks, that worked!"), detectConfirmation("thanks, that worked!")]).toEqual([
      true,
      true,
    ]);
  });
});
