import { describe, expect, it } from "vitest";
import { assignArm } from "../../src/rollout/assign-arm.ts";

const ids = Array.from({ length: 10_000 }, (_, i) => String(100_000 + i));
const SALT = "deskmate-arms-v1";

function controlShare(percent: number, salt = SALT): number {
  return ids.filter((id) => assignArm(id, salt, percent) === "control").length / ids.length;
}

describe("assignArm", () => {
  it("is stable: the same id and salt always give the same arm", () => {
    const first = ids.slice(0, 500).map((id) => assignArm(id, SALT, 20));
    expect(ids.slice(0, 500).map((id) => assignArm(id, SALT, 20))).toEqual(first);
    expect(assignArm("12345", SALT, 20)).toBe(assignArm("12345", SALT, 20));
  });

  // Over 10,000 sequential ids the share of control tickets is binomial: at 20% its standard deviation
  // is 0.4 points, so ±2 points is five standard deviations — a fair hash never misses it, a biased one does.
  it.each([1, 5, 20, 50, 80])("puts %i%% of 10,000 sequential ids in control, within ±2 points", (percent) => {
    expect(Math.abs(controlShare(percent) - percent / 100)).toBeLessThanOrEqual(0.02);
  });

  it("0% is all assistant and 100% all control", () => {
    expect(controlShare(0)).toBe(0);
    expect(controlShare(100)).toBe(1);
  });

  it("raising the percentage only moves tickets from assistant to control (nested arms)", () => {
    const at10 = ids.filter((id) => assignArm(id, SALT, 10) === "control");
    const at20 = new Set(ids.filter((id) => assignArm(id, SALT, 20) === "control"));
    expect(at10.every((id) => at20.has(id))).toBe(true);
  });

  it("a different salt reshuffles: about 20% of the old control stays control, not all of it", () => {
    const before = ids.filter((id) => assignArm(id, SALT, 20) === "control");
    const stayed = before.filter((id) => assignArm(id, "another-experiment", 20) === "control").length;
    expect(Math.abs(stayed / before.length - 0.2)).toBeLessThanOrEqual(0.04);
    expect(Math.abs(controlShare(20, "another-experiment") - 0.2)).toBeLessThanOrEqual(0.02);
  });
});
