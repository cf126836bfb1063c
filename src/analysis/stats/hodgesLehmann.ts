/**
 * The Hodges–Lehmann shift between two samples: the median of all n1·n2 differences a_i - b_j,
 * with a distribution-free interval from the order statistics of those differences (Hollander &
 * Wolfe, Nonparametric Statistical Methods, 2nd ed., section 4.3). The differences are never listed:
 * the k-th smallest is found by bisection over the ordered bit patterns of doubles (at most 64
 * steps), each step counting the differences at or below a value in O(n1 + n2) on sorted samples.
 */
import { mannWhitneyCdf, normalQuantile } from './distributions.js';
import { tieSum } from './ranks.js';

export interface ShiftEstimate {
  estimate: number;
  interval: [number, number] | null;
  method: 'exact' | 'normal';
}

/**
 * @example
 * hodgesLehmann(Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6), 0.95).estimate // -3
 */
export function hodgesLehmann(
  a: Float64Array,
  b: Float64Array,
  confidence: number,
): ShiftEstimate | null {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return null;
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  const total = n1 * n2;
  const kth = (k: number): number => kthDifference(x, y, k);
  const estimate =
    total % 2 === 1 ? kth((total + 1) / 2) : (kth(total / 2) + kth(total / 2 + 1)) / 2;

  const alpha = 1 - confidence;
  const pooled = new Float64Array(n1 + n2);
  pooled.set(x);
  pooled.set(y, n1);
  const exact = n1 < 50 && n2 < 50 && tieSum(pooled.sort()) === 0;
  let k: number;
  if (exact) {
    // R's exact wilcox.test: k = qwilcox(alpha/2), the smallest u with P(U <= u) >= alpha/2, and
    // at least 1 (with samples too small to reach the level, the full range of differences).
    const cdf = mannWhitneyCdf(n1, n2);
    k = 0;
    while (k < total && cdf[k] < (alpha / 2) * (1 - 64 * Number.EPSILON)) k++;
    k = Math.max(k, 1);
  } else {
    const z = normalQuantile(1 - alpha / 2);
    k = Math.floor(total / 2 - z * Math.sqrt((n1 * n2 * (n1 + n2 + 1)) / 12));
  }
  const interval: [number, number] | null =
    k >= 1 && k <= total - k + 1 ? [kth(k), kth(total - k + 1)] : null;
  return { estimate, interval, method: exact ? 'exact' : 'normal' };
}

/** How many differences x_i - y_j are <= t (x and y sorted ascending). */
function countAtMost(x: Float64Array, y: Float64Array, t: number): number {
  let count = 0;
  let j = 0; // first y_j with x_i - y_j <= t; moves right as x_i grows
  for (let i = 0; i < x.length; i++) {
    while (j < y.length && x[i] - y[j] > t) j++;
    count += y.length - j;
  }
  return count;
}

const bits = new DataView(new ArrayBuffer(8));

/** A double's position in the total order of doubles, as a BigInt. */
function keyOf(value: number): bigint {
  bits.setFloat64(0, value);
  const raw = bits.getBigInt64(0);
  return raw < 0n ? -(raw & 0x7fffffffffffffffn) : raw;
}

function valueOf(key: bigint): number {
  bits.setBigInt64(0, key < 0n ? -key | -0x8000000000000000n : key);
  return bits.getFloat64(0);
}

/** The k-th smallest (1-based) of the differences x_i - y_j. */
function kthDifference(x: Float64Array, y: Float64Array, k: number): number {
  let low = keyOf(x[0] - y[y.length - 1]) - 1n; // count(low) < k
  let high = keyOf(x[x.length - 1] - y[0]); // count(high) >= k
  while (high - low > 1n) {
    const middle = low + (high - low) / 2n;
    if (countAtMost(x, y, valueOf(middle)) >= k) high = middle;
    else low = middle;
  }
  return valueOf(high);
}
