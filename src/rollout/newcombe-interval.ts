import { wilsonInterval, Z_95 } from "../metrics/wilson-interval.ts";

/** A difference of two shares with its interval. */
export interface DifferenceInterval {
  /** First share minus second. */
  difference: number;
  low: number;
  high: number;
}

/**
 * The 95% interval of the difference of two independent proportions, a/n − b/m, by Newcombe's hybrid
 * score method (Newcombe 1998, method 10): the Wilson intervals of each share combined by the square
 * and add rule. Unlike the normal (Wald) interval it stays inside [−1, 1] and keeps its coverage at the
 * small counts and extreme shares a support team sees (0 of 10 reopened against 2 of 20). Null when
 * either share has no denominator.
 */
export function newcombeInterval(a: number, n: number, b: number, m: number, z = Z_95): DifferenceInterval | null {
  const first = wilsonInterval(a, n, z);
  const second = wilsonInterval(b, m, z);
  if (!first || !second) return null;
  const p1 = a / n;
  const p2 = b / m;
  const difference = p1 - p2;
  return {
    difference,
    low: difference - Math.sqrt((p1 - first.low) ** 2 + (second.high - p2) ** 2),
    high: difference + Math.sqrt((first.high - p1) ** 2 + (p2 - second.low) ** 2),
  };
}
