import { describe, expect, it } from "vitest";
import { isReasonCode, REASON_TEXT, type ReasonCode } from "../../src/domain/reasons.ts";
import { reasonText } from "../../src/handoff/reason-text.ts";

const codes = Object.keys(REASON_TEXT) as ReasonCode[];

describe("reason codes and their texts", () => {
  it("every reason code a decision can carry reads as its own sentence", () => {
    for (const code of codes) {
      expect(reasonText(code)).toBe(REASON_TEXT[code]);
      expect(reasonText(code)).toMatch(/^[A-Z].*\.$/);
    }
  });

  it("covers triage, policy, engine and pipeline reasons", () => {
    for (const code of [
      "human_requested",
      "billing_dispute_over",
      "no_grounding",
      "policy_violation",
      "model_error",
      "tool_error",
      "processing_failed",
    ]) {
      expect(isReasonCode(code)).toBe(true);
    }
  });

  it("a code read back from stored state that is not known reads as its words", () => {
    expect(isReasonCode("retired_code")).toBe(false);
    expect(reasonText("retired_code")).toBe("retired code");
    // An inherited property name is no reason code (a plain lookup table would return a function).
    expect(isReasonCode("toString")).toBe(false);
    expect(reasonText("toString")).toBe("toString");
  });
});
