import { describe, expect, it } from 'vitest';
import { kendallTauB } from '../../../src/analysis/stats/kendall.js';
import { expectClose, sequence } from './helpers.js';

// Every expected value in CASES was printed by R 4.2.2:
//   Rscript test/analysis/stats/r/kendall.R
// and pasted unchanged: tau, z and p are cor.test(x, y, method = "kendall", exact = FALSE,
// continuity = FALSE)'s estimate, statistic and p.value; n the complete cases; null where R gives
// NA or NaN, or stops (fewer than 2 complete cases). In the vectors R printed, null is NaN.
// SCIPY was printed by SciPy 1.17.1 (R counts all n² pairs, too slow for a million rows):
//   python3 test/analysis/stats/py/kendall_large.py
// which gives R's figures on the 3000-row case (tau identical, p to 2e-15).

type Spec =
  | { values: (number | null)[] }
  | { periods: [number, number] }
  | { sequence: [number, number, number, number, number]; perPeriod?: [number, number] };

/** x_i = floor((i − 1)·k/n): k periods of consecutive rows, as periods() in the R script. */
function periods(n: number, k: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor((i * k) / n);
  return out;
}

function build(spec: Spec): Float64Array {
  if ('values' in spec) return Float64Array.from(spec.values, (v) => v ?? Number.NaN);
  if ('periods' in spec) return periods(...spec.periods);
  const [n, m, s, k, shift] = spec.sequence;
  const out = sequence(n, m, s, k).map((v) => v + shift);
  if (spec.perPeriod) {
    const [count, slope] = spec.perPeriod;
    const period = periods(n, count);
    for (let i = 0; i < n; i++) out[i] += slope * period[i];
  }
  return out;
}

const CASES: {
  name: string;
  x: Spec;
  y: Spec;
  n: number;
  tau: number | null;
  z: number | null;
  p: number | null;
}[] = [
  {
    name: 'five rows, ties in x',
    x: { values: [0, 0, 1, 1, 2] },
    y: { values: [-3, 1, 0, 2, 5] },
    n: 5,
    tau: 0.6708203932499369,
    z: 1.5666989036012806,
    p: 0.11718508719813803,
  },
  {
    name: 'no ties',
    x: { sequence: [40, 1009, 8, 7919, 0] },
    y: { sequence: [40, 1013, 8, 104729, 0] },
    n: 40,
    tau: 0.05128205128205129,
    z: 0.46604138242837045,
    p: 0.6411858797379664,
  },
  {
    name: '5 periods of 3000 rows, heavy ties in y',
    x: { periods: [3000, 5] },
    y: { sequence: [3000, 41, 1, 7919, 0] },
    n: 3000,
    tau: -0.0002977020127054861,
    z: -0.02180410261722634,
    p: 0.9826042215507571,
  },
  {
    name: '5 periods of 3000 rows, heavy ties, rising',
    x: { periods: [3000, 5] },
    y: { sequence: [3000, 41, 1, 7919, 0], perPeriod: [5, 2] },
    n: 3000,
    tau: 0.18505840924129988,
    z: 13.69150079702857,
    p: 1.1412738413669372e-42,
  },
  {
    name: '2 periods (k = 2)',
    x: { periods: [200, 2] },
    y: { sequence: [200, 101, 4, 7919, 0] },
    n: 200,
    tau: -0.011212855594313785,
    z: -0.19184121062710865,
    p: 0.8478665890465888,
  },
  {
    name: '3 periods, y falling with the period',
    x: { periods: [90, 3] },
    y: {
      values: [
        5, 4, 3, 2, 1, 0, -1, -2, -3, -4, -5, 5, 4, 3, 2, 1, 0, -1, -2, -3, -4, -5, 5, 4, 3, 2, 1,
        0, -1, -2, -8, -9, -10, 0, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, 0, -1, -2, -3, -4, -5,
        -6, -7, -8, -9, -10, 0, -1, -2, -3, -4, -10, -11, -12, -13, -14, -15, -5, -6, -7, -8, -9,
        -10, -11, -12, -13, -14, -15, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -5, -6,
      ],
    },
    n: 90,
    tau: -0.68342099052098,
    z: -8.160445402030543,
    p: 3.3379141904509885e-16,
  },
  {
    name: 'tied on both, perfectly concordant',
    x: { values: [0, 0, 1, 1] },
    y: { values: [1, 1, 2, 2] },
    n: 4,
    tau: 0.9999999999999998,
    z: 1.7320508075688767,
    p: 0.08326451666355052,
  },
  {
    name: 'three rows',
    x: { values: [0, 1, 1] },
    y: { values: [2, 2, 5] },
    n: 3,
    tau: 0.5,
    z: 0.7071067811865475,
    p: 0.4795001221869535,
  },
  {
    name: 'two rows',
    x: { values: [0, 1] },
    y: { values: [3, 1] },
    n: 2,
    tau: -0.9999999999999998,
    z: null,
    p: null,
  },
  { name: 'one row', x: { values: [0] }, y: { values: [3] }, n: 1, tau: null, z: null, p: null },
  {
    name: 'every x equal',
    x: { values: [1, 1, 1, 1] },
    y: { values: [4, 2, 3, 1] },
    n: 4,
    tau: null,
    z: null,
    p: null,
  },
  {
    name: 'every y equal',
    x: { values: [0, 1, 2, 3] },
    y: { values: [7, 7, 7, 7] },
    n: 4,
    tau: null,
    z: null,
    p: null,
  },
  {
    name: 'NaN left out',
    x: { values: [0, 0, 1, 1, 2, 2] },
    y: { values: [1, null, 2, 0, 3, 5] },
    n: 5,
    tau: 0.6708203932499369,
    z: 1.5666989036012806,
    p: 0.11718508719813803,
  },
  { name: 'no rows', x: { values: [] }, y: { values: [] }, n: 0, tau: null, z: null, p: null },
];

const SCIPY: { n: number; m: number; slope: number; tau: number; p: number }[] = [
  { n: 3000, m: 41, slope: 2, tau: 0.18505840924129988, p: 1.1412738413669396e-42 },
  { n: 1000000, m: 4001, slope: 1, tau: 0.001117902122500979, p: 0.12588803668193024 },
];

describe('kendallTauB: against R cor.test(method = "kendall", exact = FALSE, continuity = FALSE)', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = kendallTauB(build(c.x), build(c.y));
    expect(result.n).toBe(c.n);
    expectClose(result.tau, c.tau, 1e-12, 'tau');
    expectClose(result.z, c.z, 1e-10, 'z');
    expectClose(result.p, c.p, 1e-9, 'p');
  });
});

describe('kendallTauB: against SciPy, up to a million rows of heavy ties', () => {
  it.each(SCIPY.map((c) => [c.n, c] as const))('%i rows', (_n, c) => {
    const x = periods(c.n, 5);
    const y = sequence(c.n, c.m, 1);
    for (let i = 0; i < c.n; i++) y[i] += c.slope * x[i];
    const result = kendallTauB(x, y);
    expect(result.n).toBe(c.n);
    expectClose(result.tau, c.tau, 1e-11, 'tau');
    expectClose(result.p, c.p, 1e-9, 'p');
  });
});

describe('kendallTauB', () => {
  it('is symmetric in x and y, and changes sign with y', () => {
    const x = build({ periods: [300, 4] });
    const y = sequence(300, 97, 2);
    const forward = kendallTauB(x, y);
    const swapped = kendallTauB(y, x);
    expectClose(swapped.tau, forward.tau, 1e-12, 'tau');
    expectClose(swapped.p, forward.p, 1e-12, 'p');
    const negated = kendallTauB(
      x,
      y.map((v) => -v),
    );
    expectClose(negated.tau, -forward.tau!, 1e-12, 'tau');
  });

  it('takes -0 and 0 as one value', () => {
    const a = kendallTauB(Float64Array.of(0, 1, 2), Float64Array.of(-0, 0, 1));
    const b = kendallTauB(Float64Array.of(0, 1, 2), Float64Array.of(0, 0, 1));
    expect(a).toEqual(b);
  });

  it('refuses x and y of different lengths', () => {
    expect(() => kendallTauB(Float64Array.of(1, 2), Float64Array.of(1))).toThrow(RangeError);
  });
});
