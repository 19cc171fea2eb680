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
  const countsFirst = new Uint32Array(sortedFirst.length);
  const countsSecond = new Uint32Array(sortedSecond.length);
  const differences = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    differences[r] =
      resampledMedian(sortedFirst, countsFirst, random) - resampledMedian(sortedSecond, countsSecond, random);
  }
  differences.sort();
  return { difference: a - b, low: percentile(differences, 0.025), high: percentile(differences, 0.975) };
}

/**
 * The median of one resample of `sorted`, in O(n): draw n indices, count them, and walk the counts to
 * the middle order statistics (the sample is sorted, so the k-th drawn index in order is the k-th value).
 */
function resampledMedian(sorted: Float64Array, counts: Uint32Array, random: () => number): number {
  const n = sorted.length;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const drawn = Math.floor(random() * n);
    counts[drawn] = (counts[drawn] ?? 0) + 1;
  }
  const lowRank = Math.floor((n - 1) / 2);
  const highRank = Math.ceil((n - 1) / 2);
  let seen = 0;
  let low: number | null = null;
  for (let i = 0; i < n; i++) {
    seen += counts[i] ?? 0;
    const value = sorted[i] ?? 0;
    if (low === null && seen > lowRank) low = value;
    if (seen > highRank) return ((low ?? value) + value) / 2;
  }
  return sorted[n - 1] ?? 0;
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
