import { describe, expect, it } from "vitest";
import { defaultSettings, settingsSchema } from "../../src/config/settings-schema.ts";

const parse = (raw: Record<string, unknown>) => settingsSchema.safeParse(raw);
const messages = (raw: Record<string, unknown>) => {
  const result = parse(raw);
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).filter((i) => i.path[0] === "canary").map((i) => i.message);
};

describe("canary settings", () => {
  it("default to no canary block, 0% and the current prompt", () => {
    expect(defaultSettings).toMatchObject({ canary: null, canaryPercent: 0, promptVariant: "current" });
  });

  it("parse a canary block (text or object) into the overridden fields with their parsed values", () => {
    const block = {
      decision_model: "claude-haiku-5-5",
      answer_threshold: "0.9",
      intent_thresholds: "billing=0.95",
      prompt_variant: "Concise",
      guardrail_policy_override: { prohibitedPhrases: ["guaranteed"] },
    };
    for (const canary of [block, JSON.stringify(block)]) {
      const result = parse({ canary, canaryPercent: "10" });
      expect(result.error?.issues).toBeUndefined();
      expect(result.data?.canaryPercent).toBe(10);
      expect(result.data?.canary).toEqual({
        decisionModel: "claude-haiku-5-5",
        answerThreshold: 0.9,
        intentThresholds: { billing: 0.95 },
        promptVariant: "concise",
        guardrailPolicyOverride: { prohibitedPhrases: ["guaranteed"] },
      });
    }
  });

  it("refuses an unknown key naming it and the keys that work", () => {
    const [message] = messages({ canary: { mode: "autosend" } });
    expect(message).toMatch(/^mode: not a setting a canary can override; use one of decision_model, /);
  });

  it.each([
    [{ answer_threshold: 1.5 }, /^answer_threshold: .*the same rule as the answer_threshold setting/],
    [{ decision_model: "has spaces" }, /^decision_model: use a model id/],
    [{ prompt_variant: "chatty" }, /^prompt_variant: use one of current, concise/],
    [{ intent_thresholds: { "Not A Category": 0.5 } }, /^intent_thresholds: /],
    [{ guardrail_policy_override: { unknownSection: true } }, /^guardrail_policy_override: /],
    [{ classification_threshold: "" }, /^classification_threshold: no value; give the value to try or remove the key/],
  ])("refuses a bad value %j by the setting's own rule, naming the key", (canary, expected) => {
    expect(messages({ canary })).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  it("refuses text that is not a JSON object", () => {
    expect(messages({ canary: "{not json" })[0]).toMatch(/not valid JSON/);
    expect(messages({ canary: "[1]" })[0]).toMatch(/use a JSON object whose keys are settings/);
  });

  it("refuses an unknown prompt variant and a share out of range", () => {
    expect(parse({ promptVariant: "chatty" }).success).toBe(false);
    expect(parse({ canaryPercent: 101 }).success).toBe(false);
  });
});
