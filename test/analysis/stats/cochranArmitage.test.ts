import { describe, expect, it } from 'vitest';
import { cochranArmitage } from '../../../src/analysis/stats/cochranArmitage.js';
import { expectClose } from './helpers.js';

// Every expected value below was printed by R 4.2.2:
//   Rscript test/analysis/stats/r/cochranArmitage.R
// and pasted unchanged: statistic and p are prop.trend.test(x, n, score = 0:(k-1))'s (or the
// scores given), z the signed root of the statistic (its sign: Σ x·(score − weighted mean score)),
// and null where R gives NA or stops with an error (no success or no failure at all).

const CASES: {
  x: number[];
  n: number[];
  scores?: number[];
  statistic: number | null;
  p: number | null;
  z: number | null;
}[] = [
  {
    x: [15, 10, 5],
    n: [50, 50, 50],
    statistic: 6.249999999999996,
    p: 0.012419330651552284,
    z: -2.499999999999999,
  },
  {
    x: [120, 150, 170, 210],
    n: [400, 420, 410, 430],
    statistic: 33.85423759265988,
    p: 5.9399570200219226e-9,
    z: 5.818439446506243,
  },
  {
    x: [15, 10],
    n: [50, 50],
    statistic: 1.3333333333333321,
    p: 0.24821307898992379,
    z: -1.154700538379251,
  },
  {
    x: [30, 45, 60],
    n: [100, 110, 105],
    scores: [0, 1, 3],
    statistic: 15.573500329597874,
    p: 7.935906554286638e-5,
    z: 3.9463274483496518,
  },
  {
    x: [5, 0, 3],
    n: [10, 0, 9],
    statistic: 0.5397727272727284,
    p: 0.46252693089203156,
    z: -0.7346922670565741,
  },
  {
    x: [1, 0],
    n: [1, 1],
    statistic: 1.9999999999999996,
    p: 0.1572992070502852,
    z: -1.414213562373095,
  },
  {
    x: [400123, 401500, 399870, 402990, 404100],
    n: [1000003, 1000211, 999871, 1001002, 1000519],
    statistic: 31.57200406601597,
    p: 1.9218031945312834e-8,
    z: 5.618897050668927,
  },
  { x: [3, 3, 3, 3], n: [10, 10, 10, 10], statistic: 0, p: 1, z: 0 },
  { x: [0, 0, 0], n: [50, 50, 50], statistic: null, p: null, z: null },
  { x: [50, 50, 50], n: [50, 50, 50], statistic: null, p: null, z: null },
  { x: [5], n: [50], statistic: null, p: null, z: null },
  { x: [5, 0], n: [10, 0], statistic: null, p: null, z: null },
  { x: [1], n: [1], statistic: null, p: null, z: null },
];

describe('cochranArmitage: against R prop.trend.test', () => {
  it.each(CASES.map((c) => [`x ${c.x.join(',')} of n ${c.n.join(',')}`, c] as const))(
    '%s',
    (_name, c) => {
      const result = cochranArmitage(c.x, c.n, c.scores);
      expect(result.df).toBe(1);
      expectClose(result.statistic, c.statistic, 1e-12, 'statistic');
      // A statistic of exactly 0: R's p of 1 and our z of 0 need no tolerance.
      expectClose(result.p, c.p, 1e-10, 'p');
      expectClose(result.z, c.z, 1e-12, 'z');
    },
  );
});

describe('cochranArmitage', () => {
  it('defaults the scores to 0, 1, 2, …, and a shift of the scores changes nothing', () => {
    const x = [120, 150, 170, 210];
    const n = [400, 420, 410, 430];
    const base = cochranArmitage(x, n);
    expect(cochranArmitage(x, n, [0, 1, 2, 3])).toEqual(base);
    const shifted = cochranArmitage(x, n, [2021, 2022, 2023, 2024]);
    expectClose(shifted.statistic, base.statistic, 1e-12, 'statistic');
    expectClose(shifted.p, base.p, 1e-10, 'p');
  });

  it('gives z the sign of the trend: reversed groups, reversed sign', () => {
    const up = cochranArmitage([120, 150, 170, 210], [400, 420, 410, 430]);
    const down = cochranArmitage([210, 170, 150, 120], [430, 410, 420, 400]);
    expect(up.z! > 0 && down.z! < 0).toBe(true);
    expectClose(down.z, -up.z!, 1e-12, 'z');
  });

  it('refuses groups that do not pair up, or more successes than people', () => {
    expect(() => cochranArmitage([1, 2], [3])).toThrow(RangeError);
    expect(() => cochranArmitage([1, 2], [3, 4], [0])).toThrow(RangeError);
    expect(() => cochranArmitage([5, 2], [3, 4])).toThrow(/group 1 has 5 of 3/);
    expect(() => cochranArmitage([-1, 2], [3, 4])).toThrow(RangeError);
  });

  it('gives nulls for no groups', () => {
    expect(cochranArmitage([], [])).toEqual({ statistic: null, df: 1, p: null, z: null });
  });
});
