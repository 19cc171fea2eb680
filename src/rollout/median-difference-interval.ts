import type { DifferenceInterval } from "./newcombe-interval.ts";

/** Resamples of the bootstrap: enough for stable 2.5% / 97.5% percentiles (±1 resample's step). */
export const BOOTSTRAP_RESAMPLES = 2_000;
/** Fixed seed: the same rows always give the same interval, so a report read twice never changes. */
export const BOOTSTRAP_SEED = 20_261_207;

/** The median: the middle value, or the mean of the two middle values. Null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = (sorted.length - 1) / 2;
  return ((sorted[Math.floor(mid)] ?? 0) + (sorted[Math.ceil(mid)] ?? 0)) / 2;
}

/**
 * The 95% interval of the difference of two medians (first minus second) by a seeded percentile
 * bootstrap: each sample resampled with replacement, the difference of the resampled medians taken
 * 2,000 times, its 2.5th and 97.5th percentiles reported. Times to respond and to resolve are skewed
 * with long tails, so a difference of means would be driven by a few stuck tickets and a normal
 * interval would not hold; the median and the bootstrap assume no distribution. Seeded, so the same
 * rows always give the same interval. Null when either sample is empty.
 *
 * A resample's median is drawn without drawing the resample (resampledMedian), so the cost does not
 * grow with the number of tickets: a year of a large account costs what a week of a small one does.
 */
export function medianDifferenceInterval(
  first: readonly number[],
  second: readonly number[],
  options: { resamples?: number; seed?: number } = {},
): DifferenceInterval | null {
  const a = median(first);
  const b = median(second);
  if (a === null || b === null) return null;
  const resamples = options.resamples ?? BOOTSTRAP_RESAMPLES;
  const random = mulberry32(options.seed ?? BOOTSTRAP_SEED);
  const sortedFirst = Float64Array.from(first).sort();
  const sortedSecond = Float64Array.from(second).sort();
  const differences = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    differences[r] = resampledMedian(sortedFirst, random) - resampledMedian(sortedSecond, random);
  }
  differences.sort();
  return { difference: a - b, low: percentile(differences, 0.025), high: percentile(differences, 0.975) };
}

/**
 * The median of one bootstrap resample of `sorted`, drawn exactly in constant time. A resample is n
 * indices floor(n·U) of n uniform U; floor is monotone, so its middle order statistics are the indices
 * of the middle order statistics of the U. The j-th of n uniforms is Beta(j, n − j + 1), and the next
 * one is the least of the n − j uniforms above it. Since the values are sorted, index k holds the k-th value.
 */
function resampledMedian(sorted: Float64Array, random: () => number): number {
  const n = sorted.length;
  const at = (u: number) => sorted[Math.min(n - 1, Math.floor(u * n))] ?? 0;
  const j = Math.floor((n + 1) / 2);
  const low = beta(j, n - j + 1, random);
  if (n % 2 === 1) return at(low);
  const high = low + (1 - low) * (1 - (1 - random()) ** (1 / (n - j)));
  return (at(low) + at(high)) / 2;
}

/** Beta(a, b) as the share of two gamma draws. */
function beta(a: number, b: number, random: () => number): number {
  const x = gamma(a, random);
  return x / (x + gamma(b, random));
}

/** Gamma(shape ≥ 1, scale 1) by Marsaglia and Tsang's method (2000): a few uniform draws on average. */
function gamma(shape: number, random: () => number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(random);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = random();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A standard normal draw (Box–Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Linear interpolation between order statistics (the default of R's quantile, type 7). */
function percentile(sorted: Float64Array, q: number): number {
  const at = (sorted.length - 1) * q;
  const below = sorted[Math.floor(at)] ?? 0;
  const above = sorted[Math.ceil(at)] ?? 0;
  return below + (above - below) * (at - Math.floor(at));
}

/** A small, fast, seeded generator of uniform numbers in [0, 1) (mulberry32). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
