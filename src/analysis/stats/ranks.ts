/**
 * Average ranks (ties share the mean of the ranks they span), as R's `rank()` gives them, in
 * O(n log n): the values are sorted once (a typed-array sort) and each value's rank is read from
 * its first and last position in the sorted copy.
 */

export interface Ranked {
  /** 1-based average rank of each value, in the input order. */
  ranks: Float64Array;
  /** Σ (t³ - t) over groups of t tied values: the tie correction of rank tests. */
  tieSum: number;
  sorted: Float64Array;
}

/**
 * @example
 * averageRanks(Float64Array.of(10, 20, 10)).ranks // [1.5, 3, 1.5]
 */
export function averageRanks(values: Float64Array): Ranked {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const first = lowerBound(sorted, values[i]);
    const last = upperBound(sorted, values[i]); // one past the last equal value
    ranks[i] = (first + 1 + last) / 2;
  }
  return { ranks, tieSum: tieSum(sorted), sorted };
}

/** Σ (t³ - t) over runs of equal values in a sorted array. */
export function tieSum(sorted: Float64Array): number {
  let sum = 0;
  let run = 1;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) run++;
    else {
      if (run > 1) sum += run * run * run - run;
      run = 1;
    }
  }
  return sum;
}

/** First index whose value is >= x. */
export function lowerBound(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < x) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** First index whose value is > x. */
export function upperBound(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= x) low = middle + 1;
    else high = middle;
  }
  return low;
}
