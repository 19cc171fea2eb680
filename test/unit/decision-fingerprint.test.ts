import { describe, expect, it } from "vitest";
import { freezeSettings, type Settings, settingsSchema } from "../../src/config/settings-schema.ts";
import { decisionFingerprint } from "../../src/pipeline/decision-fingerprint.ts";

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
  ])("changes with %s", async (_name, raw) => {
    const base = await decisionFingerprint(settings());
    const parsed = settingsSchema.safeParse(byField(raw));
    expect(parsed.success).toBe(true);
    expect(await decisionFingerprint(freezeSettings(parsed.data!))).not.toBe(base);
  });
});

/** Setting names (`answer_threshold`) to schema fields (`answerThreshold`). */
function byField(raw: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(raw).map(([name, value]) => [name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), value]),
  );
}
