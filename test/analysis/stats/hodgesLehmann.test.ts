import { describe, expect, it } from 'vitest';
import { hodgesLehmann } from '../../../src/analysis/stats/hodgesLehmann.js';
import { sequence } from './helpers.js';

// Every expected value below was printed by R 4.2.2:
//   Rscript test/analysis/stats/r/hodgesLehmann.R
// and pasted unchanged: the estimate is median(outer(a, b, "-")); the exact interval is
// wilcox.test(a, b, conf.int = TRUE, exact = TRUE)$conf.int; the normal-approximation interval is
// the k-th smallest and largest of outer(a, b, "-") at
// k = floor(N/2 - qnorm(1 - α/2) · sqrt(n1·n2·(n1 + n2 + 1)/12)), worked out in R (see the script).
// Each end of an interval is one of the differences a_i - b_j, so they must agree exactly.

type Spec = number[];
/** sequence(n, m, s, k) + shift, as the R script builds it. */
const build = ([n, m, s, k, shift]: Spec): Float64Array =>
  sequence(n, m, s, k).map((v) => v + shift);

const CASES: {
  a: number[];
  b: number[];
  level: number;
  method: 'exact' | 'normal';
  estimate: number;
  interval: [number, number] | null;
}[] = [
  {
    a: [5, 1009, 8, 7919, 0],
    b: [7, 1013, 8, 104729, 0],
    level: 0.95,
    method: 'exact',
    estimate: 30.375,
    interval: [-20.375, 58.5],
  },
  {
    a: [12, 10007, 4, 7919, 500],
    b: [9, 10009, 4, 104729, 0],
    level: 0.95,
    method: 'exact',
    estimate: 394.625,
    interval: [-197, 1203.25],
  },
  {
    a: [30, 100003, 16, 7919, 0],
    b: [45, 100019, 16, 104729, 1250],
    level: 0.95,
    method: 'exact',
    estimate: -1206.03125,
    interval: [-2083.0625, -349.375],
  },
  {
    a: [49, 1000003, 1, 7919, 0],
    b: [49, 1000033, 1, 104729, 0],
    level: 0.95,
    method: 'exact',
    estimate: -292202,
    interval: [-412120, -174979],
  },
  {
    a: [20, 1000003, 1, 7919, 200000],
    b: [25, 1000033, 1, 104729, -200000],
    level: 0.95,
    method: 'exact',
    estimate: 15373,
    interval: [-133892, 166201],
  },
  {
    a: [10, 10007, 2, 7919, 0],
    b: [10, 10009, 2, 104729, 0],
    level: 0.9,
    method: 'exact',
    estimate: -431.5,
    interval: [-1723, 687.5],
  },
  {
    a: [10, 10007, 2, 7919, 0],
    b: [10, 10009, 2, 104729, 0],
    level: 0.99,
    method: 'exact',
    estimate: -431.5,
    interval: [-2593.5, 1558],
  },
  {
    a: [8, 10007, 2, 7919, 0],
    b: [6, 10009, 2, 104729, 0],
    level: 0.5,
    method: 'exact',
    estimate: -215,
    interval: [-698.5, 285],
  },
  {
    a: [15, 11, 1, 7919, 0],
    b: [12, 13, 1, 104729, 2],
    level: 0.95,
    method: 'normal',
    estimate: -3,
    interval: [-7, -1],
  },
  {
    a: [300, 1001, 4, 7919, 10],
    b: [200, 997, 4, 104729, 0],
    level: 0.95,
    method: 'normal',
    estimate: 4.75,
    interval: [-8.75, 18],
  },
  {
    a: [50, 1000003, 1, 7919, 0],
    b: [10, 1000033, 1, 104729, 50000],
    level: 0.9,
    method: 'normal',
    estimate: -307727,
    interval: [-481793, -132365],
  },
  {
    a: [2, 11, 1, 7919, 0],
    b: [2, 11, 1, 7919, 0],
    level: 0.95,
    method: 'normal',
    estimate: 0,
    interval: null,
  },
  {
    a: [1, 11, 1, 7919, 0],
    b: [60, 13, 1, 104729, 0],
    level: 0.95,
    method: 'normal',
    estimate: -4,
    interval: null,
  },
  {
    a: [3000, 100003, 64, 7919, 0],
    b: [2800, 100019, 64, 104729, 75],
    level: 0.95,
    method: 'normal',
    estimate: -68.25,
    interval: [-91.515625, -44.78125],
  },
  {
    a: [3100, 1009, 10, 7919, 0],
    b: [2900, 1013, 10, 104729, -7],
    level: 0.99,
    method: 'normal',
    estimate: 7.200000000000003,
    interval: [5.3, 9.200000000000001],
  },
];
// Exact, 3 and 5 values at 75%: qwilcox(0.125, 3, 5) = 3 where pwilcox(3, 3, 5) = 0.125 exactly
// a <- c(1.5, 4, 9); b <- c(0, 2, 3, 7, 11); wilcox.test(a, b, conf.int = TRUE, conf.level = 0.75, exact = TRUE)$conf.int
const AT_75 = {
  interval: [-5.5, 6],
  estimate: 1,
  pwilcox3: 0.125,
  sorted: [-9.5, -7, -5.5, -3, -2, -1.5, -0.5, 1, 1.5, 2, 2, 4, 6, 7, 9],
};
// Exact, 2 and 2 at 95%: no k reaches the level; R falls back to qu = 1, the full range
const TWO_BY_TWO = { interval: [-4, -1.5], estimate: -2.75 };

describe('hodgesLehmann', () => {
  it.each(CASES)(
    'a = $a, b = $b at $level: estimate $estimate, $method interval $interval',
    ({ a, b, level, method, estimate, interval }) => {
      const result = hodgesLehmann(build(a), build(b), level)!;
      expect(result.method).toBe(method);
      expect(result.estimate).toBe(estimate);
      expect(result.interval).toEqual(interval);
    },
  );

  it('does not depend on the order of the values', () => {
    const { a, b, level, estimate, interval } = CASES[2];
    const result = hodgesLehmann(build(a).reverse(), build(b).reverse(), level)!;
    expect(result.estimate).toBe(estimate);
    expect(result.interval).toEqual(interval);
  });

  it('swapping a and b negates the estimate and mirrors the interval', () => {
    const { a, b, level, estimate, interval } = CASES[1];
    const result = hodgesLehmann(build(b), build(a), level)!;
    expect(result.estimate).toBe(-estimate);
    expect(result.interval).toEqual([-interval![1], -interval![0]]);
  });

  it('takes the differences’ median for the 3-by-5 case, as R', () => {
    const result = hodgesLehmann(
      Float64Array.of(1.5, 4, 9),
      Float64Array.of(0, 2, 3, 7, 11),
      0.75,
    )!;
    expect(result.estimate).toBe(AT_75.estimate);
    expect(result.method).toBe('exact');
  });

  // Once wrong (now fixed and kept as a regression test): at 75% with 3 and 5 values P(U <= 3) is exactly α/2 = 0.125. R's qwilcox takes
  // k = 3 (the smallest q with P(U <= q) >= α/2) and gives [d(3), d(13)] = [-5.5, 6]; ours takes
  // the largest k with P(U <= k - 1) <= α/2, k = 4, and gives [d(4), d(12)] = [-3, 4]. Both cover
  // at least 75% (ours exactly 75%), but the comment in hodgesLehmann.ts says it is "the same k
  // R's exact wilcox.test uses". Only levels whose α/2 is exactly a CDF value (75%, 50%, ...)
  // differ; 1 - 0.95 and 1 - 0.9 are not exact in binary.
  it('at 75% with 3 and 5 values, where P(U <= 3) = α/2 exactly: R’s interval', () => {
    const result = hodgesLehmann(
      Float64Array.of(1.5, 4, 9),
      Float64Array.of(0, 2, 3, 7, 11),
      0.75,
    )!;
    expect(result.interval).toEqual(AT_75.interval);
  });

  it('widens to the full range where no exact k reaches the level, as R does', () => {
    // R: wilcox.test(c(1, 2), c(3.5, 5), conf.int = TRUE, exact = TRUE) warns "requested
    // conf.level not achievable" and reports [-4, -1.5] at an achieved level of 1 - 2/6.
    const result = hodgesLehmann(Float64Array.of(1, 2), Float64Array.of(3.5, 5), 0.95)!;
    expect(result.estimate).toBe(TWO_BY_TWO.estimate);
    expect(result.method).toBe('exact');
    expect(result.interval).toEqual([-4, -1.5]);
  });

  it('is null when either sample is empty', () => {
    expect(hodgesLehmann(new Float64Array(0), Float64Array.of(1), 0.95)).toBeNull();
    expect(hodgesLehmann(Float64Array.of(1), new Float64Array(0), 0.95)).toBeNull();
  });
});
