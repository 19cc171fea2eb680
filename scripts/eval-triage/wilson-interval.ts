/**
 * Wilson score interval for a binomial proportion (95% by default). Unlike the normal approximation
 * it stays inside [0, 1] and is honest for small counts and for 0 or n successes, which is where
 * recall on a few dozen positives and false-positive rates near zero live.
 */
export function wilsonInterval(successes: number, trials: number, z = 1.96): [number, number] {
  if (trials === 0) return [0, 1];
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return [Math.max(0, center - half), Math.min(1, center + half)];
}
