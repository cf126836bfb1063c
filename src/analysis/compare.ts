/**
 * Do groups differ in their % gaps? Kruskal–Wallis across all the groups of a breakdown; for two
 * groups also Mann–Whitney, the Hodges–Lehmann shift with its interval, and the rank-biserial
 * effect size.
 */
import { hodgesLehmann } from './stats/hodgesLehmann.js';
import type { Interval } from './stats/intervals.js';
import type { PooledRanks } from './orders.js';
import { kruskalWallisFromRanks, kruskalWallisTest, mannWhitneyTest } from './stats/tests.js';

export interface Comparison {
  /** What is compared: the per-person % gap (zero indicative budgets left out). */
  measure: 'pctGap';
  kruskalWallis: { statistic: number; df: number; p: number } | null;
  /** Present when the breakdown has exactly two groups: the first against the second. */
  twoGroups?: TwoGroupComparison;
}

export interface TwoGroupComparison {
  mannWhitneyU: number;
  mannWhitneyP: number;
  mannWhitneyMethod: 'exact' | 'normal';
  /** Median of all differences a - b in % gap (percentage points), with its interval. */
  hodgesLehmann: number;
  hodgesLehmannCi: Interval | null;
  /** 2U/(n_a·n_b) - 1: +1 when every a is above every b, -1 when every a is below. */
  rankBiserial: number;
}

/**
 * @param pooled the groups' rank sums and ties in the ranking of all their % gaps together, when
 *   the caller has them from an order already sorted (orders.ts: `rankSumsAlong`); else the
 *   groups' values are pooled and ranked here
 * @example
 * compareGroups([Float64Array.of(-5, -3, -1), Float64Array.of(2, 4, 6)], 0.95).kruskalWallis
 */
export function compareGroups(
  pctGaps: Float64Array[],
  confidence: number,
  pooled?: PooledRanks,
): Comparison {
  const kruskalWallis = pooled
    ? kruskalWallisFromRanks(
        pooled.rankSums,
        pctGaps.map((values) => values.length),
        pooled.ties,
      )
    : kruskalWallisTest(pctGaps);
  const comparison: Comparison = { measure: 'pctGap', kruskalWallis };
  if (pctGaps.length === 2) {
    const two = compareTwo(pctGaps[0], pctGaps[1], confidence);
    if (two) comparison.twoGroups = two;
  }
  return comparison;
}

/** Group a against group b on % gap. Null when either has no values. */
export function compareTwo(
  a: Float64Array,
  b: Float64Array,
  confidence: number,
): TwoGroupComparison | null {
  const test = mannWhitneyTest(a, b);
  const shift = hodgesLehmann(a, b, confidence);
  if (!test || !shift) return null;
  return {
    mannWhitneyU: test.statistic,
    mannWhitneyP: test.p,
    mannWhitneyMethod: test.method,
    hodgesLehmann: shift.estimate,
    hodgesLehmannCi: shift.interval,
    rankBiserial: test.rankBiserial,
  };
}
