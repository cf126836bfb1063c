/**
 * How well the indicative budget predicts the actual one: correlation (Pearson, Spearman), the
 * calibration line actual = a + b · indicative with its R², and Bland–Altman agreement (Bland &
 * Altman, Lancet 1986; intervals for the bias and limits as in Bland & Altman, Stat Methods Med
 * Res 1999, section 2.1), with the regression of the difference on the mean for proportional bias.
 */
import { normalQuantile, studentTCdf, studentTQuantile } from './distributions.js';
import { averageRanks } from './ranks.js';
import type { Interval } from './intervals.js';

export interface LineFit {
  intercept: number;
  slope: number;
  rSquared: number | null;
  /** Two-sided p-value of the slope (t test, n - 2 degrees of freedom); null for n < 3. */
  slopeP: number | null;
  n: number;
}

/**
 * Ordinary least squares of y on x. Null when x does not vary or n < 2.
 *
 * @example
 * fitLine(Float64Array.of(1, 2, 3), Float64Array.of(2, 4, 6)) // slope 2, intercept 0, R² 1
 */
export function fitLine(x: Float64Array, y: Float64Array, along?: Along): LineFit | null {
  const n = along ? along.rows.length : x.length;
  if (n < 2) return null;
  return lineFrom(moments(x, y, along), n);
}

/**
 * The line of y on x and Pearson's correlation together: each alone works out the same moments.
 *
 * @example
 * lineAndPearson(Float64Array.of(1, 2, 3), Float64Array.of(1, 3, 2)) // slope 0.5, pearson 0.5
 */
export function lineAndPearson(
  x: Float64Array,
  y: Float64Array,
  along?: Along,
): { line: LineFit | null; pearson: number | null } {
  const n = along ? along.rows.length : x.length;
  if (n < 2) return { line: null, pearson: null };
  const sums = moments(x, y, along);
  return { line: lineFrom(sums, n), pearson: pearsonFrom(sums) };
}

type Moments = ReturnType<typeof moments>;

function lineFrom({ meanX, meanY, sxx, syy, sxy }: Moments, n: number): LineFit | null {
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  // With y constant R² is 0/0 (R gives NaN): undefined, not a perfect fit. Points exactly on a
  // line can round to just over 1 (1.0000000000000002); R² is at most 1.
  const rSquared = syy === 0 ? null : Math.min(1, (sxy * sxy) / (sxx * syy));
  let slopeP: number | null = null;
  // With y constant there is no scatter about the line: the slope's test is undefined, as in R.
  if (n > 2 && syy > 0) {
    const residual = Math.max(0, syy - slope * sxy);
    const standardError = Math.sqrt(residual / (n - 2) / sxx);
    slopeP = standardError === 0 ? 0 : 2 * studentTCdf(-Math.abs(slope / standardError), n - 2);
  }
  return { intercept, slope, rSquared, slopeP, n };
}

function pearsonFrom({ sxx, syy, sxy }: Moments): number | null {
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * A group's values read from table columns through its rows, each divided by `scale` (e.g. pence
 * a year to pounds a week), instead of copied into arrays of their own: `x[rows[i]] / scale` is
 * the i-th value, the same number a copy would hold.
 */
export interface Along {
  rows: Uint32Array;
  scale: number;
}

/** Means and centred sums of squares and products (two passes, for accuracy). */
function moments(x: Float64Array, y: Float64Array, along?: Along) {
  if (along) return momentsAlong(x, y, along);
  const n = x.length;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += x[i];
    meanY += y[i];
  }
  meanX /= n;
  meanY /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - meanX;
    const dy = y[i] - meanY;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return { meanX, meanY, sxx, syy, sxy };
}

/** `moments` of values read through rows: the same sums, in the same order. */
function momentsAlong(x: Float64Array, y: Float64Array, { rows, scale }: Along) {
  const n = rows.length;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += x[rows[i]] / scale;
    meanY += y[rows[i]] / scale;
  }
  meanX /= n;
  meanY /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[rows[i]] / scale - meanX;
    const dy = y[rows[i]] / scale - meanY;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return { meanX, meanY, sxx, syy, sxy };
}

/**
 * Pearson's correlation. Null when either variable does not vary or n < 2.
 *
 * @example
 * pearson(Float64Array.of(1, 2, 3), Float64Array.of(1, 3, 2)) // 0.5
 */
export function pearson(x: Float64Array, y: Float64Array, along?: Along): number | null {
  const n = along ? along.rows.length : x.length;
  if (n < 2) return null;
  return pearsonFrom(moments(x, y, along));
}

/**
 * Spearman's rank correlation: Pearson's on average ranks, as R's `cor(method = "spearman")`.
 *
 * @example
 * spearman(Float64Array.of(1, 2, 3), Float64Array.of(10, 30, 20)) // 0.5
 */
export function spearman(x: Float64Array, y: Float64Array): number | null {
  if (x.length < 2) return null;
  return pearson(averageRanks(x).ranks, averageRanks(y).ranks);
}

export interface BlandAltman {
  n: number;
  /** Mean difference (actual - indicative). */
  bias: number;
  biasCi: Interval | null;
  standardDeviation: number;
  lowerLimit: number;
  upperLimit: number;
  lowerLimitCi: Interval | null;
  upperLimitCi: Interval | null;
  /** Regression of the difference on the mean of the two amounts. */
  proportionalBias: LineFit | null;
}

/**
 * Bland–Altman agreement between `actual` and `indicative`: bias = mean difference, limits of
 * agreement = bias ± z · SD (z = 1.96 for 95%), the t interval for the bias, and for each limit
 * ± t · SD · √(1/n + z²/(2(n - 1))). Null for n < 2.
 *
 * @example
 * blandAltman(Float64Array.of(100, 200, 300), Float64Array.of(90, 210, 280), 0.95)
 */
export function blandAltman(
  indicative: Float64Array,
  actual: Float64Array,
  confidence: number,
  /** Two arrays of n values to work in (their contents are overwritten), else allocated. */
  into?: [Float64Array, Float64Array],
  /** The amounts read through a group's rows rather than given one per record. */
  along?: Along,
): BlandAltman | null {
  const n = along ? along.rows.length : indicative.length;
  if (n < 2) return null;
  const differences = into ? into[0] : new Float64Array(n);
  const means = into ? into[1] : new Float64Array(n);
  let bias = 0;
  for (let i = 0; i < n; i++) {
    const planned = along ? indicative[along.rows[i]] / along.scale : indicative[i];
    const agreed = along ? actual[along.rows[i]] / along.scale : actual[i];
    differences[i] = agreed - planned;
    means[i] = (agreed + planned) / 2;
    bias += differences[i];
  }
  bias /= n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (differences[i] - bias) ** 2;
  const standardDeviation = Math.sqrt(squares / (n - 1));
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const t = studentTQuantile(1 - (1 - confidence) / 2, n - 1);
  const lowerLimit = bias - z * standardDeviation;
  const upperLimit = bias + z * standardDeviation;
  const biasHalf = (t * standardDeviation) / Math.sqrt(n);
  const limitHalf = t * standardDeviation * Math.sqrt(1 / n + (z * z) / (2 * (n - 1)));
  return {
    n,
    bias,
    biasCi: [bias - biasHalf, bias + biasHalf],
    standardDeviation,
    lowerLimit,
    upperLimit,
    lowerLimitCi: [lowerLimit - limitHalf, lowerLimit + limitHalf],
    upperLimitCi: [upperLimit - limitHalf, upperLimit + limitHalf],
    proportionalBias: fitLine(means, differences),
  };
}
