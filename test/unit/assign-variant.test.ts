import { describe, expect, it } from "vitest";
import { assignArm } from "../../src/rollout/assign-arm.ts";
import { assignVariant } from "../../src/rollout/assign-variant.ts";

const ids = Array.from({ length: 10_000 }, (_, i) => String(100_000 + i));
const SALT = "deskmate-arms-v1";
const block = { decisionModel: "claude-opus-5" };
const settings = (canaryPercent: number) => ({ armSalt: SALT, canaryPercent, canary: block });

function canaryIds(percent: number): string[] {
  return ids.filter((id) => assignVariant(id, "assistant", settings(percent)) === "canary");
}

describe("assignVariant", () => {
  it("is stable: the same id and settings always give the same variant", () => {
    const first = ids.slice(0, 500).map((id) => assignVariant(id, "assistant", settings(10)));
    expect(ids.slice(0, 500).map((id) => assignVariant(id, "assistant", settings(10)))).toEqual(first);
  });

  // Binomial over 10,000 ids: at 10% the standard deviation is 0.3 points; ±2 points is over six of them.
  it.each([1, 10, 25, 50, 90])("puts %i%% of 10,000 sequential assistant ids in the canary, within ±2 points", (p) => {
    expect(Math.abs(canaryIds(p).length / ids.length - p / 100)).toBeLessThanOrEqual(0.02);
  });

  it("never puts a control ticket in the canary, even at 100%", () => {
    expect(ids.some((id) => assignVariant(id, "control", settings(100)) === "canary")).toBe(false);
    expect(canaryIds(100)).toHaveLength(ids.length);
  });

  it("is current for everyone at 0% or without a canary block", () => {
    expect(canaryIds(0)).toHaveLength(0);
    const noBlock = { armSalt: SALT, canaryPercent: 50, canary: null };
    expect(ids.some((id) => assignVariant(id, "assistant", noBlock) === "canary")).toBe(false);
  });

  it("is independent of the arm hash: the canary share is the same among ids the arm hash puts either side", () => {
    // Which ids the arm hash would put in a 50% control group, and which it would not: a canary hash
    // that followed the arm's would give these two halves very different canary shares.
    const low = ids.filter((id) => assignArm(id, SALT, 50) === "control");
    const high = ids.filter((id) => assignArm(id, SALT, 50) === "assistant");
    const share = (group: string[]) =>
      group.filter((id) => assignVariant(id, "assistant", settings(20)) === "canary").length / group.length;
    expect(Math.abs(share(low) - 0.2)).toBeLessThanOrEqual(0.03);
    expect(Math.abs(share(high) - 0.2)).toBeLessThanOrEqual(0.03);
    // And among the assistant tickets of a 20% control group, the canary still takes its share.
    const assistant = ids.filter((id) => assignArm(id, SALT, 20) === "assistant");
    expect(Math.abs(share(assistant) - 0.2)).toBeLessThanOrEqual(0.02);
  });

  it("raising the share only adds tickets to the canary", () => {
    const at10 = canaryIds(10);
    const at20 = new Set(canaryIds(20));
    expect(at10.every((id) => at20.has(id))).toBe(true);
  });
});
