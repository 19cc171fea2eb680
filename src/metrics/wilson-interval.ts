/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/**
 * The Wilson score interval of a share: `good` of `total` (CSAT ratings, say), at 95% by default.
 * Unlike the normal approximation it stays inside [0, 1] and is honest for the small counts a
 * support team sees in a week (1 of 1 good reads 21%–100%, not 100%–100%). Null when there is
 * nothing to estimate from (no ratings). Counts must be whole, with 0 <= good <= total.
 */
export function wilsonInterval(good: number, total: number, z = Z_95): { low: number; high: number } | null {
  if (!Number.isInteger(good) || !Number.isInteger(total) || good < 0 || good > total) {
    throw new RangeError(`wilsonInterval needs whole counts with 0 <= good <= total (got ${good} of ${total})`);
  }
  if (total === 0) return null;
  const p = good / total;
  const z2 = z * z;
  const centre = p + z2 / (2 * total);
  const spread = z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  const denominator = 1 + z2 / total;
  // Clamp the rounding noise at the ends (0 of n must read exactly 0, n of n exactly 1).
  return {
    low: good === 0 ? 0 : Math.max(0, (centre - spread) / denominator),
    high: good === total ? 1 : Math.min(1, (centre + spread) / denominator),
  };
}
