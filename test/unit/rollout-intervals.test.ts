import { describe, expect, it } from "vitest";
import { median, medianDifferenceInterval } from "../../src/rollout/median-difference-interval.ts";
import { newcombeInterval } from "../../src/rollout/newcombe-interval.ts";

describe("newcombeInterval: the difference of two proportions", () => {
  // Newcombe RG (1998), Interval estimation for the difference between independent proportions:
  // comparison of eleven methods. Statistics in Medicine 17:873-890, Table II, method 10.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
  ])("%i/%i − %i/%i: %f to %f (published)", (a, n, b, m, low, high) => {
    const interval = newcombeInterval(a, n, b, m);
    expect(interval?.difference).toBeCloseTo(a / n - b / m, 10);
    expect(interval?.low).toBeCloseTo(low, 4);
    expect(interval?.high).toBeCloseTo(high, 4);
  });

  it("is null when either side has no denominator", () => {
    expect(newcombeInterval(0, 0, 3, 10)).toBeNull();
    expect(newcombeInterval(3, 10, 0, 0)).toBeNull();
  });
});

describe("medianDifferenceInterval: a seeded bootstrap of the difference of medians", () => {
  const spread = (centre: number, n: number) => Array.from({ length: n }, (_, i) => centre + ((i * 37) % 41) - 20);

  it("median: middle value, or the mean of the two middle ones", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("the same samples always give the same interval (seeded)", () => {
    const a = spread(100, 60);
    const b = spread(80, 50);
    expect(medianDifferenceInterval(a, b)).toEqual(medianDifferenceInterval(a, b));
  });

  it("a shift of 60 minutes on samples spread over 40 is found, and its interval holds the shift", () => {
    const interval = medianDifferenceInterval(spread(120, 80), spread(60, 80));
    expect(interval?.difference).toBe(60);
    expect(interval?.low).toBeGreaterThan(0);
    expect(interval?.low).toBeLessThanOrEqual(60);
    expect(interval?.high).toBeGreaterThanOrEqual(60);
  });

  it("two samples from the same spread: the interval holds 0", () => {
    const interval = medianDifferenceInterval(spread(90, 70), spread(90, 71));
    expect(interval?.low).toBeLessThanOrEqual(0);
    expect(interval?.high).toBeGreaterThanOrEqual(0);
  });

  it("a single value on each side: no spread, the interval is the difference itself", () => {
    expect(medianDifferenceInterval([10], [4])).toEqual({ difference: 6, low: 6, high: 6 });
  });

  it("is null when either sample is empty", () => {
    expect(medianDifferenceInterval([], [1, 2])).toBeNull();
  });

  // The resampled medians are drawn from their exact distribution, not by building each resample: the
  // interval must match a plain bootstrap that does build them, up to the noise of the resampling.
  it.each([
    [51, 40],
    [40, 51],
    [12, 9],
  ])("matches a plain bootstrap that resamples %i and %i skewed times", (n, m) => {
    const skewed = (count: number, scale: number) =>
      Array.from({ length: count }, (_, i) => Math.round(-scale * Math.log(1 - (i + 0.5) / count)));
    const a = skewed(n, 60);
    const b = skewed(m, 25);
    const plain = plainBootstrap(a, b, 8_000);
    const fast = medianDifferenceInterval(a, b, { resamples: 8_000 });
    const width = plain.high - plain.low;
    expect(Math.abs((fast?.low ?? Number.NaN) - plain.low)).toBeLessThanOrEqual(0.1 * width);
    expect(Math.abs((fast?.high ?? Number.NaN) - plain.high)).toBeLessThanOrEqual(0.1 * width);
  });
});

/** The textbook bootstrap: build each resample, sort it, take its median (a fixed LCG, for repeatability). */
function plainBootstrap(a: number[], b: number[], resamples: number): { low: number; high: number } {
  let state = 12345;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4_294_967_296;
  };
  const resampledMedian = (values: number[]) =>
    median(Array.from(values, () => values[Math.floor(random() * values.length)] ?? 0)) ?? 0;
  const differences = Array.from({ length: resamples }, () => resampledMedian(a) - resampledMedian(b)).sort(
    (x, y) => x - y,
  );
  const at = (q: number) => differences[Math.round((resamples - 1) * q)] ?? 0;
  return { low: at(0.025), high: at(0.975) };
}
