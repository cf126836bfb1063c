import { describe, expect, it } from 'vitest';
import { headToHead, newcombeInterval } from '../../src/analysis/headToHead.js';
import type { Summary } from '../../src/analysis/summary.js';
import { expectClose, expectInterval, sequence } from './stats/helpers.js';

// Every expected value below was printed by R 4.2.2:
//   Rscript test/analysis/stats/r/headToHead.R
// and pasted unchanged. Newcombe's hybrid score interval is built in R from the Wilson limits of
// prop.test(x, n, correct = FALSE) for each share: with (l1, u1) and (l2, u2) those limits,
// d = p1 - p2, the interval is [d - sqrt((p1 - l1)² + (u2 - p2)²), d + sqrt((u1 - p1)² + (p2 - l2)²)].
// The head-to-head cases take wilcox.test and the order statistics of outer(a, b, "-") as in
// hodgesLehmann.test.ts. Figures to 1e-10 relative (1e-10 absolute where R's value is 0).
const TOLERANCE = 1e-10;

type Spec = number[];
/** sequence(n, m, s, k) + shift, as the R script builds it. */
const build = ([n, m, s, k, shift]: Spec): Float64Array =>
  sequence(n, m, s, k).map((v) => v + shift);

/** headToHead reads only n, down and medianPctGap of each side. */
const side = (n: number, down: number, medianPctGap: number | null): Summary =>
  ({ n, down, medianPctGap }) as Summary;

// newcombe(x1, n1, x2, n2, level): see the script
const NEWCOMBE: [
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  level: number,
  lower: number,
  upper: number,
][] = [
  [652, 1073, 150, 746, 0.95, 0.3642749371899603, 0.446168623440777],
  [56, 70, 48, 80, 0.95, 0.052431472402364926, 0.33387265403690586],
  [9, 10, 3, 10, 0.95, 0.17052272393450307, 0.809017973535488],
  [0, 10, 0, 10, 0.95, -0.27753279986288915, 0.27753279986288915],
  [10, 10, 0, 10, 0.95, 0.6075093504305243, 1],
  [0, 10, 10, 10, 0.95, -1, -0.6075093504305243],
  [1, 1, 0, 1, 0.95, -0.12210872068194178, 1],
  [5, 20, 15, 20, 0.9, -0.6734148713351006, -0.24232781383543783],
  [5, 20, 15, 20, 0.99, -0.730002166470554, -0.0938537151823226],
  [400000, 1000000, 399000, 1000000, 0.95, -0.0003576187541180387, 0.0023576135502196846],
  [3, 7, 3, 7, 0.5, -0.17310611241467067, 0.17310611241467067],
];
const CASES: {
  a: number[];
  b: number[];
  n: [number, number];
  down: [number, number];
  medianA: number;
  medianB: number;
  expected: Record<string, unknown>;
}[] = [
  {
    a: [12, 10007, 64, 7919, -300],
    b: [15, 10009, 64, 104729, 200],
    n: [13, 16],
    down: [8, 4],
    medianA: -285.0625,
    medianB: 194.5,
    expected: {
      mannWhitneyU: 0,
      mannWhitneyP: 1.1504924683010562e-7,
      mannWhitneyMethod: 'exact',
      hodgesLehmann: -502.28125,
      hodgesLehmannCi: [-533.765625, -460.40625],
      rankBiserial: -1,
      medianPctGapDifference: -479.5625,
      downShareDifference: 0.3653846153846154,
      downShareDifferenceCi: [0.008036410290330642, 0.6203766936405868],
    },
  },
  {
    a: [400, 1001, 8, 7919, -10],
    b: [350, 997, 8, 104729, 15],
    n: [420, 360],
    down: [240, 120],
    medianA: -10.375,
    medianB: 15.3125,
    expected: {
      mannWhitneyU: 43892,
      mannWhitneyP: 1.1436000984685841e-18,
      mannWhitneyMethod: 'normal',
      hodgesLehmann: -26.125,
      hodgesLehmannCi: [-31.5, -20.875],
      rankBiserial: -0.3729714285714286,
      medianPctGapDifference: -25.6875,
      downShareDifference: 0.23809523809523808,
      downShareDifferenceCi: [0.16878094449864556, 0.3039837301680161],
    },
  },
  {
    a: [6, 1009, 4, 7919, 0],
    b: [5, 1013, 4, 104729, 0],
    n: [7, 5],
    down: [3, 4],
    medianA: 33,
    medianB: -25.75,
    expected: {
      mannWhitneyU: 21,
      mannWhitneyP: 0.32900432900432897,
      mannWhitneyMethod: 'exact',
      hodgesLehmann: 58.75,
      hodgesLehmannCi: [-48.5, 120.75],
      rankBiserial: 0.3999999999999999,
      medianPctGapDifference: 58.75,
      downShareDifference: -0.3714285714285715,
      downShareDifferenceCi: [-0.6875179824973687, 0.16072998036671066],
    },
  },
];

describe('newcombeInterval', () => {
  it.each(NEWCOMBE)(
    '%s of %s against %s of %s at %s: [%s, %s]',
    (x1, n1, x2, n2, level, lower, upper) => {
      expectInterval(newcombeInterval(x1, n1, x2, n2, level), [lower, upper], TOLERANCE);
    },
  );

  it('is null when either group is empty', () => {
    expect(newcombeInterval(0, 0, 3, 10, 0.95)).toBeNull();
    expect(newcombeInterval(3, 10, 0, 0, 0.95)).toBeNull();
  });
});

describe('headToHead', () => {
  it.each(CASES)('a = $a against b = $b', ({ a, b, n, down, medianA, medianB, expected }) => {
    const result = headToHead(
      side(n[0], down[0], medianA),
      side(n[1], down[1], medianB),
      build(a),
      build(b),
      0.95,
    );
    expect(result.mannWhitneyMethod).toBe(expected.mannWhitneyMethod);
    expect(result.mannWhitneyU).toBe(expected.mannWhitneyU);
    expectClose(result.mannWhitneyP, expected.mannWhitneyP as number, TOLERANCE, 'Mann–Whitney p');
    expect(result.hodgesLehmann).toBe(expected.hodgesLehmann);
    expect(result.hodgesLehmannCi).toEqual(expected.hodgesLehmannCi);
    expectClose(result.rankBiserial, expected.rankBiserial as number, 1e-12, 'rank-biserial');
    expectClose(
      result.medianPctGapDifference,
      expected.medianPctGapDifference as number,
      1e-15,
      'median difference',
    );
    expectClose(
      result.downShareDifference,
      expected.downShareDifference as number,
      1e-15,
      'share difference',
    );
    expectInterval(
      result.downShareDifferenceCi,
      expected.downShareDifferenceCi as [number, number],
      TOLERANCE,
      'share CI',
    );
  });

  it('leaves out the rank comparison when a side has no % gaps, and nulls what is undefined', () => {
    // a: 1 person, moved down, indicative budget 0 (no % gap); b: 1 person, not moved down.
    // R: the share difference 1/1 - 0/1 = 1 and its interval is NEWCOMBE's row 1 of 1 against 0 of 1.
    const result = headToHead(
      side(1, 1, null),
      side(1, 0, 5),
      new Float64Array(0),
      Float64Array.of(5),
      0.95,
    );
    expect(result.mannWhitneyP).toBeUndefined();
    expect(result.hodgesLehmann).toBeUndefined();
    expect(result.rankBiserial).toBeUndefined();
    expect(result.medianPctGapDifference).toBeNull();
    expect(result.downShareDifference).toBe(1);
    const row = NEWCOMBE.find(
      ([x1, n1, x2, n2, level]) => x1 === 1 && n1 === 1 && x2 === 0 && n2 === 1 && level === 0.95,
    )!;
    expectInterval(result.downShareDifferenceCi, [row[5], row[6]], TOLERANCE, 'share CI');
  });

  it('has no share difference when a side has no people', () => {
    const result = headToHead(
      side(0, 0, null),
      side(3, 1, 2),
      new Float64Array(0),
      Float64Array.of(1, 2, 3),
      0.95,
    );
    expect(result.downShareDifference).toBeNull();
    expect(result.downShareDifferenceCi).toBeNull();
  });
});
