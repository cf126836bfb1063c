import { describe, expect, it } from 'vitest';
import { computeGaps } from '../../src/analysis/gaps.js';
import { summarise, type Summary } from '../../src/analysis/summary.js';
import type { Tolerance } from '../../src/analysis/tolerance.js';
import { RecordTableBuilder } from '../../src/ingest/records.js';
import { allRows, buildTable } from './table.js';

// Every figure below was printed by R 4.2.2 from the definitions, not from rasgap's code:
//   Rscript test/analysis/summary.R
// (the script sits next to this file; amounts go in as whole pence per week).
const R: Record<string, Summary> = {
  'no rows': {
    n: 0,
    up: 0,
    down: 0,
    unchanged: 0,
    upShare: null,
    downShare: null,
    unchangedShare: null,
    zeroIndicative: 0,
    totalIndicative: 0,
    totalActual: 0,
    netGap: 0,
    netGapPct: null,
    meanGap: null,
    medianGap: null,
    q1Gap: null,
    q3Gap: null,
    meanPctGap: null,
    medianPctGap: null,
  },
  'n = 1': {
    n: 1,
    up: 0,
    down: 1,
    unchanged: 0,
    upShare: 0,
    downShare: 1,
    unchangedShare: 0,
    zeroIndicative: 0,
    totalIndicative: 100,
    totalActual: 90,
    netGap: -10,
    netGapPct: -10,
    meanGap: -10,
    medianGap: -10,
    q1Gap: -10,
    q3Gap: -10,
    meanPctGap: -10,
    medianPctGap: -10,
  },
  'n = 2': {
    n: 2,
    up: 1,
    down: 0,
    unchanged: 1,
    upShare: 0.5,
    downShare: 0,
    unchangedShare: 0.5,
    zeroIndicative: 0,
    totalIndicative: 150,
    totalActual: 160,
    netGap: 10,
    netGapPct: 6.666666666666667,
    meanGap: 5,
    medianGap: 5,
    q1Gap: 2.5,
    q3Gap: 7.5,
    meanPctGap: 5,
    medianPctGap: 5,
  },
  'n = 3 with a zero indicative': {
    n: 3,
    up: 1,
    down: 1,
    unchanged: 1,
    upShare: 0.33333333333333331,
    downShare: 0.33333333333333331,
    unchangedShare: 0.33333333333333331,
    zeroIndicative: 1,
    totalIndicative: 200,
    totalActual: 200,
    netGap: 0,
    netGapPct: 0,
    meanGap: 0,
    medianGap: 0,
    q1Gap: -10,
    q3Gap: 10,
    meanPctGap: -10,
    medianPctGap: -10,
  },
  ties: {
    n: 5,
    up: 3,
    down: 1,
    unchanged: 1,
    upShare: 0.59999999999999998,
    downShare: 0.20000000000000001,
    unchangedShare: 0.20000000000000001,
    zeroIndicative: 0,
    totalIndicative: 600,
    totalActual: 605.5,
    netGap: 5.5,
    netGapPct: 0.91666666666666663,
    meanGap: 1.1000000000000001,
    medianGap: 0.5,
    q1Gap: 0,
    q3Gap: 5,
    meanPctGap: 1.05,
    medianPctGap: 0.25,
  },
  'ties, per year': {
    n: 5,
    up: 3,
    down: 1,
    unchanged: 1,
    upShare: 0.59999999999999998,
    downShare: 0.20000000000000001,
    unchangedShare: 0.20000000000000001,
    zeroIndicative: 0,
    totalIndicative: 31200,
    totalActual: 31486,
    netGap: 286,
    netGapPct: 0.91666666666666663,
    meanGap: 57.200000000000003,
    medianGap: 26,
    q1Gap: 0,
    q3Gap: 260,
    meanPctGap: 1.05,
    medianPctGap: 0.25,
  },
  'ties, rows 0, 2, 4': {
    n: 3,
    up: 2,
    down: 1,
    unchanged: 0,
    upShare: 0.66666666666666663,
    downShare: 0.33333333333333331,
    unchangedShare: 0,
    zeroIndicative: 0,
    totalIndicative: 400,
    totalActual: 400.5,
    netGap: 0.5,
    netGapPct: 0.125,
    meanGap: 0.16666666666666666,
    medianGap: 0.5,
    q1Gap: -2.25,
    q3Gap: 2.75,
    meanPctGap: 0.083333333333333329,
    medianPctGap: 0.25,
  },
  'zero actuals': {
    n: 3,
    up: 0,
    down: 2,
    unchanged: 1,
    upShare: 0,
    downShare: 0.66666666666666663,
    unchangedShare: 0.33333333333333331,
    zeroIndicative: 0,
    totalIndicative: 163.33000000000001,
    totalActual: 33.329999999999998,
    netGap: -130,
    netGapPct: -79.59346109104267,
    meanGap: -43.333333333333336,
    medianGap: -50,
    q1Gap: -65,
    q3Gap: -25,
    meanPctGap: -66.666666666666671,
    medianPctGap: -100,
  },
  'every indicative 0': {
    n: 3,
    up: 2,
    down: 0,
    unchanged: 1,
    upShare: 0.66666666666666663,
    downShare: 0,
    unchangedShare: 0.33333333333333331,
    zeroIndicative: 3,
    totalIndicative: 0,
    totalActual: 35.5,
    netGap: 35.5,
    netGapPct: null,
    meanGap: 11.833333333333334,
    medianGap: 10,
    q1Gap: 5,
    q3Gap: 17.75,
    meanPctGap: null,
    medianPctGap: null,
  },
  '500 pseudo-random': {
    n: 500,
    up: 262,
    down: 183,
    unchanged: 55,
    upShare: 0.52400000000000002,
    downShare: 0.36599999999999999,
    unchangedShare: 0.11,
    zeroIndicative: 46,
    totalIndicative: 114052.7,
    totalActual: 114718.31,
    netGap: 665.61000000000001,
    netGapPct: 0.58359863466625517,
    meanGap: 1.3312200000000001,
    medianGap: 0.44,
    q1Gap: -2.7625000000000002,
    q3Gap: 5.8300000000000001,
    meanPctGap: 5.3896271125573918,
    medianPctGap: 0.17539950963344231,
  },
  '500 pseudo-random, £5 tolerance': {
    n: 500,
    up: 147,
    down: 80,
    unchanged: 273,
    upShare: 0.29399999999999998,
    downShare: 0.16,
    unchangedShare: 0.54600000000000004,
    zeroIndicative: 46,
    totalIndicative: 114052.7,
    totalActual: 114718.31,
    netGap: 665.61000000000001,
    netGapPct: 0.58359863466625517,
    meanGap: 1.3312200000000001,
    medianGap: 0.44,
    q1Gap: -2.7625000000000002,
    q3Gap: 5.8300000000000001,
    meanPctGap: 5.3896271125573918,
    medianPctGap: 0.17539950963344231,
  },
  '500 pseudo-random, 1.5% tolerance': {
    n: 500,
    up: 180,
    down: 104,
    unchanged: 216,
    upShare: 0.35999999999999999,
    downShare: 0.20799999999999999,
    unchangedShare: 0.432,
    zeroIndicative: 46,
    totalIndicative: 114052.7,
    totalActual: 114718.31,
    netGap: 665.61000000000001,
    netGapPct: 0.58359863466625517,
    meanGap: 1.3312200000000001,
    medianGap: 0.44,
    q1Gap: -2.7625000000000002,
    q3Gap: 5.8300000000000001,
    meanPctGap: 5.3896271125573918,
    medianPctGap: 0.17539950963344231,
  },
  'a million pennies': {
    n: 1000000,
    up: 1000000,
    down: 0,
    unchanged: 0,
    upShare: 1,
    downShare: 0,
    unchangedShare: 0,
    zeroIndicative: 0,
    totalIndicative: 10000,
    totalActual: 20000,
    netGap: 10000,
    netGapPct: 100,
    meanGap: 0.01,
    medianGap: 0.01,
    q1Gap: 0.01,
    q3Gap: 0.01,
    meanPctGap: 100,
    medianPctGap: 100,
  },
};

/** Counts and sums of whole pence are exact; the rest must agree with R to 1e-12 relative. */
const EXACT: (keyof Summary)[] = [
  'n',
  'up',
  'down',
  'unchanged',
  'zeroIndicative',
  'totalIndicative',
  'totalActual',
  'netGap',
];

function expectSummary(actual: Summary, wanted: Summary): void {
  // `largest` (for the dominance rule, never published) has a test of its own below.
  const keys = Object.keys(actual).filter((key) => key !== 'largest');
  expect(keys.sort()).toEqual(Object.keys(wanted).sort());
  for (const field of Object.keys(wanted) as (keyof Summary)[]) {
    const value = actual[field];
    const expected = wanted[field];
    if (expected === null || EXACT.includes(field)) {
      expect(value, field).toBe(expected);
    } else {
      expect(value, field).not.toBeNull();
      const error = Math.abs((value as number) - (expected as number));
      expect(error, `${field}: ${value} vs R ${expected}`).toBeLessThanOrEqual(
        Math.abs(expected as number) * 1e-12,
      );
    }
  }
}

/** Pence per week -> the table's pence per year. */
function tableOf(indicativeWeekly: number[], actualWeekly: number[]) {
  return buildTable(
    indicativeWeekly.map((pence, k) => ({ indicative: pence * 52, actual: actualWeekly[k] * 52 })),
  );
}

const ZERO: Tolerance = { kind: 'pounds', pounds: 0 };

function summariseAll(
  indicativeWeekly: number[],
  actualWeekly: number[],
  unitsPerPound = 5200,
  tolerance: Tolerance = ZERO,
  toleranceUnits = 0,
): Summary {
  const table = tableOf(indicativeWeekly, actualWeekly);
  const gaps = computeGaps(table, tolerance, toleranceUnits);
  return summarise(allRows(table), table, gaps, unitsPerPound);
}

const TIES_IND = [10000, 10000, 10000, 10000, 20000];
const TIES_ACT = [10500, 10500, 9500, 10000, 20050];

describe('summarise against R', () => {
  it('no rows: counts 0, everything else null', () => {
    expectSummary(summariseAll([], []), R['no rows']);
  });

  it('n = 1', () => {
    expectSummary(summariseAll([10000], [9000]), R['n = 1']);
  });

  it('n = 2 (interpolated quartiles)', () => {
    expectSummary(summariseAll([10000, 5000], [11000, 5000]), R['n = 2']);
  });

  it('n = 3 with a zero indicative: in the pounds, not in the percentages', () => {
    expectSummary(
      summariseAll([0, 10000, 10000], [2000, 10000, 8000]),
      R['n = 3 with a zero indicative'],
    );
  });

  it('ties', () => {
    expectSummary(summariseAll(TIES_IND, TIES_ACT), R['ties']);
  });

  it('ties, in pounds per year (100 units a pound)', () => {
    expectSummary(summariseAll(TIES_IND, TIES_ACT, 100), R['ties, per year']);
  });

  it('uses only the rows it is given', () => {
    const table = tableOf(TIES_IND, TIES_ACT);
    const gaps = computeGaps(table, ZERO, 0);
    expectSummary(summarise(Uint32Array.of(0, 2, 4), table, gaps, 5200), R['ties, rows 0, 2, 4']);
  });

  // Rscript -e 'ind <- c(5000, 8000, 3333) * 52; act <- c(0, 0, 3333) * 52;
  //   print(sort(ind, decreasing = TRUE)[1:2] / 5200); print(sort(act, decreasing = TRUE)[1:2] / 5200)'
  //   80 50; 33.33 0
  it('keeps the two largest budgets of each amount, for the dominance rule', () => {
    expect(summariseAll([5000, 8000, 3333], [0, 0, 3333]).largest).toEqual({
      indicative: [80, 50],
      actual: [33.33, 0],
    });
    // One record: the second largest is 0.
    expect(summariseAll([10000], [9000]).largest).toEqual({
      indicative: [100, 0],
      actual: [90, 0],
    });
  });

  it('zero actuals', () => {
    expectSummary(summariseAll([5000, 8000, 3333], [0, 0, 3333]), R['zero actuals']);
  });

  it('every indicative 0: netGapPct, meanPctGap and medianPctGap are null', () => {
    const summary = summariseAll([0, 0, 0], [0, 1000, 2550]);
    expectSummary(summary, R['every indicative 0']);
    expect([summary.netGapPct, summary.meanPctGap, summary.medianPctGap]).toEqual([
      null,
      null,
      null,
    ]);
  });

  describe('500 pseudo-random records', () => {
    // The same formula as test/analysis/summary.R:
    //   i <- 0:499; ind <- ifelse(i %% 11 == 0, 0, ((i * 7919) %% 10007) * 5)
    //   act <- ifelse(i %% 13 == 0, ind, pmax(0, ind + ((i * 104729) %% 2001) - 850))
    const ind: number[] = [];
    const act: number[] = [];
    for (let i = 0; i < 500; i++) {
      const indicative = i % 11 === 0 ? 0 : ((i * 7919) % 10007) * 5;
      ind.push(indicative);
      act.push(i % 13 === 0 ? indicative : Math.max(0, indicative + ((i * 104729) % 2001) - 850));
    }

    it('tolerance 0', () => {
      expectSummary(summariseAll(ind, act), R['500 pseudo-random']);
    });

    it('£5 a week tolerance (26000 pence a year)', () => {
      expectSummary(
        summariseAll(ind, act, 5200, { kind: 'pounds', pounds: 5 }, 26000),
        R['500 pseudo-random, £5 tolerance'],
      );
    });

    it('1.5% tolerance', () => {
      expectSummary(
        summariseAll(ind, act, 5200, { kind: 'percent', percent: 1.5 }, 0),
        R['500 pseudo-random, 1.5% tolerance'],
      );
    });
  });

  it('sums exactly: 1,000,000 records of 1p a week total exactly £10,000 a week', () => {
    const n = 1_000_000;
    const builder = new RecordTableBuilder(n);
    for (let k = 0; k < n; k++) {
      const row = builder.next();
      builder.indicative[row] = 52;
      builder.actual[row] = 104;
      builder.person[row] = -1;
    }
    const table = builder.build();
    const summary = summarise(allRows(table), table, computeGaps(table, ZERO, 0), 5200);
    expectSummary(summary, R['a million pennies']);
    expect(summary.totalIndicative).toBe(10000);
    expect(summary.totalActual).toBe(20000);
  });
});
