/**
 * Distribution functions: normal, Student's t, chi-square and binomial, from the special functions
 * in special.ts. simple-statistics' `cumulativeStdNormalProbability` is a table lookup (about 4
 * digits) and its `probit` an approximation, too coarse for p-values that reviewers check against
 * R, so these are our own; each is tested against R to at least 1e-8 relative.
 */
import { gammaQ, incompleteBeta, logGamma, gammaP } from './special.js';

/**
 * Φ(x), the standard normal CDF: 0.5 · erfc(-x/√2), with erfc from the incomplete gamma function.
 *
 * @example
 * normalCdf(1.959963984540054) // 0.975
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (!Number.isFinite(x)) return x > 0 ? 1 : 0;
  const z = (x * x) / 2;
  // erfc(|x|/√2) = Q(1/2, x²/2)
  const tail = 0.5 * gammaQ(0.5, z);
  return x < 0 ? tail : 1 - tail;
}

/** The upper tail 1 - Φ(x), accurate far into the tail. */
export function normalUpper(x: number): number {
  return normalCdf(-x);
}

/* eslint-disable no-loss-of-precision -- AS 241's coefficients are kept as published. */
/**
 * The standard normal quantile Φ⁻¹(p): Wichura's algorithm AS 241 (PPND16), about 16 digits.
 *
 * @example
 * normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) *
          r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) *
        r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r +
        0.24178072517745061177) *
        r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r +
        0.0151986665636164571966) *
        r +
        0.14810397642748007459) *
        r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r +
        0.0012426609473880784386) *
        r +
        0.026532189526576123093) *
        r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r +
        1.8463183175100546818e-5) *
        r +
        7.868691311456132591e-4) *
        r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}

/* eslint-enable no-loss-of-precision */

/**
 * Student's t CDF with `df` degrees of freedom: from the incomplete beta function.
 *
 * @example
 * studentTCdf(2.228138851986274, 10) // 0.975
 */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t)) return Number.NaN;
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const tail = studentTTail(Math.abs(t), df);
  return t > 0 ? 1 - tail : tail;
}

/**
 * P(T > t) for t >= 0: ½ · I_x(df/2, ½) with x = df / (df + t²). Near t = 0 with many degrees
 * of freedom x is 1 to machine precision, so there the complement ½ · (1 − I_y(½, df/2)) with the
 * accurately computed y = t² / (df + t²) is used; it is taken only while I_y < ½, so the
 * subtraction never cancels. Far in the tail the direct form keeps every digit.
 */
function studentTTail(t: number, df: number): number {
  const t2 = t * t;
  const y = t2 / (df + t2);
  const complement = incompleteBeta(y, 0.5, df / 2);
  if (complement < 0.5) return 0.5 * (1 - complement);
  return 0.5 * incompleteBeta(df / (df + t2), df / 2, 0.5);
}

/** Student's t density. */
function studentTDensity(t: number, df: number): number {
  return Math.exp(
    logGamma((df + 1) / 2) -
      logGamma(df / 2) -
      0.5 * Math.log(df * Math.PI) -
      ((df + 1) / 2) * Math.log1p((t * t) / df),
  );
}

/**
 * The t quantile: Newton's method from the normal quantile, kept inside a bisection bracket.
 *
 * @example
 * studentTQuantile(0.975, 10) // 2.228138851986274
 */
export function studentTQuantile(p: number, df: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p === 0.5) return 0;
  // Work with the smaller tail, q = P(T > t), so that p near 0 or 1 keeps its digits.
  const sign = p < 0.5 ? -1 : 1;
  const q = p < 0.5 ? p : 1 - p;
  if (df === 1) return (sign * 1) / Math.tan(Math.PI * q);
  if (df === 2) return (sign * (1 - 2 * q)) / Math.sqrt(2 * q * (1 - q));
  let low = 0;
  let high = 1;
  while (studentTTail(high, df) > q) high *= 2;
  let x = Math.min(Math.max(-normalQuantile(q), low), high);
  for (let i = 0; i < 200; i++) {
    // The tail falls as x grows: error > 0 means x is too small.
    const error = studentTTail(x, df) - q;
    if (error < 0) high = x;
    else low = x;
    let next = x + error / studentTDensity(x, df);
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.max(1, Math.abs(x))) return sign * next;
    x = next;
  }
  return sign * x;
}

/**
 * The upper tail P(X > x) of a chi-square variable with `df` degrees of freedom.
 *
 * @example
 * chiSquareUpper(5.991464547107979, 2) // 0.05
 */
export function chiSquareUpper(x: number, df: number): number {
  if (x <= 0) return 1;
  return gammaQ(df / 2, x / 2);
}

/** The chi-square CDF P(X ≤ x). */
export function chiSquareCdf(x: number, df: number): number {
  if (x <= 0) return 0;
  return gammaP(df / 2, x / 2);
}

/**
 * The binomial CDF P(X ≤ k) for n trials with success probability p: I_{1-p}(n - k, k + 1).
 *
 * @example
 * binomialCdf(3, 10, 0.5) // 0.171875
 */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  const whole = Math.floor(k);
  return incompleteBeta(1 - p, n - whole, whole + 1);
}

/**
 * Exact distribution of the Wilcoxon signed-rank statistic V for n pairs without ties: the
 * number of subsets of {1..n} with each sum, by dynamic programming (all additions, so exact).
 * Returns the CDF P(V ≤ v) for v = 0 .. n(n+1)/2.
 */
export function signedRankCdf(n: number): Float64Array {
  const maxSum = (n * (n + 1)) / 2;
  const counts = new Float64Array(maxSum + 1);
  counts[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    for (let sum = (rank * (rank + 1)) / 2; sum >= rank; sum--) counts[sum] += counts[sum - rank];
  }
  const total = 2 ** n;
  const cdf = new Float64Array(maxSum + 1);
  let running = 0;
  for (let v = 0; v <= maxSum; v++) {
    running += counts[v];
    cdf[v] = running / total;
  }
  return cdf;
}

/**
 * Exact distribution of the Mann–Whitney statistic U for samples of m and n without ties, by the
 * recursion f(m, n, u) = f(m - 1, n, u - n) + f(m, n - 1, u) (all additions). Returns the CDF
 * P(U ≤ u) for u = 0 .. m·n.
 */
export function mannWhitneyCdf(m: number, n: number): Float64Array {
  // previous[i] holds the counts for (i, n' - 1); current[i] for (i, n').
  let previous: Float64Array[] = Array.from({ length: m + 1 }, () => Float64Array.of(1));
  for (let columns = 1; columns <= n; columns++) {
    const current: Float64Array[] = [Float64Array.of(1)];
    for (let rows = 1; rows <= m; rows++) {
      const counts = new Float64Array(rows * columns + 1);
      const left = current[rows - 1]; // (rows - 1, columns): shifted by `columns`
      const up = previous[rows]; // (rows, columns - 1)
      for (let u = 0; u < left.length; u++) counts[u + columns] += left[u];
      for (let u = 0; u < up.length; u++) counts[u] += up[u];
      current.push(counts);
    }
    previous = current;
  }
  const counts = previous[m];
  let total = 0;
  for (const count of counts) total += count;
  const cdf = new Float64Array(counts.length);
  let running = 0;
  for (let u = 0; u < counts.length; u++) {
    running += counts[u];
    cdf[u] = running / total;
  }
  return cdf;
}
