/**
 * Do groups differ in their % gaps? Kruskal–Wallis across all the groups of a breakdown; for two
 * groups also Mann–Whitney, the Hodges–Lehmann shift with its interval, and the rank-biserial
 * effect size.
 */
import type { GroupCodes } from './orders.js';
import { hodgesLehmann } from './stats/hodgesLehmann.js';
import type { Interval } from './stats/intervals.js';
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
 * @example
 * compareGroups([Float64Array.of(-5, -3, -1), Float64Array.of(2, 4, 6)], 0.95).kruskalWallis
 */
export function compareGroups(pctGaps: Float64Array[], confidence: number): Comparison {
  const comparison: Comparison = { measure: 'pctGap', kruskalWallis: kruskalWallisTest(pctGaps) };
  if (pctGaps.length === 2) {
    const two = compareTwo(pctGaps[0], pctGaps[1], confidence);
    if (two) comparison.twoGroups = two;
  }
  return comparison;
}

/**
 * compareGroups for the groups of a breakdown, from the run's one order of % gaps: the pooled
 * ranks of Kruskal–Wallis are read off `pctOrder` (every row with a % gap, ascending) and summed
 * by each row's group, instead of copying every group's values and sorting them pooled again.
 * The figures are the same: rank sums are sums of halves, exact in any order, and the ties are
 * the same runs in the same order. The two-group figures need each group's values: `valuesOf`
 * gives them (as compareGroups takes them), called only for a breakdown of two groups.
 *
 * @param groupOf the group index of each row in `pctOrder`
 * @example
 * compareGroupsAlong(orders.pct, gaps.pctGap, groupOf, groups.length, 0.95, () => pctGaps)
 */
export function compareGroupsAlong(
  pctOrder: Uint32Array,
  pctGap: Float64Array,
  groupOf: GroupCodes,
  groupCount: number,
  confidence: number,
  valuesOf: () => Float64Array[],
): Comparison {
  const rankSums: number[] = new Array<number>(groupCount).fill(0);
  const sizes: number[] = new Array<number>(groupCount).fill(0);
  const n = pctOrder.length;
  let ties = 0;
  let start = 0;
  while (start < n) {
    const value = pctGap[pctOrder[start]];
    let end = start + 1;
    while (end < n && pctGap[pctOrder[end]] === value) end++;
    const rank = (start + 1 + end) / 2; // as averageRanks: the mean of ranks start+1 .. end
    for (let i = start; i < end; i++) {
      const group = groupOf[pctOrder[i]];
      rankSums[group] += rank;
      sizes[group]++;
    }
    const run = end - start;
    if (run > 1) ties += run * run * run - run;
    start = end;
  }
  const comparison: Comparison = {
    measure: 'pctGap',
    kruskalWallis: kruskalWallisFromRanks(rankSums, sizes, ties),
  };
  if (groupCount === 2) {
    const [a, b] = valuesOf();
    const two = compareTwo(a, b, confidence);
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
