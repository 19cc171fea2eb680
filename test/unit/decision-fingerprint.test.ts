import { describe, expect, it } from "vitest";
import { freezeSettings, type Settings, settingsSchema } from "../../src/config/settings-schema.ts";
import { decisionFingerprint } from "../../src/pipeline/decision-fingerprint.ts";
import { withCanaryOverride } from "../../src/pipeline/with-canary-override.ts";

/** Fresh settings objects each time (the fingerprint is cached per object; equal values must agree). */
const settings = (raw: Record<string, unknown> = {}): Settings => freezeSettings(settingsSchema.parse(raw));

describe("decisionFingerprint: a short stable hash of what decided", () => {
  it("is 16 hex characters, the same for equal settings whatever their key order", async () => {
    const a = await decisionFingerprint(settings());
    const reordered = Object.fromEntries(Object.entries(settings()).reverse()) as Settings;
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(await decisionFingerprint(settings())).toBe(a);
    expect(await decisionFingerprint(reordered)).toBe(a);
  });

  it.each([
    ["a threshold", { answer_threshold: "0.8" }],
    ["the decision model", { decision_model: "claude-opus-5" }],
    ["the handoff model", { handoff_model: "claude-haiku-4-5" }],
    ["the guardrail policy override", { guardrail_policy_override: '{"prohibitedPhrases": ["cheap"]}' }],
    ["the action catalog override", { actions_catalog_override: '{"actions": []}' }],
    ["the model prices", { model_prices: "claude-sonnet-5-5=3,15,0.3,3.75" }],
    ["the prompt variant", { prompt_variant: "concise" }],
  ])("changes with %s", async (_name, raw) => {
    const base = await decisionFingerprint(settings());
    const parsed = settingsSchema.safeParse(byField(raw));
    expect(parsed.success).toBe(true);
    expect(await decisionFingerprint(freezeSettings(parsed.data!))).not.toBe(base);
  });
});

describe("decisionFingerprint of a canary: differs from the current one exactly when the block changes a value", () => {
  const current = settings({ canaryPercent: 10 });

  it("ignores the canary block and share themselves: editing them never moves the current fingerprint", async () => {
    const withBlock = settings({ canaryPercent: 50, canary: { decision_model: "claude-opus-5" } });
    expect(await decisionFingerprint(withBlock)).toBe(await decisionFingerprint(current));
  });

  it.each([
    ["the decision model", { decision_model: "claude-opus-5" }],
    ["the handoff model", { handoff_model: "claude-haiku-4-5" }],
    ["the classification threshold", { classification_threshold: 0.9 }],
    ["the answer threshold", { answer_threshold: 0.9 }],
    ["the intent thresholds", { intent_thresholds: { billing: 0.95 } }],
    ["the guardrail policy override", { guardrail_policy_override: { prohibitedPhrases: ["cheap"] } }],
    ["the prompt variant", { prompt_variant: "concise" }],
  ])("differs when the block changes %s", async (_name, block) => {
    const candidate = withCanaryOverride(settings({ canaryPercent: 10, canary: block }));
    expect(await decisionFingerprint(candidate)).not.toBe(await decisionFingerprint(current));
  });

  it("is the current one when the block repeats the current values (or is empty)", async () => {
    const same = {
      decision_model: current.decisionModel,
      answer_threshold: current.answerThreshold,
      prompt_variant: "current",
    };
    for (const block of [same, {}]) {
      const candidate = withCanaryOverride(settings({ canaryPercent: 10, canary: block }));
      expect(await decisionFingerprint(candidate)).toBe(await decisionFingerprint(current));
    }
  });
});

/** Setting names (`answer_threshold`) to schema fields (`answerThreshold`). */
function byField(raw: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(raw).map(([name, value]) => [name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), value]),
  );
}
