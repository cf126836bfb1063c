import { describe, expect, it } from 'vitest';
import { analyseTable, unitsPerPound, type AnalysisOptions } from '../../src/analysis/analyse.js';
import { DOWN, UNCHANGED, UP } from '../../src/analysis/gaps.js';
import { summarise } from '../../src/analysis/summary.js';
import { RasgapError } from '../../src/errors.js';
import { ExclusionLedger } from '../../src/ingest/exclusions.js';
import { buildTable, twoFiles, weekly } from './table.js';

const OPTIONS: AnalysisOptions = {
  period: 'week',
  tolerance: { kind: 'pounds', pounds: 0 },
  duplicates: 'latest',
  breakdowns: [],
};

function noUsableRows(run: () => unknown): RasgapError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RasgapError);
    return error as RasgapError;
  }
  throw new Error('analyseTable did not throw');
}

// The rows used from twoFiles() (weekly pounds), in table order: a.csv lines 4, 5, 6 and b.csv
// lines 2, 3, 4; a.csv line 2 is superseded by line 4 and line 3 was excluded by the reader.
// Figures from: Rscript -e 'ind <- c(100, 200, 0, 150, 80, 120) * 5200; act <- c(95, 230, 50, 150.5, 80, 100) * 5200; gap <- act - ind; band <- c("65+", "18-64", "18-64", "65+", "18-64", "Unknown"); p <- (gap / ind * 100)[ind != 0]; cat(sprintf("%.17g", c(sum(ind) / 5200, sum(act) / 5200, sum(ind) / 100, sum(act) / 100, (sum(act) - sum(ind)) / sum(ind) * 100, median(gap) / 5200, quantile(gap, c(.25, .75), names = FALSE) / 5200, mean(p), median(p), median(gap) / 100)), "\n"); for (b in c("18-64", "65+", "Unknown")) cat(b, sum(band == b), sprintf("%.17g", median(gap[band == b]) / 5200), "\n"); cat(sum(gap > 0), sum(gap < 0), sum(gap == 0), "|", sum(gap > 0.5 * 5200), sum(gap < -0.5 * 5200), sum(abs(gap) <= 0.5 * 5200), "|", sum(gap > 0.5 * 100), sum(gap < -0.5 * 100), sum(abs(gap) <= 0.5 * 100), "\n")'
// printed:
//   650 705.5 33800 36686 8.5384615384615383 0.25 -3.75 22.625 -1.2666666666666662 0 13
//   18-64 3 30
//   65+ 2 -2.25
//   Unknown 1 -20
//   3 2 1 | 2 2 2 | 3 2 1
describe('analyseTable', () => {
  it('accounts for every row: read = used + excluded, per file too', () => {
    const { table, ledger, rowsRead } = twoFiles();
    const analysis = analyseTable(table, ledger, rowsRead, OPTIONS);
    expect(analysis.rows).toEqual({
      read: 8,
      used: 6,
      excluded: 2,
      exclusions: [
        { reason: 'missing-value', count: 1, lines: [3], sources: [0] },
        { reason: 'superseded', count: 1, lines: [2], sources: [0] },
      ],
      unchangedWithinRounding: 0,
    });
    expect(analysis.rows.read).toBe(analysis.rows.used + analysis.rows.excluded);
    expect(analysis.rowsUsedBySource).toEqual([3, 3]);
    expect([...analysis.used]).toEqual([0, 1, 1, 1, 1, 1, 1]);
    // The superseded row went into the ledger with its file and the line that replaced it.
    expect(ledger.entries).toContainEqual({
      source: 0,
      line: 2,
      reason: 'superseded',
      detail: 'person P1 has a later record on line 4',
    });
  });

  it('summarises the used rows in pounds per week', () => {
    const { table, ledger, rowsRead } = twoFiles();
    const { overall, period } = analyseTable(table, ledger, rowsRead, OPTIONS);
    expect(period).toBe('week');
    expect(overall).toMatchObject({ n: 6, up: 3, down: 2, unchanged: 1, zeroIndicative: 1 });
    expect(overall.totalIndicative).toBe(650);
    expect(overall.totalActual).toBe(705.5);
    expect(overall.netGapPct).toBeCloseTo(8.5384615384615383, 12);
    expect(overall.medianGap).toBeCloseTo(0.25, 12);
    expect(overall.q1Gap).toBeCloseTo(-3.75, 12);
    expect(overall.q3Gap).toBeCloseTo(22.625, 12);
    expect(overall.meanPctGap).toBeCloseTo(-1.2666666666666662, 12);
    expect(overall.medianPctGap).toBe(0);
  });

  it('per year: amounts / 100 instead of / 5200', () => {
    expect([unitsPerPound('week'), unitsPerPound('year')]).toEqual([5200, 100]);
    const { table, ledger, rowsRead } = twoFiles();
    const { overall, period } = analyseTable(table, ledger, rowsRead, {
      ...OPTIONS,
      period: 'year',
    });
    expect(period).toBe('year');
    expect([overall.totalIndicative, overall.totalActual, overall.medianGap]).toEqual([
      33800, 36686, 13,
    ]);
  });

  it('converts a pounds tolerance to table units for the output period', () => {
    const tolerance = { kind: 'pounds', pounds: 0.5 } as const;
    const week = twoFiles();
    const weekly50p = analyseTable(week.table, week.ledger, week.rowsRead, {
      ...OPTIONS,
      tolerance,
    });
    // 50p a week: the 50p rise on b.csv line 2 is now "unchanged".
    expect(weekly50p.overall).toMatchObject({ up: 2, down: 2, unchanged: 2 });
    expect(weekly50p.gaps.direction[4]).toBe(UNCHANGED);
    const year = twoFiles();
    const yearly50p = analyseTable(year.table, year.ledger, year.rowsRead, {
      ...OPTIONS,
      period: 'year',
      tolerance,
    });
    // 50p a year is less than the 50p a week (£26 a year) rise, so it stays "up".
    expect(yearly50p.overall).toMatchObject({ up: 3, down: 2, unchanged: 1 });
    expect([...yearly50p.gaps.direction]).toEqual([DOWN, DOWN, UP, UP, UP, UNCHANGED, DOWN]);
  });

  it('returns the breakdowns asked for, in order, with the summary of each group', () => {
    const { table, ledger, rowsRead } = twoFiles();
    const analysis = analyseTable(table, ledger, rowsRead, {
      ...OPTIONS,
      breakdowns: [['ageBand'], ['clientGroup', 'ageBand']],
    });
    expect(analysis.breakdowns.map((b) => b.by)).toEqual([['ageBand'], ['clientGroup', 'ageBand']]);
    const [byAge, crossed] = analysis.breakdowns;
    expect(byAge.groups.map((g) => [g.label, g.n, g.medianGap])).toEqual([
      ['18-64', 3, 30],
      ['65+', 2, -2.25],
      ['Unknown', 1, -20],
    ]);
    expect(byAge.groups[0].key).toEqual({ ageBand: '18-64' });
    expect(crossed.groups.map((g) => [g.label, g.n])).toEqual([
      ['Learning Disability Support / 18-64', 2],
      ['Learning Disability Support / 65+', 1],
      ['Mental Health Support / 18-64', 1],
      ['Mental Health Support / 65+', 1],
      ['Mental Health Support / Unknown', 1],
    ]);
    // Each group's figures are summarise() over its used rows only (a.csv line 2 is left out).
    expect(crossed.groups[3]).toEqual({
      key: { clientGroup: 'Mental Health Support', ageBand: '65+' },
      label: 'Mental Health Support / 65+',
      ...summarise(Uint32Array.of(1), table, analysis.gaps, 5200),
      // a.csv line 4: 100 -> 95 a week, -5%: cut by up to 10%.
      bands: [0, 1, 0, 0, 0],
    });
    expect(
      analyseTable(twoFiles().table, new ExclusionLedger(), [4, 3], OPTIONS).breakdowns,
    ).toEqual([]);
  });

  it('keep-all uses every row of the table', () => {
    const { table, ledger } = twoFiles();
    const analysis = analyseTable(table, ledger, [5, 3], { ...OPTIONS, duplicates: 'keep-all' });
    expect(analysis.rows).toMatchObject({ read: 8, used: 7, excluded: 1 });
    expect(analysis.rowsUsedBySource).toEqual([4, 3]);
  });

  it('throws NO_USABLE_ROWS when every row was excluded', () => {
    const ledger = new ExclusionLedger();
    ledger.add(0, 2, 'missing-value', 'indicative: blank');
    ledger.add(0, 3, 'invalid-value', 'actual: "abc"');
    ledger.add(0, 4, 'missing-value', 'actual: blank');
    const error = noUsableRows(() => analyseTable(buildTable([]), ledger, [3], OPTIONS));
    expect(error.code).toBe('NO_USABLE_ROWS');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      'none of the 3 rows could be used (2 missing-value, 1 invalid-value)',
    );
    expect(error.fix).toBe('run with --exclusions excluded.csv to see why each row was left out');
  });

  it('throws NO_USABLE_ROWS for a file with a header and no rows', () => {
    const error = noUsableRows(() =>
      analyseTable(buildTable([]), new ExclusionLedger(), [0], OPTIONS),
    );
    expect(error.code).toBe('NO_USABLE_ROWS');
    expect(error.message).toBe('the file has a header but no data rows');
  });

  it('refuses to report when the rows do not add up', () => {
    const table = buildTable([{ indicative: weekly(1), actual: weekly(1) }]);
    expect(() => analyseTable(table, new ExclusionLedger(), [2], OPTIONS)).toThrow(
      'row accounting failed: 2 read, 1 used, 0 excluded',
    );
  });
});
