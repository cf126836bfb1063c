/**
 * Confidence intervals: for a median from order statistics, for a mean from Student's t, and for
 * a proportion by Wilson's score method.
 */
import { binomialCdf, normalQuantile, studentTQuantile } from './distributions.js';

export type Interval = [number, number];

/**
 * Distribution-free interval for the median from order statistics (e.g. Conover, Practical
 * Nonparametric Statistics, 3rd ed., section 3.2): [x(k), x(n+1-k)] where k is the largest rank
 * with P(B ≤ k - 1) ≤ α/2 for B ~ Binomial(n, 1/2). Its coverage is at least the level asked for.
 * Null when n is too small for any such k (n ≤ 5 at 95%).
 *
 * @example
 * medianInterval(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 0.95) // [2, 9]
 */
export function medianInterval(sorted: Float64Array, confidence: number): Interval | null {
  const n = sorted.length;
  if (n === 0) return null;
  const alpha = 1 - confidence;
  // Largest k with P(B <= k - 1) <= alpha / 2; P(B <= k - 1) grows with k, so search upwards.
  let k = 0;
  let low = 1;
  let high = Math.floor((n + 1) / 2);
  while (low <= high) {
    const middle = (low + high) >>> 1;
    // A little slack: P(B <= 0) for n = 2 is 0.25 but computes as 0.2500000000000005.
    if (binomialCdf(middle - 1, n, 0.5) <= (alpha / 2) * (1 + 64 * Number.EPSILON)) {
      k = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  if (k === 0) return null;
  return [sorted[k - 1], sorted[n - k]];
}

/**
 * Student's t interval for a mean: x̄ ± t(1-α/2, n-1) · s / √n. Null for n < 2.
 *
 * @example
 * meanInterval(5, 2, 10, 0.95) // [3.5693, 6.4307] approximately
 */
export function meanInterval(
  mean: number,
  standardDeviation: number,
  n: number,
  confidence: number,
): Interval | null {
  if (n < 2 || !Number.isFinite(standardDeviation)) return null;
  const half =
    (studentTQuantile(1 - (1 - confidence) / 2, n - 1) * standardDeviation) / Math.sqrt(n);
  return [mean - half, mean + half];
}

/**
 * Wilson score interval for a proportion k / n (Wilson 1927; Newcombe 1998, method 3), without
 * continuity correction, as R's `prop.test(k, n, correct = FALSE)$conf.int`.
 *
 * @example
 * wilsonInterval(57, 100, 0.95) // [0.4721, 0.6629] approximately
 */
export function wilsonInterval(k: number, n: number, confidence: number): Interval | null {
  if (n === 0) return null;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
