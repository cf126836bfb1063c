/**
 * Tests of whether moderation is systematic (sign test, Wilcoxon signed-rank) and whether groups
 * differ (Mann–Whitney, Kruskal–Wallis), with Holm's adjustment for several groups. Each follows
 * what R's `binom.test`, `wilcox.test` and `kruskal.test` compute, so that figures can be checked.
 */
import {
  binomialCdf,
  chiSquareUpper,
  mannWhitneyCdf,
  normalCdf,
  signedRankCdf,
} from './distributions.js';
import { averageRanks } from './ranks.js';

/**
 * Exact two-sided sign test of H0: moving up and moving down are equally likely, over the records
 * that moved (`up + down`), as R's `binom.test(up, up + down)$p.value`. Null when nothing moved.
 *
 * @example
 * signTestP(2, 10) // 0.03857421875
 */
export function signTestP(up: number, down: number): number | null {
  const moved = up + down;
  if (moved === 0) return null;
  const fewer = Math.min(up, down);
  if (up === down) return 1;
  return Math.min(1, 2 * binomialCdf(fewer, moved, 0.5));
}

export interface SignedRankResult {
  /** Sum of the ranks of |d| over positive d (R's V). */
  statistic: number;
  p: number;
  method: 'exact' | 'normal';
}

/**
 * Wilcoxon signed-rank test of the differences `d` (actual - indicative) against 0. Zeros are
 * dropped. Exact when n < 50 (as R) with no ties and no zeros; otherwise the normal approximation with
 * tie and continuity correction, as R's `wilcox.test(actual, indicative, paired = TRUE)` with
 * `exact = NULL, correct = TRUE`. Null when every difference is zero.
 *
 * @example
 * signedRankTest(Float64Array.of(1, -2, 3, 4, 5)).p // 0.1875
 */
export function signedRankTest(differences: Float64Array): SignedRankResult | null {
  let zeros = 0;
  for (const d of differences) if (d === 0) zeros++;
  const n = differences.length - zeros;
  if (n === 0) return null;
  const absolute = new Float64Array(n);
  const positive = new Uint8Array(n);
  let k = 0;
  for (const d of differences) {
    if (d === 0) continue;
    absolute[k] = Math.abs(d);
    positive[k++] = d > 0 ? 1 : 0;
  }
  const { ranks, tieSum: ties } = averageRanks(absolute);
  let statistic = 0;
  for (let i = 0; i < n; i++) if (positive[i] === 1) statistic += ranks[i];
  return signedRankFromRanks(statistic, n, ties, zeros);
}

/**
 * The signed-rank test from its statistic V (sum of the ranks of |d| over positive d), the number
 * of non-zero differences, Σ(t³ - t) over tied |d| and the number of zeros dropped.
 */
export function signedRankFromRanks(
  statistic: number,
  n: number,
  ties: number,
  zeros: number,
): SignedRankResult | null {
  if (n === 0) return null;
  // R's rule: exact below 50 pairs with no ties or zeros.
  if (n < 50 && ties === 0 && zeros === 0) {
    const cdf = signedRankCdf(n);
    const most = (n * (n + 1)) / 2;
    // The upper tail by symmetry, P(V >= v) = P(V <= most - v): no 1 - cdf cancellation.
    const v = Math.round(statistic);
    const p = statistic > most / 2 ? cdf[most - v] : cdf[v];
    return { statistic, p: Math.min(1, 2 * p), method: 'exact' };
  }
  const centred = statistic - (n * (n + 1)) / 4;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - ties / 48);
  if (sigma === 0) return { statistic, p: 1, method: 'normal' };
  const z = (centred - 0.5 * Math.sign(centred)) / sigma;
  return { statistic, p: 2 * Math.min(normalCdf(z), normalCdf(-z)), method: 'normal' };
}

export interface MannWhitneyResult {
  /** R's W: the Mann–Whitney U of the first sample. */
  statistic: number;
  p: number;
  method: 'exact' | 'normal';
  /** Rank-biserial correlation 2U/(n1·n2) - 1: +1 when every a exceeds every b. */
  rankBiserial: number;
}

/**
 * Mann–Whitney U (Wilcoxon rank-sum) test of a against b, two-sided. Exact when both samples have
 * fewer than 50 values and there are no ties; otherwise the normal approximation with tie and
 * continuity correction: R's `wilcox.test(a, b)` with `exact = NULL, correct = TRUE`.
 *
 * @example
 * mannWhitneyTest(Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6)).p // 0.1
 */
export function mannWhitneyTest(a: Float64Array, b: Float64Array): MannWhitneyResult | null {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return null;
  const pooled = new Float64Array(n1 + n2);
  pooled.set(a);
  pooled.set(b, n1);
  const { ranks, tieSum: ties } = averageRanks(pooled);
  let rankSum = 0;
  for (let i = 0; i < n1; i++) rankSum += ranks[i];
  return mannWhitneyFromRanks(rankSum, n1, n2, ties);
}

/**
 * The Mann–Whitney test from the sum of the first sample's ranks in the pooled ranking, the two
 * sizes and Σ(t³ - t) over pooled ties.
 */
export function mannWhitneyFromRanks(
  rankSum: number,
  n1: number,
  n2: number,
  ties: number,
): MannWhitneyResult | null {
  if (n1 === 0 || n2 === 0) return null;
  const statistic = rankSum - (n1 * (n1 + 1)) / 2;
  const rankBiserial = (2 * statistic) / (n1 * n2) - 1;
  if (n1 < 50 && n2 < 50 && ties === 0) {
    const cdf = mannWhitneyCdf(n1, n2);
    const u = Math.round(statistic);
    // The upper tail by symmetry, P(U >= u) = P(U <= n1·n2 - u).
    const p = statistic > (n1 * n2) / 2 ? cdf[n1 * n2 - u] : cdf[u];
    return { statistic, p: Math.min(1, 2 * p), method: 'exact', rankBiserial };
  }
  const n = n1 + n2;
  const centred = statistic - (n1 * n2) / 2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1))));
  if (sigma === 0) return { statistic, p: 1, method: 'normal', rankBiserial };
  const z = (centred - 0.5 * Math.sign(centred)) / sigma;
  return {
    statistic,
    p: 2 * Math.min(normalCdf(z), normalCdf(-z)),
    method: 'normal',
    rankBiserial,
  };
}

export interface KruskalWallisResult {
  statistic: number;
  df: number;
  p: number;
}

/**
 * Kruskal–Wallis rank-sum test across groups, with the tie correction, as R's `kruskal.test`.
 * Groups without values are left out; null with fewer than two groups.
 *
 * @example
 * kruskalWallisTest([Float64Array.of(1, 2), Float64Array.of(3, 4), Float64Array.of(5, 6)])
 */
export function kruskalWallisTest(groups: Float64Array[]): KruskalWallisResult | null {
  const present = groups.filter((group) => group.length > 0);
  if (present.length < 2) return null;
  const n = present.reduce((sum, group) => sum + group.length, 0);
  const pooled = new Float64Array(n);
  let offset = 0;
  for (const group of present) {
    pooled.set(group, offset);
    offset += group.length;
  }
  const { ranks, tieSum: ties } = averageRanks(pooled);
  const rankSums: number[] = [];
  offset = 0;
  for (const group of present) {
    let sum = 0;
    for (let i = 0; i < group.length; i++) sum += ranks[offset + i];
    rankSums.push(sum);
    offset += group.length;
  }
  return kruskalWallisFromRanks(
    rankSums,
    present.map((group) => group.length),
    ties,
  );
}

/**
 * Kruskal–Wallis from each group's rank sum in the pooled ranking, the group sizes and Σ(t³ - t)
 * over pooled ties. Groups of size 0 are left out; null with fewer than two groups.
 */
export function kruskalWallisFromRanks(
  rankSums: number[],
  sizes: number[],
  ties: number,
): KruskalWallisResult | null {
  const present = sizes
    .map((size, index) => ({ size, sum: rankSums[index] }))
    .filter((g) => g.size > 0);
  if (present.length < 2) return null;
  const n = present.reduce((total, group) => total + group.size, 0);
  let statistic = 0;
  for (const group of present) statistic += (group.sum * group.sum) / group.size;
  statistic = (12 * statistic) / (n * (n + 1)) - 3 * (n + 1);
  const correction = 1 - ties / (n * n * n - n);
  const df = present.length - 1;
  if (correction === 0) return { statistic: Number.NaN, df, p: Number.NaN };
  statistic /= correction;
  return { statistic, df, p: chiSquareUpper(statistic, df) };
}

/**
 * Holm's step-down adjustment of p-values (null stays null), as R's `p.adjust(p, "holm")`.
 *
 * @example
 * holm([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06]
 */
export function holm(pValues: (number | null)[]): (number | null)[] {
  const present = pValues
    .map((p, index) => ({ p, index }))
    .filter((item): item is { p: number; index: number } => item.p !== null);
  const m = present.length;
  present.sort((a, b) => a.p - b.p);
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 0;
  present.forEach((item, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * item.p));
    adjusted[item.index] = running;
  });
  return adjusted;
}
