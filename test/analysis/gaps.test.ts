import { describe, expect, it } from 'vitest';
import { computeGaps, DOWN, UNCHANGED, UP } from '../../src/analysis/gaps.js';
import { buildTable, weekly } from './table.js';

const ZERO = { kind: 'pounds', pounds: 0 } as const;

describe('computeGaps', () => {
  // Weekly pounds: (100 -> 95), (100 -> 100), (0 -> 20), (0 -> 0), (200 -> 250), (100 -> 100.01)
  const table = buildTable(
    [
      [100, 95],
      [100, 100],
      [0, 20],
      [0, 0],
      [200, 250],
      [100, 100.01],
    ].map(([i, a]) => ({ indicative: weekly(i), actual: weekly(a) })),
  );
  const gaps = computeGaps(table, ZERO, 0);

  it('gap = actual - indicative, in the table unit (pence per year)', () => {
    // Rscript -e 'ind <- c(10000, 10000, 0, 0, 20000, 10000) * 52; act <- c(9500, 10000, 2000, 0, 25000, 10001) * 52; cat(sprintf("%.17g", act - ind))'
    // -> -26000 0 104000 0 260000 52
    expect([...gaps.gap]).toEqual([-26000, 0, 104000, 0, 260000, 52]);
  });

  it('pctGap = gap / indicative x 100, NaN where the indicative is 0', () => {
    // Rscript -e 'ind <- c(10000, 10000, 0, 0, 20000, 10000) * 52; act <- c(9500, 10000, 2000, 0, 25000, 10001) * 52; gap <- act - ind; cat(sprintf("%.17g", ifelse(ind == 0, NA, gap / ind * 100)))'
    // -> -5 0 NA NA 25 0.01
    expect([...gaps.pctGap]).toEqual([-5, 0, Number.NaN, Number.NaN, 25, 0.01]);
    expect(gaps.pctGap[2]).toBeNaN();
    expect(gaps.pctGap[3]).toBeNaN();
  });

  it('direction with tolerance 0: any penny counts, a zero indicative still has a direction', () => {
    // Rscript -e 'ind <- c(10000, 10000, 0, 0, 20000, 10000) * 52; act <- c(9500, 10000, 2000, 0, 25000, 10001) * 52; cat(sign(act - ind))'
    // -> -1 0 1 0 1 1
    expect([...gaps.direction]).toEqual([DOWN, UNCHANGED, UP, UNCHANGED, UP, UP]);
    expect([UP, DOWN, UNCHANGED]).toEqual([1, -1, 0]);
  });

  it('returns columns as long as the table', () => {
    const empty = computeGaps(buildTable([]), ZERO, 0);
    expect([empty.gap.length, empty.pctGap.length, empty.direction.length]).toEqual([0, 0, 0]);
  });

  // Weekly pounds: (100 -> 95), (100 -> 105), (100 -> 94.99), (100 -> 105.01), (0 -> 5), (0 -> 5.01), (0 -> 0)
  const edges = buildTable(
    [
      [100, 95],
      [100, 105],
      [100, 94.99],
      [100, 105.01],
      [0, 5],
      [0, 5.01],
      [0, 0],
    ].map(([i, a]) => ({ indicative: weekly(i), actual: weekly(a) })),
  );

  it('a pounds tolerance (in table units, £5 a week = 26000 pence a year) keeps a gap at it unchanged', () => {
    // Rscript -e 'ind <- c(10000, 10000, 10000, 10000, 0, 0, 0) * 52; act <- c(9500, 10500, 9499, 10501, 500, 501, 0) * 52; gap <- act - ind; cat(ifelse(abs(gap) <= 5 * 5200, 0, sign(gap)))'
    // -> 0 0 -1 1 0 1 0
    const result = computeGaps(edges, { kind: 'pounds', pounds: 5 }, 5 * 5200);
    expect([...result.direction]).toEqual([
      UNCHANGED,
      UNCHANGED,
      DOWN,
      UP,
      UNCHANGED,
      UP,
      UNCHANGED,
    ]);
    // The tolerance changes directions only, never the gaps.
    expect([...result.gap]).toEqual([-26000, 26000, -26052, 26052, 26000, 26052, 0]);
  });

  it('a percentage tolerance is relative to the indicative, so any change from 0 is a change', () => {
    // Rscript -e 'ind <- c(10000, 10000, 10000, 10000, 0, 0, 0) * 52; act <- c(9500, 10500, 9499, 10501, 500, 501, 0) * 52; gap <- act - ind; cat(ifelse(abs(gap) * 100 <= 5 * ind, 0, sign(gap)))'
    // -> 0 0 -1 1 1 1 0
    // toleranceUnits is ignored for a percentage: pass a huge one to show it.
    const result = computeGaps(edges, { kind: 'percent', percent: 5 }, 1e12);
    expect([...result.direction]).toEqual([UNCHANGED, UNCHANGED, DOWN, UP, UP, UP, UNCHANGED]);
  });

  it('a fractional percentage tolerance: a gap at exactly 2.5% is unchanged', () => {
    // Weekly pounds: (200 -> 205), (200 -> 195), (200 -> 194.99), (200 -> 205.01)
    // Rscript -e 'ind <- rep(20000, 4) * 52; act <- c(20500, 19500, 19499, 20501) * 52; gap <- act - ind; cat(ifelse(abs(gap) * 1000 <= 25 * ind, 0, sign(gap)))'
    // -> 0 0 -1 1
    const table25 = buildTable(
      [205, 195, 194.99, 205.01].map((a) => ({ indicative: weekly(200), actual: weekly(a) })),
    );
    const result = computeGaps(table25, { kind: 'percent', percent: 2.5 }, 0);
    expect([...result.direction]).toEqual([UNCHANGED, UNCHANGED, DOWN, UP]);
  });

  // 2.3 * 52000 is 119599.99999999999 < 119600 in floating point: the comparison must allow for it.
  it('a gap of exactly 2.3% (£10.00 -> £10.23 a week) is unchanged at --tolerance 2.3%', () => {
    // Rscript -e 'ind <- 1000 * 52; act <- 1023 * 52; gap <- act - ind; cat(ifelse(abs(gap) * 1000 <= 23 * ind, 0, sign(gap)))'
    // -> 0
    const table23 = buildTable([{ indicative: weekly(10), actual: weekly(10.23) }]);
    const result = computeGaps(table23, { kind: 'percent', percent: 2.3 }, 0);
    expect(result.direction[0]).toBe(UNCHANGED);
  });
});
