/**
 * The Cochran–Armitage test for trend in proportions, as R's `prop.trend.test(x, n, score)`: the
 * chi-squared statistic (1 df) of the weighted regression of x/n on the scores. In closed form,
 * with p̄ = Σx/Σn and s̄ = Σ n·s / Σn,
 *   X² = (Σ x·(s − s̄))² / (p̄(1 − p̄) · Σ n·(s − s̄)²),
 * which is what R's `anova(lm(...))` works out. The scores default to 0, 1, 2, …; the statistic
 * does not change when they are shifted, so R's default 1, 2, 3, … gives the same.
 */
import { chiSquareUpper } from './distributions.js';

export interface TrendTest {
  /** X², 1 degree of freedom; null where R gives NA or an error. */
  statistic: number | null;
  df: 1;
  /** The upper tail of chi-squared with 1 df at X²; null with the statistic. */
  p: number | null;
  /**
   * The signed root of X²: positive when the proportion rises with the score, negative when it
   * falls (the direction R's statistic leaves out). Null with the statistic.
   */
  z: number | null;
}

/**
 * `x[i]` successes (e.g. people moderated down) out of `n[i]` in group i, with score `scores[i]`.
 * Groups with n = 0 add nothing (R drops their NaN proportion). Null figures where R fails: no
 * success or no failure at all (R: "NA/NaN/Inf"), or one score among the groups with people.
 *
 * @example
 * cochranArmitage([15, 10, 5], [50, 50, 50])
 * // { statistic: 6.25, df: 1, p: 0.01241933…, z: -2.5 }: the share falls with the score
 */
export function cochranArmitage(
  x: ArrayLike<number>,
  n: ArrayLike<number>,
  scores?: ArrayLike<number>,
): TrendTest {
  const k = x.length;
  if (n.length !== k || (scores !== undefined && scores.length !== k)) {
    throw new RangeError('cochranArmitage: x, n and scores must have one value per group');
  }
  const score = (i: number): number => (scores === undefined ? i : scores[i]);
  let total = 0;
  let successes = 0;
  let weighted = 0;
  for (let i = 0; i < k; i++) {
    if (!(x[i] >= 0 && x[i] <= n[i])) {
      throw new RangeError(`cochranArmitage: group ${i + 1} has ${x[i]} of ${n[i]}`);
    }
    total += n[i];
    successes += x[i];
    weighted += n[i] * score(i);
  }
  const none = { statistic: null, df: 1, p: null, z: null } as const;
  if (total === 0 || successes === 0 || successes === total) return none;
  const share = successes / total;
  const mean = weighted / total;
  let trend = 0;
  let spread = 0;
  for (let i = 0; i < k; i++) {
    const centred = score(i) - mean;
    trend += x[i] * centred;
    spread += n[i] * centred * centred;
  }
  if (!(spread > 0)) return none;
  const z = trend / Math.sqrt(share * (1 - share) * spread);
  const statistic = z * z;
  return { statistic, df: 1, p: chiSquareUpper(statistic, 1), z };
}
