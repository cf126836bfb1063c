/**
 * A head-to-head of two groups (`rasgap compare`): the difference in median % gap, the
 * Hodges–Lehmann shift with its interval, Mann–Whitney, the rank-biserial effect, and the
 * difference in the share moved down with Newcombe's hybrid score interval (Newcombe, Stat Med
 * 1998;17:873-890, method 10), built from each share's Wilson interval.
 */
import { compareTwo, type TwoGroupComparison } from './compare.js';
import { wilsonInterval, type Interval } from './stats/intervals.js';

export interface HeadToHead extends Partial<TwoGroupComparison> {
  /** Median % gap of a minus that of b (percentage points). */
  medianPctGapDifference: number | null;
  /** Share moved down in a minus that in b (0-1 scale), with its interval. */
  downShareDifference: number | null;
  downShareDifferenceCi: Interval | null;
}

/** What a side needs: its counts and median as published (null where withheld). */
export interface HeadToHeadSide {
  n: number | null;
  down: number | null;
  medianPctGap: number | null;
}

/**
 * @example
 * headToHead(olderSummary, workingAgeSummary, olderPcts, workingAgePcts, 0.95).hodgesLehmann
 */
export function headToHead(
  a: HeadToHeadSide,
  b: HeadToHeadSide,
  aPctGaps: Float64Array,
  bPctGaps: Float64Array,
  confidence: number,
): HeadToHead {
  const two = compareTwo(aPctGaps, bPctGaps, confidence);
  // After small-number suppression a count may be null: then there is no difference to give.
  const shareOf = (group: HeadToHeadSide): number | null =>
    typeof group.n === 'number' && typeof group.down === 'number' && group.n > 0
      ? group.down / group.n
      : null;
  const shareA = shareOf(a);
  const shareB = shareOf(b);
  return {
    ...(two ?? {}),
    medianPctGapDifference:
      a.medianPctGap === null || b.medianPctGap === null ? null : a.medianPctGap - b.medianPctGap,
    downShareDifference: shareA === null || shareB === null ? null : shareA - shareB,
    downShareDifferenceCi:
      shareA === null || shareB === null
        ? null
        : newcombeInterval(a.down!, a.n!, b.down!, b.n!, confidence),
  };
}

/**
 * Newcombe's hybrid score interval for p1 - p2 (method 10), as
 * `DescTools::BinomDiffCI(x1, n1, x2, n2, method = "score")` gives it.
 */
export function newcombeInterval(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence: number,
): Interval | null {
  const first = wilsonInterval(x1, n1, confidence);
  const second = wilsonInterval(x2, n2, confidence);
  if (!first || !second) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const difference = p1 - p2;
  return [
    difference - Math.sqrt((p1 - first[0]) ** 2 + (second[1] - p2) ** 2),
    difference + Math.sqrt((first[1] - p1) ** 2 + (p2 - second[0]) ** 2),
  ];
}
