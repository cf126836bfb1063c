/**
 * Kendall's tau-b of two variables, with ties, and its p-value by the normal approximation with
 * the tie-corrected variance, as R's `cor.test(x, y, method = "kendall", exact = FALSE,
 * continuity = FALSE)`. Knight's algorithm (1966): sort by x then y, count the discordant pairs as
 * the swaps of a merge sort on y, so a group of a million rows takes O(n log n), not n² pairs.
 * The sorts are radix sorts (ranks.ts), and the merge works on integer ranks.
 */
import { normalUpper } from './distributions.js';
import { sortOrder } from './ranks.js';

export interface KendallResult {
  /** Pairs used: those with neither value NaN (R's complete cases). */
  n: number;
  /** Tau-b; null when either variable has a single value (R: NA) or n < 2 (R: an error). */
  tau: number | null;
  /** S / √Var(S), S = concordant − discordant pairs; null where R gives NA or NaN. */
  z: number | null;
  /** Two-sided; null where R gives NA or NaN (n < 3: the variance is 0/0). */
  p: number | null;
}

/**
 * @example
 * kendallTauB(Float64Array.of(0, 0, 1, 1, 2), Float64Array.of(-3, 1, 0, 2, 5))
 * // { n: 5, tau: 0.6708203932499369, z: 1.5666989036012806, p: 0.1171850871981377 }
 */
export function kendallTauB(x: ArrayLike<number>, y: ArrayLike<number>): KendallResult {
  if (x.length !== y.length) {
    throw new RangeError(`kendallTauB: x has ${x.length} values and y ${y.length}`);
  }
  let n = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) n++;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0, k = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    xs[k] = x[i];
    ys[k++] = y[i];
  }
  if (n < 2) return { n, tau: null, z: null, p: null };

  const xTies = new TieSums();
  const yTies = new TieSums();
  const xRank = denseRanks(xs, xTies);
  const yRank = denseRanks(ys, yTies);
  let yDistinct = 0;
  for (let i = 0; i < n; i++) if (yRank[i] + 1 > yDistinct) yDistinct = yRank[i] + 1;
  // Order by x, then y: one radix sort on a combined integer key (below n² < 2^53).
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = xRank[i] * yDistinct + yRank[i];
  const order = sortOrder(key);
  // Pairs tied on both: runs of equal keys.
  let jointTies = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && key[order[end]] === key[order[start]]) end++;
    jointTies += ((end - start) * (end - start - 1)) / 2;
    start = end;
  }
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) ranks[i] = yRank[order[i]];
  // Sorted by x (and by y within x), every inversion of y is a discordant pair.
  const discordant = countInversions(ranks);

  const pairs = (n * (n - 1)) / 2;
  const s = pairs - xTies.pairs - yTies.pairs + jointTies - 2 * discordant;
  const tauDenominator = Math.sqrt((pairs - xTies.pairs) * (pairs - yTies.pairs));
  if (tauDenominator === 0) return { n, tau: null, z: null, p: null };
  const tau = s / tauDenominator;
  // R's var_S, term by term (cor.test.default); with n = 2 the last term is 0/0, as in R.
  const variance =
    (n * (n - 1) * (2 * n + 5) - xTies.v0 - yTies.v0) / 18 +
    (xTies.v1 * yTies.v1) / (2 * n * (n - 1)) +
    (xTies.v2 * yTies.v2) / (9 * n * (n - 1) * (n - 2));
  const z = s / Math.sqrt(variance);
  if (!Number.isFinite(z)) return { n, tau, z: null, p: null };
  return { n, tau, z, p: Math.min(1, 2 * normalUpper(Math.abs(z))) };
}

/** Sums over groups of t tied values, for tau-b's denominator and Var(S). */
class TieSums {
  /** Σ t(t−1)/2: pairs tied. */
  pairs = 0;
  /** Σ t(t−1)(2t+5). */
  v0 = 0;
  /** Σ t(t−1). */
  v1 = 0;
  /** Σ t(t−1)(t−2). */
  v2 = 0;

  add(t: number): void {
    if (t < 2) return;
    this.pairs += (t * (t - 1)) / 2;
    this.v0 += t * (t - 1) * (2 * t + 5);
    this.v1 += t * (t - 1);
    this.v2 += t * (t - 1) * (t - 2);
  }
}

/** 0-based dense ranks (equal values share one), adding each run of ties to `ties`. */
function denseRanks(values: Float64Array, ties: TieSums): Float64Array {
  const order = sortOrder(values);
  const ranks = new Float64Array(values.length);
  let rank = -1;
  for (let start = 0; start < values.length;) {
    let end = start + 1;
    // -0 and 0 sort apart by their bits but are one value.
    while (end < values.length && values[order[end]] === values[order[start]]) end++;
    rank++;
    for (let i = start; i < end; i++) ranks[order[i]] = rank;
    ties.add(end - start);
    start = end;
  }
  return ranks;
}

/** Pairs i < j with values[i] > values[j], by a bottom-up merge sort (sorts `values`). */
function countInversions(values: Float64Array): number {
  const n = values.length;
  let from: Float64Array = values;
  let to: Float64Array = new Float64Array(n);
  let inversions = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let left = 0; left < n; left += 2 * width) {
      const middle = Math.min(left + width, n);
      const right = Math.min(left + 2 * width, n);
      let i = left;
      let j = middle;
      let k = left;
      while (i < middle && j < right) {
        // Equal values are not inverted: the left one goes first.
        if (from[i] <= from[j]) to[k++] = from[i++];
        else {
          inversions += middle - i;
          to[k++] = from[j++];
        }
      }
      while (i < middle) to[k++] = from[i++];
      while (j < right) to[k++] = from[j++];
    }
    [from, to] = [to, from];
  }
  return inversions;
}
