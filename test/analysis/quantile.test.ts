import { describe, expect, it } from 'vitest';
import { quantileSorted } from '../../src/analysis/quantile.js';

const PROBS = [0, 0.25, 0.5, 0.75, 1];

/** 1e-12 relative; an expected 0 must come out as exactly 0. */
function expectRelative(actual: number, wanted: number): void {
  expect(Math.abs(actual - wanted)).toBeLessThanOrEqual(Math.abs(wanted) * 1e-12);
}

function sorted(values: number[]): Float64Array {
  return Float64Array.from(values).sort();
}

// Every expected row below was printed by (R 4.2.2):
//   Rscript -e 'f <- function(x) cat(sprintf("%.17g", quantile(x, c(0, .25, .5, .75, 1), type = 7, names = FALSE)), sep = ", ", fill = TRUE); f(42.5); f(c(-3, 7)); f(c(2, 2, 2, 5, 5, 9)); f(c(-10.5, -3.25, -7, -1, -0.5)); f(c(3, 1, 4, 1, 5)); f(c(3, 1, 4, 1, 5, 9, 2, 6))'
const CASES: [string, number[], number[]][] = [
  ['n = 1', [42.5], [42.5, 42.5, 42.5, 42.5, 42.5]],
  ['n = 2', [-3, 7], [-3, -0.5, 2, 4.5, 7]],
  ['ties', [2, 2, 2, 5, 5, 9], [2, 2, 3.5, 5, 9]],
  ['negatives', [-10.5, -3.25, -7, -1, -0.5], [-10.5, -7, -3.25, -1, -0.5]],
  ['odd n', [3, 1, 4, 1, 5], [1, 1, 3, 4, 5]],
  ['even n', [3, 1, 4, 1, 5, 9, 2, 6], [1, 1.75, 3.5, 5.25, 9]],
];

describe('quantileSorted (R type 7)', () => {
  for (const [name, values, expected] of CASES) {
    it(`matches R for ${name}`, () => {
      const x = sorted(values);
      PROBS.forEach((p, k) => expectRelative(quantileSorted(x, p), expected[k]));
    });
  }

  it('accepts a plain sorted array as well as a typed one', () => {
    // Rscript -e 'quantile(c(1, 2, 3, 4), 0.25, type = 7)'  -> 1.75
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
  });

  it('is NaN on an empty vector, where R gives NA', () => {
    // Rscript -e 'quantile(numeric(0), 0.5, type = 7)'  -> NA
    expect(quantileSorted(new Float64Array(0), 0.5)).toBeNaN();
  });

  it('matches R on 10,001 pseudo-random values', () => {
    const values: number[] = [];
    for (let i = 0; i <= 10000; i++) values.push(((i * 7919) % 10007) / 13 - 300);
    const x = sorted(values);
    const probs = [0, 0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999, 1];
    // Rscript -e 'i <- 0:10000; x <- ((i * 7919) %% 10007) / 13 - 300; cat(sprintf("%.17g", quantile(x, c(0, .001, .1, .25, .5, .75, .9, .999, 1), type = 7, names = FALSE)), sep = ", ")'
    const expected = [
      -300, -299.23076923076923, -223, -107.53846153846155, 84.923076923076906, 277.30769230769226,
      392.76923076923072, 468.92307692307691, 469.69230769230774,
    ];
    probs.forEach((p, k) => expectRelative(quantileSorted(x, p), expected[k]));
  });
});
