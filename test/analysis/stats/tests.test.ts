import { describe, expect, it } from 'vitest';
import {
  holm,
  kruskalWallisFromRanks,
  kruskalWallisTest,
  mannWhitneyFromRanks,
  mannWhitneyTest,
  signTestP,
  signedRankFromRanks,
  signedRankTest,
} from '../../../src/analysis/stats/tests.js';
import { expectClose, sequence } from './helpers.js';

// Every expected value below was printed by R 4.2.2 (binom.test, wilcox.test with its defaults
// exact = NULL and correct = TRUE, kruskal.test, p.adjust):
//   Rscript test/analysis/stats/r/tests.R
// and pasted unchanged. Test statistics are sums of half-integer ranks and must agree exactly;
// p-values to 1e-9 relative (most agree to 1e-13).
const P_TOLERANCE = 1e-9;

type Spec = number[];
/** sequence(n, m, s, k) + shift, as the R script builds it. */
const build = ([n, m, s, k, shift]: Spec): Float64Array =>
  sequence(n, m, s, k).map((v) => v + shift);

// binom.test(up, up + down)$p.value
const SIGN: [up: number, down: number, p: number][] = [
  [2, 8, 0.10937499999999994],
  [8, 2, 0.10937499999999994],
  [0, 1, 1],
  [1, 0, 1],
  [0, 5, 0.0625],
  [5, 5, 1],
  [7, 3, 0.3437500000000001],
  [3, 4, 1],
  [1, 20, 2.0980834960937486e-5],
  [480, 520, 0.21744829320414144],
  [4900, 5100, 0.04658552770494736],
  [100000, 100500, 0.26510509544158256],
  [10500, 9500, 1.6011093401587914e-12],
  [1500, 500, 1.4743975229767775e-115],
  [0, 1000, 1.866527237006512e-301],
  [997, 3, 3.1108943014033286e-293],
];
// d <- sequence(n, m, s, k) + shift; w <- wilcox.test(d, exact = NULL, correct = TRUE)
// V = w$statistic, p = w$p.value, exact = grepl('exact', w$method);
// n, ties and zeros as wilcox.test counts them: sum(d != 0), Σ(t³ - t) over table(rank(abs(d[d != 0]))), sum(d == 0)
const SIGNED: {
  n: number;
  m: number;
  s: number;
  k: number;
  shift: number;
  V: number;
  p: number;
  exact: boolean;
  nonZero: number;
  ties: number;
  zeros: number;
}[] = [
  {
    n: 5,
    m: 101,
    s: 1,
    k: 7919,
    shift: 0,
    V: 5,
    p: 0.625,
    exact: true,
    nonZero: 5,
    ties: 0,
    zeros: 0,
  },
  {
    n: 10,
    m: 1009,
    s: 1,
    k: 7919,
    shift: 30,
    V: 55,
    p: 0.001953125,
    exact: true,
    nonZero: 10,
    ties: 0,
    zeros: 0,
  },
  {
    n: 12,
    m: 10007,
    s: 1,
    k: 7919,
    shift: -2000,
    V: 19,
    p: 0.1293945312500001,
    exact: true,
    nonZero: 12,
    ties: 0,
    zeros: 0,
  },
  {
    n: 20,
    m: 100003,
    s: 1,
    k: 7919,
    shift: 8000,
    V: 117,
    p: 0.6742229461669922,
    exact: true,
    nonZero: 20,
    ties: 0,
    zeros: 0,
  },
  {
    n: 30,
    m: 100003,
    s: 1,
    k: 104729,
    shift: 0,
    V: 173,
    p: 0.22855282202363017,
    exact: true,
    nonZero: 30,
    ties: 0,
    zeros: 0,
  },
  {
    n: 49,
    m: 1000003,
    s: 1,
    k: 7919,
    shift: 100000,
    V: 9,
    p: 1.1723955140041666e-13,
    exact: true,
    nonZero: 49,
    ties: 0,
    zeros: 0,
  },
  {
    n: 49,
    m: 1000003,
    s: 1,
    k: 15485863,
    shift: -300000,
    V: 154,
    p: 1.0181070422277127e-6,
    exact: true,
    nonZero: 49,
    ties: 0,
    zeros: 0,
  },
  {
    n: 25,
    m: 1000003,
    s: 1,
    k: 7919,
    shift: 600000,
    V: 325,
    p: 5.96046447753906e-8,
    exact: true,
    nonZero: 25,
    ties: 0,
    zeros: 0,
  },
  {
    n: 40,
    m: 21,
    s: 1,
    k: 7919,
    shift: 2,
    V: 544,
    p: 0.011820917328627285,
    exact: false,
    nonZero: 38,
    ties: 1548,
    zeros: 2,
  },
  {
    n: 200,
    m: 41,
    s: 1,
    k: 7919,
    shift: -3,
    V: 4758,
    p: 1.2892440840418738e-8,
    exact: false,
    nonZero: 190,
    ties: 36960,
    zeros: 10,
  },
  {
    n: 5000,
    m: 1001,
    s: 4,
    k: 7919,
    shift: 20,
    V: 8028186,
    p: 7.202203916624001e-68,
    exact: false,
    nonZero: 5000,
    ties: 2923950,
    zeros: 0,
  },
  {
    n: 12,
    m: 7,
    s: 1,
    k: 7919,
    shift: 0,
    V: 42,
    p: 0.840787831519051,
    exact: false,
    nonZero: 12,
    ties: 366,
    zeros: 0,
  },
  {
    n: 50,
    m: 1000003,
    s: 1,
    k: 7919,
    shift: 100000,
    V: 16,
    p: 2.0387892236431962e-9,
    exact: false,
    nonZero: 50,
    ties: 0,
    zeros: 0,
  },
  {
    n: 50,
    m: 1000003,
    s: 1,
    k: 7919,
    shift: 0,
    V: 0,
    p: 7.790492207218423e-10,
    exact: false,
    nonZero: 50,
    ties: 0,
    zeros: 0,
  },
];
// a <- sequence(...a) + a.shift; b <- sequence(...b) + b.shift; w <- wilcox.test(a, b)
// W = w$statistic, p = w$p.value, exact = grepl('exact', w$method), rankBiserial = 2 W / (na nb) - 1,
// rankSum = sum(rank(c(a, b))[seq_along(a)]), ties = Σ(t³ - t) over table(rank(c(a, b)))
const TWO: {
  a: number[];
  b: number[];
  W: number;
  p: number;
  exact: boolean;
  rankBiserial: number;
  rankSum: number;
  ties: number;
}[] = [
  {
    a: [3, 101, 1, 7919, 100],
    b: [3, 103, 1, 104729, 0],
    W: 9,
    p: 0.1,
    exact: true,
    rankBiserial: 1,
    rankSum: 15,
    ties: 0,
  },
  {
    a: [5, 1009, 1, 7919, 0],
    b: [7, 1013, 1, 104729, 0],
    W: 24,
    p: 0.3434343434343435,
    exact: true,
    rankBiserial: 0.37142857142857144,
    rankSum: 39,
    ties: 0,
  },
  {
    a: [12, 10007, 1, 7919, 2000],
    b: [9, 10009, 1, 104729, 0],
    W: 72,
    p: 0.21884802503997552,
    exact: true,
    rankBiserial: 0.33333333333333326,
    rankSum: 150,
    ties: 0,
  },
  {
    a: [30, 100003, 1, 7919, 0],
    b: [45, 100019, 1, 104729, 20000],
    W: 431,
    p: 0.00789103698188978,
    exact: true,
    rankBiserial: -0.3614814814814815,
    rankSum: 896,
    ties: 0,
  },
  {
    a: [49, 1000003, 1, 7919, 0],
    b: [49, 1000033, 1, 104729, 0],
    W: 494,
    p: 1.8089720873159164e-7,
    exact: true,
    rankBiserial: -0.5885047896709704,
    rankSum: 1719,
    ties: 0,
  },
  {
    a: [20, 1000003, 1, 7919, 200000],
    b: [25, 1000033, 1, 104729, -200000],
    W: 260,
    p: 0.8299228937557148,
    exact: true,
    rankBiserial: 0.040000000000000036,
    rankSum: 470,
    ties: 0,
  },
  {
    a: [15, 11, 1, 7919, 0],
    b: [12, 13, 1, 104729, 2],
    W: 43,
    p: 0.02249581208465748,
    exact: false,
    rankBiserial: -0.5222222222222221,
    rankSum: 163,
    ties: 222,
  },
  {
    a: [300, 1001, 4, 7919, 10],
    b: [200, 997, 4, 104729, 0],
    W: 31116,
    p: 0.48093230637640855,
    exact: false,
    rankBiserial: 0.0371999999999999,
    rankSum: 76266,
    ties: 1476,
  },
  {
    a: [50, 1000003, 1, 7919, 0],
    b: [10, 1000033, 1, 104729, 50000],
    W: 97,
    p: 0.0024871806630232477,
    exact: false,
    rankBiserial: -0.612,
    rankSum: 1372,
    ties: 0,
  },
  {
    a: [3000, 5003, 2, 7919, 0],
    b: [2500, 4999, 2, 104729, -40],
    W: 3900702.5,
    p: 0.010165491832440476,
    exact: false,
    rankBiserial: 0.04018733333333335,
    rankSum: 8402202.5,
    ties: 29358,
  },
];
// Complete separation, a above b, 30 and 30: wilcox.test(31:60, 1:30)
const SEPARATED = { W: 900, p: 1.6911233892144776e-17 };
// and a below b: wilcox.test(1:30, 31:60)
const SEPARATED_BELOW = { W: 0, p: 1.6911233892144776e-17 };
// Complete separation, a above b, 20 and 20: wilcox.test(21:40, 1:20)
const SEPARATED_20 = { W: 400, p: 1.4508889103849688e-11 };
// Complete separation, a above b, 12 and 12: wilcox.test(13:24, 1:12)
const SEPARATED_12 = { W: 144, p: 7.39602301050679e-7 };
// kruskal.test(groups): statistic, parameter, p.value; rankSums from rank(unlist(groups)); ties Σ(t³ - t) over table(unlist(groups))
const KW: {
  groups: number[][];
  statistic: number;
  df: number;
  p: number;
  rankSums: number[];
  sizes: number[];
  ties: number;
}[] = [
  {
    groups: [
      [5, 101, 1, 7919, 0],
      [6, 103, 1, 104729, 10],
      [4, 107, 1, 15485863, -10],
    ],
    statistic: 0.9225000000000065,
    df: 2,
    p: 0.6304950339349565,
    rankSums: [39, 42, 39],
    sizes: [5, 6, 4],
    ties: 0,
  },
  {
    groups: [
      [30, 11, 1, 7919, 0],
      [40, 13, 1, 104729, 1],
      [25, 7, 1, 15485863, 0],
      [10, 5, 1, 7919, -1],
    ],
    statistic: 6.267311289017465,
    df: 3,
    p: 0.09930499100922442,
    rankSums: [1355.5, 2488.5, 1236, 485],
    sizes: [30, 40, 25, 10],
    ties: 13098,
  },
  {
    groups: [
      [2, 11, 1, 7919, 0],
      [1, 13, 1, 104729, 0],
    ],
    statistic: 1.5,
    df: 1,
    p: 0.22067136191984676,
    rankSums: [5, 1],
    sizes: [2, 1],
    ties: 0,
  },
  {
    groups: [
      [2000, 1001, 4, 7919, 0],
      [1500, 1003, 4, 104729, 5],
      [800, 997, 4, 15485863, -3],
    ],
    statistic: 26.900746810105407,
    df: 2,
    p: 1.4407115923889105e-6,
    rankSums: [4217973, 3415060, 1614117],
    sizes: [2000, 1500, 800],
    ties: 357210,
  },
  {
    groups: [
      [3, 5, 1, 7919, 0],
      [3, 5, 1, 7919, 0],
    ],
    statistic: 0,
    df: 1,
    p: 1,
    rankSums: [10.5, 10.5],
    sizes: [3, 3],
    ties: 18,
  },
];
// p.adjust(p, 'holm') (NA stands for null)
const HOLM: [(number | null)[], (number | null)[]][] = [
  [
    [0.01, 0.04, 0.03],
    [0.03, 0.06, 0.06],
  ],
  [
    [0.01, null, 0.02, 0.04],
    [0.03, null, 0.04, 0.04],
  ],
  [[0.5], [0.5]],
  [
    [null, null],
    [null, null],
  ],
  [
    [0.001, 0.001, 0.2, 0.9, 0.04],
    [0.005, 0.005, 0.4, 0.9, 0.12],
  ],
  [
    [0.3, 0.2, 0.1, 0.05],
    [0.4, 0.4, 0.30000000000000004, 0.2],
  ],
  [
    [1e-300, 0.6, 0.6, 0.2],
    [4e-300, 1, 1, 0.6000000000000001],
  ],
  [
    [0.02, 0.02, 0.02],
    [0.06, 0.06, 0.06],
  ],
];

describe('signTestP', () => {
  it.each(SIGN)('binom.test(%s, %s + down) = %s', (up, down, p) => {
    expectClose(signTestP(up, down), p, P_TOLERANCE, `signTestP(${up}, ${down})`);
  });

  it('is null when nothing moved (binom.test(0, 0) is an error in R)', () => {
    expect(signTestP(0, 0)).toBeNull();
  });
});

describe('signedRankTest', () => {
  const label = (c: (typeof SIGNED)[number]): string =>
    `n = ${c.n}, m = ${c.m}, s = ${c.s}, k = ${c.k}, shift = ${c.shift}`;
  const agreed = SIGNED.filter((c) => c.n !== 50);

  it.each(agreed)('d = sequence($n, $m, $s, $k) + $shift: V = $V, p = $p', (c) => {
    const result = signedRankTest(build([c.n, c.m, c.s, c.k, c.shift]))!;
    expect(result.statistic).toBe(c.V);
    expect(result.method).toBe(c.exact ? 'exact' : 'normal');
    expectClose(result.p, c.p, P_TOLERANCE, label(c));
  });

  it.each(agreed)('signedRankFromRanks agrees from R’s V, n, ties and zeros ($n values)', (c) => {
    const result = signedRankFromRanks(c.V, c.nonZero, c.ties, c.zeros)!;
    expect(result.method).toBe(c.exact ? 'exact' : 'normal');
    expectClose(result.p, c.p, P_TOLERANCE, label(c));
    expect(result).toEqual(signedRankTest(build([c.n, c.m, c.s, c.k, c.shift])));
  });

  // Once wrong (now fixed and kept as a regression test): R's wilcox.test uses the exact distribution only for n < 50; signedRankTest
  // (and signedRankFromRanks) use it for n <= 50, so at exactly 50 non-zero, untied differences
  // the p-value differs from R's: e.g. V = 16, ours 3.0020430585864233e-13 (exact), R 2.0387892236431962e-09
  // (normal).
  it.each(SIGNED.filter((c) => c.n === 50))(
    'n = 50 without ties or zeros, V = $V: the normal approximation, as R',
    (c) => {
      const result = signedRankTest(build([c.n, c.m, c.s, c.k, c.shift]))!;
      expect(result.statistic).toBe(c.V);
      expect(result.method).toBe('normal');
      expectClose(result.p, c.p, P_TOLERANCE, label(c));
    },
  );

  it('is null when every difference is zero', () => {
    expect(signedRankTest(Float64Array.of(0, 0, 0))).toBeNull();
    expect(signedRankTest(new Float64Array(0))).toBeNull();
    expect(signedRankFromRanks(0, 0, 0, 3)).toBeNull();
  });
});

describe('mannWhitneyTest', () => {
  it.each(TWO)('a = sequence($a), b = sequence($b): W = $W, p = $p', (c) => {
    const result = mannWhitneyTest(build(c.a), build(c.b))!;
    expect(result.statistic).toBe(c.W);
    expect(result.method).toBe(c.exact ? 'exact' : 'normal');
    expectClose(result.p, c.p, P_TOLERANCE, `p for ${c.a} against ${c.b}`);
    expectClose(result.rankBiserial, c.rankBiserial, 1e-12, 'rank-biserial');
  });

  it.each(TWO)('mannWhitneyFromRanks agrees from R’s rank sum and ties (W = $W)', (c) => {
    const na = c.a[0];
    const nb = c.b[0];
    const result = mannWhitneyFromRanks(c.rankSum, na, nb, c.ties)!;
    expect(result.statistic).toBe(c.W);
    expectClose(result.p, c.p, P_TOLERANCE, `p for ${c.a} against ${c.b}`);
    expect(result).toEqual(mannWhitneyTest(build(c.a), build(c.b)));
  });

  it('complete separation, a below b (30 and 30): the exact lower tail', () => {
    const a = Float64Array.from({ length: 30 }, (_, i) => i + 1);
    const b = Float64Array.from({ length: 30 }, (_, i) => i + 31);
    const result = mannWhitneyTest(a, b)!;
    expect(result.statistic).toBe(SEPARATED_BELOW.W);
    expectClose(result.p, SEPARATED_BELOW.p, P_TOLERANCE, 'p');
    expect(result.rankBiserial).toBe(-1);
  });

  it('complete separation, a above b (12 and 12): the exact upper tail', () => {
    const a = Float64Array.from({ length: 12 }, (_, i) => i + 13);
    const b = Float64Array.from({ length: 12 }, (_, i) => i + 1);
    const result = mannWhitneyTest(a, b)!;
    expect(result.statistic).toBe(SEPARATED_12.W);
    expectClose(result.p, SEPARATED_12.p, P_TOLERANCE, 'p');
    expect(result.rankBiserial).toBe(1);
  });

  // Once wrong (now fixed and kept as a regression test): the exact upper tail is 1 - CDF, which loses the digits of small p-values:
  // wilcox.test(21:40, 1:20) gives p = 1.4508889103849688e-11 and mannWhitneyTest
  // 1.4508838575011396e-11 (3.5e-6 relative); wilcox.test(31:60, 1:30) gives
  // 1.6911233892144776e-17 and mannWhitneyTest 0. The mirror images (a below b) are right.
  // P(U >= u) = P(U <= n1·n2 - u) would keep every digit.
  it.each([
    [20, SEPARATED_20],
    [30, SEPARATED],
  ] as const)('complete separation, a above b, %s values each: the exact upper tail', (size, r) => {
    const a = Float64Array.from({ length: size }, (_, i) => i + size + 1);
    const b = Float64Array.from({ length: size }, (_, i) => i + 1);
    const result = mannWhitneyTest(a, b)!;
    expect(result.statistic).toBe(r.W);
    expectClose(result.p, r.p, P_TOLERANCE, 'p');
  });

  it('is null when either sample is empty (wilcox.test stops)', () => {
    expect(mannWhitneyTest(new Float64Array(0), Float64Array.of(1))).toBeNull();
    expect(mannWhitneyTest(Float64Array.of(1), new Float64Array(0))).toBeNull();
    expect(mannWhitneyFromRanks(0, 0, 3, 0)).toBeNull();
  });
});

describe('kruskalWallisTest', () => {
  it.each(KW)('groups $sizes: statistic $statistic, df $df, p $p', (c) => {
    const groups = c.groups.map(build);
    const result = kruskalWallisTest(groups)!;
    expect(result.df).toBe(c.df);
    expectClose(result.statistic, c.statistic, 1e-10, 'statistic');
    expectClose(result.p, c.p, P_TOLERANCE, 'p');
    const fromRanks = kruskalWallisFromRanks(c.rankSums, c.sizes, c.ties)!;
    expect(fromRanks.df).toBe(c.df);
    expectClose(fromRanks.statistic, c.statistic, 1e-10, 'statistic from ranks');
    expectClose(fromRanks.p, c.p, P_TOLERANCE, 'p from ranks');
  });

  it('leaves out empty groups, as kruskal.test on the groups that have data', () => {
    const c = KW[0];
    const groups = c.groups.map(build);
    const withEmpty = [groups[0], new Float64Array(0), groups[1], groups[2]];
    const result = kruskalWallisTest(withEmpty)!;
    expect(result.df).toBe(c.df);
    expectClose(result.statistic, c.statistic, 1e-10, 'statistic');
    expectClose(result.p, c.p, P_TOLERANCE, 'p');
    const fromRanks = kruskalWallisFromRanks(
      [c.rankSums[0], 0, c.rankSums[1], c.rankSums[2]],
      [c.sizes[0], 0, c.sizes[1], c.sizes[2]],
      c.ties,
    )!;
    expectClose(fromRanks.p, c.p, P_TOLERANCE, 'p from ranks');
  });

  it('is null with fewer than two groups, and NaN when every value is tied', () => {
    expect(kruskalWallisTest([Float64Array.of(1, 2, 3)])).toBeNull();
    expect(kruskalWallisTest([Float64Array.of(1, 2), new Float64Array(0)])).toBeNull();
    // R: kruskal.test(list(c(5, 5), c(5, 5, 5)))$statistic is NaN (0 / 0)
    const tied = kruskalWallisTest([Float64Array.of(5, 5), Float64Array.of(5, 5, 5)])!;
    expect(tied.statistic).toBeNaN();
    expect(tied.p).toBeNaN();
  });
});

describe('holm', () => {
  it.each(HOLM)('p.adjust(%j, "holm") = %j', (p, adjusted) => {
    const result = holm(p);
    expect(result).toHaveLength(adjusted.length);
    result.forEach((value, i) => expectClose(value, adjusted[i], 1e-15, `item ${i}`));
  });
});
