import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../../src/metrics/wilson-interval.ts";

// Reference values computed separately from the Wilson formula (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)
// at z = 1.959964, to 4 decimals; 81 of 100 matches the textbook example (72.2% to 87.5%).
const TABLE: Array<[good: number, total: number, low: number, high: number]> = [
  [1, 1, 0.2065, 1],
  [0, 1, 0, 0.7935],
  [5, 10, 0.2366, 0.7634],
  [8, 10, 0.4902, 0.9433],
  [0, 10, 0, 0.2775],
  [10, 10, 0.7225, 1],
  [81, 100, 0.7222, 0.8749],
  [450, 500, 0.8706, 0.9233],
];

describe("wilsonInterval", () => {
  it.each(TABLE)("%i good of %i: %f to %f", (good, total, low, high) => {
    const interval = wilsonInterval(good, total);
    expect(interval?.low).toBeCloseTo(low, 4);
    expect(interval?.high).toBeCloseTo(high, 4);
  });

  it("has nothing to say without ratings", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it("refuses counts that cannot be a share, naming them", () => {
    expect(() => wilsonInterval(3, 2)).toThrow("0 <= good <= total (got 3 of 2)");
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
  });
});
