import { describe, expect, it } from 'vitest';
import {
  blandAltman,
  fitLine,
  lineAndPearson,
  pearson,
  spearman,
} from '../../../src/analysis/stats/agreement.js';
import { expectClose, expectInterval, sequence } from './helpers.js';
import fc from 'fast-check';

// Every expected value below was printed by R 4.2.2 (lm, summary.lm, cor, and the Bland–Altman
// formulas written out in R, quoted above the table):
//   Rscript test/analysis/stats/r/agreement.R
// and pasted unchanged. Figures to 1e-9 relative; p-values to 1e-6 (the rule for a reported
// figure): a slope p-value is ill-conditioned when the fit is nearly perfect. With n = 100 and
// R² = 1 - 5.8e-7, fitLine's residual sum of squares (syy - slope·sxy, a difference of nearly
// equal numbers) carries ~1e-9 relative error, which the t tail (98 df) multiplies ~100-fold:
// 1.783195651907869e-307 against R's 1.783195858473165e-307, 1.2e-7 relative (and 1.4e-9 for
// n = 10 with R² = 1 - 4.4e-7). Every other p-value here agrees to better than 1e-10.
const TOLERANCE = 1e-9;
const P_TOLERANCE = 1e-6;

/** indicative x = sequence(n, 10007, 1) + 6000; actual y = x + x/8 + sequence(n, m2, s2, 104729). */
function make(n: number, m2: number, s2: number): { x: Float64Array; y: Float64Array } {
  const x = sequence(n, 10007, 1).map((v) => v + 6000);
  const noise = sequence(n, m2, s2, 104729);
  return { x, y: x.map((v, i) => v + v / 8 + noise[i]) };
}

// fit <- lm(y ~ x); coef(fit), summary(fit)$r.squared, summary(fit)$coefficients[2, 4];
// cor(x, y); cor(x, y, method = 'spearman')
const FITS: {
  n: number;
  m2: number;
  s2: number;
  intercept: number;
  slope: number;
  rSquared: number;
  slopeP: number | null;
  pearson: number;
  spearman: number;
}[] = [
  {
    n: 3,
    m2: 1009,
    s2: 1,
    intercept: -372.8517128057546,
    slope: 1.2011422209628018,
    rSquared: 0.9999919605232224,
    slopeP: 0.0018050722820863298,
    pearson: 0.9999959802535319,
    spearman: 1,
  },
  {
    n: 10,
    m2: 1009,
    s2: 1,
    intercept: -251.06392766455411,
    slope: 1.1445966484081453,
    rSquared: 0.996392866511637,
    slopeP: 4.63590490105089e-11,
    pearson: 0.9981948038893196,
    spearman: 0.9636363636363636,
  },
  {
    n: 10,
    m2: 11,
    s2: 1,
    intercept: -3.7830510396329076,
    slope: 1.1253457518282457,
    rSquared: 0.9999995627064738,
    slopeP: 9.99885665904145e-27,
    pearson: 0.999999781353213,
    spearman: 0.9999999999999998,
  },
  {
    n: 100,
    m2: 100003,
    s2: 1,
    intercept: -6113.01508201562,
    slope: 1.9986789081932168,
    rSquared: 0.03707887379219242,
    slopeP: 0.054936050173301006,
    pearson: 0.19255875413024592,
    spearman: 0.16422442244224425,
  },
  {
    n: 100,
    m2: 7,
    s2: 1,
    intercept: -0.9155141062306938,
    slope: 1.1251314292383499,
    rSquared: 0.9999994216871364,
    slopeP: 1.783195858473165e-307,
    pearson: 0.9999997108435263,
    spearman: 1,
  },
  {
    n: 5000,
    m2: 100003,
    s2: 1,
    intercept: -175.61177588608265,
    slope: 1.1598525119957939,
    rSquared: 0.013659820242810263,
    slopeP: 1.1259609090131575e-16,
    pearson: 0.11687523365884771,
    spearman: 0.1133581662820648,
  },
  {
    n: 5000,
    m2: 2000003,
    s2: 0.25,
    intercept: -11089.987389749576,
    slope: 3.335596482466963,
    rSquared: 1.7651026476498322e-5,
    slopeP: 0.7664629312081204,
    pearson: 0.004201312470704578,
    spearman: 0.003930906511241015,
  },
];
// Spearman with ties in both: x = sequence(200, 13, 1), y = sequence(200, 11, 1, 104729) + x / 2
const SPEARMAN_TIES = { pearson: 0.6118510246800988, spearman: 0.6023261803535472 };
// Bland-Altman (Bland & Altman 1999, section 2.1), d = y - x, m = (x + y) / 2:
//   bias <- mean(d); s <- sd(d); z <- qnorm(1 - (1 - level) / 2); t <- qt(1 - (1 - level) / 2, n - 1)
//   limits <- bias + c(-1, 1) * z * s
//   biasCi <- bias + c(-1, 1) * t * s / sqrt(n)
//   limitCi <- limit + c(-1, 1) * t * s * sqrt(1 / n + z^2 / (2 * (n - 1)))
//   proportional bias: lm(d ~ m): coef, summary(...)$coefficients[2, 4]
const BLAND_ALTMAN: {
  n: number;
  m2: number;
  s2: number;
  level: number;
  bias: number;
  sd: number;
  lower: number;
  upper: number;
  biasCi: [number, number];
  lowerCi: [number, number];
  upperCi: [number, number];
  propIntercept: number;
  propSlope: number;
  propP: number | null;
}[] = [
  {
    n: 2,
    m2: 1009,
    s2: 1,
    level: 0.95,
    bias: 1215.0625,
    sd: 299.90166357074446,
    lower: 627.2660404976931,
    upper: 1802.8589595023068,
    biasCi: [-1479.4470418650458, 3909.572041865046],
    lowerCi: [-5301.548249362109, 6556.080330357496],
    upperCi: [-4125.955330357496, 7731.673249362109],
    propIntercept: -381.6051082179276,
    propSlope: 0.18757774276473993,
    propP: null,
  },
  {
    n: 3,
    m2: 1009,
    s2: 1,
    level: 0.95,
    bias: 1012.75,
    sd: 409.5870443202519,
    lower: 209.97414459809556,
    upper: 1815.5258554019044,
    biasCi: [-4.720623040291571, 2030.2206230402917],
    lowerCi: [-1794.493110803971, 2214.441400000162],
    upperCi: [-188.94140000016205, 3819.993110803971],
    propIntercept: -338.81238260024804,
    propSlope: 0.1827660266868338,
    propP: 0.009793168073560768,
  },
  {
    n: 10,
    m2: 1009,
    s2: 1,
    level: 0.95,
    bias: 620.0875,
    sd: 487.30065742739015,
    lower: -335.0042382003753,
    upper: 1575.1792382003753,
    biasCi: [271.49360942527136, 968.6813905747285],
    lowerCi: [-952.1378918389101, 282.1294154381595],
    upperCi: [958.0455845618404, 2192.31289183891],
    propIntercept: -246.30768376297797,
    propSlope: 0.13676878149380195,
    propP: 0.0001951120808607322,
  },
  {
    n: 10,
    m2: 1009,
    s2: 1,
    level: 0.9,
    bias: 620.0875,
    sd: 487.30065742739015,
    lower: -181.4507537852793,
    upper: 1421.6257537852794,
    biasCi: [337.6084664623594, 902.5665335376406],
    lowerCi: [-628.3643399922123, 265.4628324216537],
    upperCi: [974.7121675783465, 1868.5393399922123],
    propIntercept: -246.30768376297797,
    propSlope: 0.13676878149380195,
    propP: 0.0001951120808607322,
  },
  {
    n: 100,
    m2: 100003,
    s2: 1,
    level: 0.99,
    bias: 463.685,
    sd: 29122.808895332637,
    lower: -74551.69955425238,
    upper: 75479.06955425238,
    biasCi: [-7185.145421404827, 8112.515421404828],
    lowerCi: [-90506.35655461001, -58597.042553894746],
    upperCi: [59524.41255389474, 91433.72655461001],
    propIntercept: -12445.450158376218,
    propSlope: 1.8936006982847122,
    propP: 4.5672005997907246e-73,
  },
  {
    n: 5000,
    m2: 100003,
    s2: 1,
    level: 0.95,
    bias: 784.007375,
    sd: 28666.30267756849,
    lower: -55400.91344295834,
    upper: 56968.928192958345,
    biasCi: [-10.759824540910586, 1578.7745745409106],
    lowerCi: [-56759.27118084275, -54042.55570507394],
    upperCi: [55610.57045507394, 58327.28593084275],
    propIntercept: -11463.5857310065,
    propSlope: 1.9151356156591801,
    propP: 0,
  },
];

describe('fitLine', () => {
  it.each(FITS)('lm(y ~ x), n = $n, noise m = $m2 / $s2', (c) => {
    const { x, y } = make(c.n, c.m2, c.s2);
    const fit = fitLine(x, y)!;
    expect(fit.n).toBe(c.n);
    expectClose(fit.intercept, c.intercept, TOLERANCE, 'intercept');
    expectClose(fit.slope, c.slope, TOLERANCE, 'slope');
    expectClose(fit.rSquared, c.rSquared, TOLERANCE, 'R²');
    expectClose(fit.slopeP, c.slopeP, P_TOLERANCE, 'slope p');
  });

  it('has no slope p-value with two points, and is null when x does not vary or n < 2', () => {
    // R: lm(c(3, 5) ~ c(1, 2)): intercept 1, slope 2; summary gives NaN for its p-value
    const fit = fitLine(Float64Array.of(1, 2), Float64Array.of(3, 5))!;
    expect(fit.intercept).toBe(1);
    expect(fit.slope).toBe(2);
    expect(fit.slopeP).toBeNull();
    expect(fitLine(Float64Array.of(4, 4, 4), Float64Array.of(1, 2, 3))).toBeNull();
    expect(fitLine(Float64Array.of(1), Float64Array.of(1))).toBeNull();
  });

  it('gives R² of at most 1 for points exactly on a line, where sxy²/(sxx·syy) rounds above 1', () => {
    // x = 0.4·i + 0.3 for i = 1..5, y = 3x + 0.7: this quotient is 1.0000000000000002 in doubles.
    // R: summary(lm(y ~ x))$r.squared is 1 (with an "essentially perfect fit" warning).
    const x = Float64Array.from([1, 2, 3, 4, 5], (i) => i * 4 * 0.1 + 0.3);
    const y = x.map((v) => v * 3 + 0.7);
    expect(fitLine(x, y)!.rSquared).toBe(1);
  });
});

describe('pearson and spearman', () => {
  it.each(FITS)('cor(x, y), n = $n, noise m = $m2 / $s2', (c) => {
    const { x, y } = make(c.n, c.m2, c.s2);
    expectClose(pearson(x, y), c.pearson, TOLERANCE, 'pearson');
    expectClose(spearman(x, y), c.spearman, TOLERANCE, 'spearman');
  });

  it('ranks ties by their average rank, as cor(method = "spearman")', () => {
    const x = sequence(200, 13, 1);
    const y = sequence(200, 11, 1, 104729).map((v, i) => v + x[i] / 2);
    expectClose(pearson(x, y), SPEARMAN_TIES.pearson, TOLERANCE, 'pearson');
    expectClose(spearman(x, y), SPEARMAN_TIES.spearman, TOLERANCE, 'spearman');
  });

  it('is null when either variable does not vary or n < 2 (cor gives NA)', () => {
    expect(pearson(Float64Array.of(1, 2, 3), Float64Array.of(5, 5, 5))).toBeNull();
    expect(spearman(Float64Array.of(1, 1, 1), Float64Array.of(1, 2, 3))).toBeNull();
    expect(pearson(Float64Array.of(1), Float64Array.of(2))).toBeNull();
    expect(spearman(Float64Array.of(1), Float64Array.of(2))).toBeNull();
  });
});

describe('blandAltman', () => {
  it.each(BLAND_ALTMAN)('n = $n at $level', (c) => {
    const { x, y } = make(c.n, c.m2, c.s2);
    const result = blandAltman(x, y, c.level)!;
    expect(result.n).toBe(c.n);
    expectClose(result.bias, c.bias, TOLERANCE, 'bias');
    expectClose(result.standardDeviation, c.sd, TOLERANCE, 'sd');
    expectClose(result.lowerLimit, c.lower, TOLERANCE, 'lower limit');
    expectClose(result.upperLimit, c.upper, TOLERANCE, 'upper limit');
    expectInterval(result.biasCi, c.biasCi, TOLERANCE, 'bias CI');
    expectInterval(result.lowerLimitCi, c.lowerCi, TOLERANCE, 'lower limit CI');
    expectInterval(result.upperLimitCi, c.upperCi, TOLERANCE, 'upper limit CI');
    const proportional = result.proportionalBias!;
    expectClose(proportional.intercept, c.propIntercept, TOLERANCE, 'proportional bias intercept');
    expectClose(proportional.slope, c.propSlope, TOLERANCE, 'proportional bias slope');
    expectClose(proportional.slopeP, c.propP, P_TOLERANCE, 'proportional bias p');
  });

  it('is null for n < 2', () => {
    expect(blandAltman(Float64Array.of(1), Float64Array.of(2), 0.95)).toBeNull();
  });
});

// Read through a group's rows of table columns (pence a year, shown per week), the figures must be
// exactly those of the copied amounts, whose values are checked against R above.
describe('agreement read through rows', () => {
  it('gives fitLine, pearson and blandAltman bit for bit as copies of the values do', () => {
    const amount = fc.oneof(
      fc.integer({ min: 0, max: 2_000_000 }),
      fc.constantFrom(0, 520_000, 1_040_000),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(amount, amount), { maxLength: 80 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        fc.constantFrom(5200, 1200, 100),
        (table, picks, scale) => {
          const indicative = Float64Array.from(table, ([a]) => a);
          const actual = Float64Array.from(table, ([, b]) => b);
          const rows =
            table.length === 0
              ? new Uint32Array(0)
              : Uint32Array.from(picks, (p) => p % table.length);
          const x = Float64Array.from(rows, (row) => indicative[row] / scale);
          const y = Float64Array.from(rows, (row) => actual[row] / scale);
          const along = { rows, scale };
          expect(fitLine(indicative, actual, along)).toEqual(fitLine(x, y));
          expect(pearson(indicative, actual, along)).toEqual(pearson(x, y));
          // Both from one pass over the moments: the same figures, bit for bit.
          expect(lineAndPearson(indicative, actual, along)).toEqual({
            line: fitLine(x, y),
            pearson: pearson(x, y),
          });
          expect(blandAltman(indicative, actual, 0.95, undefined, along)).toEqual(
            blandAltman(x, y, 0.95),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
