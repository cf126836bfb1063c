// --from/--to/--where and --period through the Node API, in-process, on committed fixtures.
//
// The expected figures of fixtures/filters.csv were computed by pandas 1.5.3, independently of
// rasgap's reader (the dates filter, then each person's latest record by date, then the money per
// period at 52 weeks a year):
//   /usr/bin/python3 -c 'import pandas as pd
//   d = pd.read_csv("fixtures/filters.csv"); d["line"] = d.index + 2
//   d["date"] = pd.to_datetime(d["Date Agreed"], format="%d/%m/%Y")
//   k = d[(d.date >= "2023-04-01") & (d.date <= "2024-03-31")]
//   k = k.sort_values(["date", "line"]).groupby("Person ID").tail(1); print(sorted(k.line))
//   for name, per in [("week", 52), ("fortnight", 26), ("four-weeks", 13), ("month", 12), ("year", 1)]:
//       ind = k["Indicative Budget (weekly)"] * 52 / per; act = k["Actual Budget (weekly)"] * 52 / per
//       print(name, len(k), (act - ind).median(), (act - ind).mean(), ind.sum(), act.sum())'
// which printed
//   [3, 4, 5, 9, 10, 11]
//   week 6 -4.5 -7.833333333333333 1260.0 1213.0
//   fortnight 6 -9.0 -15.666666666666666 2520.0 2426.0
//   four-weeks 6 -18.0 -31.333333333333332 5040.0 4852.0
//   month 6 -19.5 -33.94444444444442 5460.0 5256.333333333334
//   year 6 -234.0 -407.3333333333333 65520.0 63076.0
// and R 4 agrees (the same lines and, to 15 digits, the same figures):
//   Rscript -e 'd <- read.csv("fixtures/filters.csv", check.names = FALSE); d$line <- seq_len(nrow(d)) + 1
//   d$date <- as.Date(d[["Date Agreed"]], "%d/%m/%Y")
//   k <- d[!is.na(d$date) & d$date >= as.Date("2023-04-01") & d$date <= as.Date("2024-03-31"), ]
//   k <- k[order(k$date, k$line), ]; k <- k[!duplicated(k[["Person ID"]], fromLast = TRUE), ]
//   print(sort(k$line)); for (per in c(52, 26, 13, 12, 1)) {
//     g <- (k[["Actual Budget (weekly)"]] - k[["Indicative Budget (weekly)"]]) * 52 / per
//     print(c(per, median(g), mean(g), sum(k[["Indicative Budget (weekly)"]]) * 52 / per,
//       sum(k[["Actual Budget (weekly)"]]) * 52 / per), digits = 15) }'
import { describe, expect, it } from 'vitest';
import { analyse, compare, RasgapError } from '../../src/index.js';
import type { GroupStatistics } from '../../src/analysis/summary.js';

const NOW = new Date(0);
const FILTERS = 'fixtures/filters.csv';
const SAMPLE = 'fixtures/sample-export.csv';
const YEAR_2023_24 = { from: '2023-04-01', to: '31/03/2024' };
// The fixture is tiny: nothing hidden, so that every figure can be checked.
const OPEN = { suppression: false, now: NOW } as const;

const PANDAS: [string, number, number, number, number][] = [
  ['week', -4.5, -7.833333333333333, 1260.0, 1213.0],
  ['fortnight', -9.0, -15.666666666666666, 2520.0, 2426.0],
  ['four-weeks', -18.0, -31.333333333333332, 5040.0, 4852.0],
  ['month', -19.5, -33.94444444444442, 5460.0, 5256.333333333334],
  ['year', -234.0, -407.3333333333333, 65520.0, 63076.0],
];

/** Lines of the used rows, from the exact analysis. */
function usedLines(result: {
  analysis: { used: Uint8Array };
  table: { line: Uint32Array };
}): number[] {
  return [...result.analysis.used.keys()]
    .filter((row) => result.analysis.used[row] === 1)
    .map((row) => result.table.line[row])
    .sort((a, b) => a - b);
}

describe('--from and --to', () => {
  it.each(PANDAS)(
    'keep each person’s latest record in the dates, per %s as pandas',
    async (period, medianGap, meanGap, totalIndicative, totalActual) => {
      const result = await analyse(FILTERS, {
        ...YEAR_2023_24,
        period: period as 'week',
        exact: true,
        now: NOW,
      });
      expect(usedLines(result)).toEqual([3, 4, 5, 9, 10, 11]);
      const overall = result.exact.overall;
      expect(overall.n).toBe(6);
      expect(overall.medianGap).toBeCloseTo(medianGap, 9);
      expect(overall.meanGap).toBeCloseTo(meanGap, 9);
      expect(overall.totalIndicative).toBeCloseTo(totalIndicative, 9);
      expect(overall.totalActual).toBeCloseTo(totalActual, 9);
    },
  );

  it('count every row left out with its reason: read = used + excluded', async () => {
    const { report } = await analyse(FILTERS, { ...YEAR_2023_24, ...OPEN });
    expect(report.rows).toMatchObject({ read: 10, used: 6, excluded: 4 });
    expect(report.rows.exclusions).toEqual([
      { reason: 'no-date-agreed', count: 1, lines: [7] },
      // Listed here only because suppression is off (internal use); see 'publishing' below.
      { reason: 'outside-dates', count: 3, lines: [2, 6, 8] },
    ]);
    expect(report.options).toMatchObject({ from: '2023-04-01', to: '2024-03-31', where: [] });
    expect(report.filterNote).toBe(
      "Records kept: agreed from 2023-04-01 to 2024-03-31 (each person's latest record in those dates). The others are counted as excluded (outside-dates, no-date-agreed).",
    );
  });

  it('the ledger names each row’s date against the bound it missed', async () => {
    const { ledger } = await analyse(FILTERS, { ...YEAR_2023_24, now: NOW });
    expect(ledger.entries.map((entry) => [entry.line, entry.reason, entry.detail])).toEqual([
      [2, 'outside-dates', 'date agreed 2022-05-15 is before --from 2023-04-01'],
      [6, 'outside-dates', 'date agreed 2024-04-01 is after --to 2024-03-31'],
      [7, 'no-date-agreed', 'no date agreed, and --from 2023-04-01 --to 2024-03-31 asked for one'],
      [8, 'outside-dates', 'date agreed 2023-03-31 is before --from 2023-04-01'],
    ]);
  });

  it('refuse --from after --to, a date that is no date, and a file with no date agreed', async () => {
    const codeOf = async (run: Promise<unknown>): Promise<string> =>
      run.then(
        () => 'no error',
        (error: unknown) => (error instanceof RasgapError ? error.code : String(error)),
      );
    await expect(codeOf(analyse(FILTERS, { from: '2024-01-01', to: '2023-01-01' }))).resolves.toBe(
      'USAGE',
    );
    await expect(codeOf(analyse(FILTERS, { from: '31/02/2024' }))).resolves.toBe('USAGE');
    // Two-digit years are not guessed at in an option.
    await expect(codeOf(analyse(FILTERS, { from: '01/04/23' }))).resolves.toBe('USAGE');
    await expect(
      codeOf(analyse('fixtures/windows-1252.csv', { from: '2023-04-01' })),
    ).resolves.toBe('COLUMN_NOT_FOUND');
  });
});

describe('--where', () => {
  it('keeps a group after duplicates: F3’s latest record is Mental Health Support', async () => {
    const result = await analyse(FILTERS, {
      where: ['client-group=LD'],
      exact: true,
      ...OPEN,
    });
    // F1 line 3, F4 (written "LD"), F6; F3's line 5 is superseded by line 6 (MH), filtered out.
    expect(usedLines(result)).toEqual([3, 7, 9]);
    expect(result.report.rows.exclusions).toEqual([
      { reason: 'superseded', count: 2, lines: [2, 5] },
      { reason: 'filtered-out', count: 5, lines: [4, 6, 8, 10, 11] },
    ]);
    expect(result.report.options.where).toEqual([
      { dimension: 'clientGroup', values: ['Learning Disability Support'] },
    ]);
  });

  it('with the dates, a person is in the group of their latest record in the dates', async () => {
    const result = await analyse(FILTERS, {
      ...YEAR_2023_24,
      where: ['client-group=Learning Disability Support'],
      exact: true,
      now: NOW,
    });
    // F3's line 5 (LD, 31/03/2024) is their latest record in 2023-24.
    expect(usedLines(result)).toEqual([3, 5, 9]);
  });

  it('ANDs dimensions and ORs values of one dimension', async () => {
    const result = await analyse(FILTERS, {
      where: ['age-band=65+', 'client-group=LD', 'client-group = "mental health support"'],
      exact: true,
      now: NOW,
    });
    // 65+ and (LD or MH): F2 (70, MH), F3 line 6 (67, MH), F6 (72, LD).
    expect(usedLines(result)).toEqual([4, 6, 9]);
    expect(result.report.filterNote).toBe(
      'Records kept: age band "65+"; client group "Learning Disability Support" or "Mental Health Support". The others are counted as excluded (filtered-out).',
    );
  });

  it.each([
    ['ageBand', 'age-band', ['18-64', '65+', 'Unknown']],
    ['clientGroup', 'client-group', ['Learning Disability Support', 'Mental Health Support']],
  ] as const)(
    'gives exactly the figures of each group of --by %s',
    async (dimension, flag, labels) => {
      const { exact: all } = await analyse(SAMPLE, { by: [flag], exact: true, now: NOW });
      for (const label of labels) {
        const { exact } = await analyse(SAMPLE, {
          where: [`${flag}=${label}`],
          exact: true,
          now: NOW,
        });
        const group = all.breakdowns[0].groups.find((g) => g.key[dimension] === label)!;
        const {
          key: _key,
          label: _label,
          signTestPHolm: _s,
          wilcoxonPHolm: _w,
          ...figures
        } = group;
        void [_key, _label, _s, _w];
        expect(exact.overall, label).toEqual(figures as GroupStatistics);
      }
    },
  );

  it('refuses a label that is no group, listing the groups, and a column the file lacks', async () => {
    const error = (await analyse(FILTERS, { where: ['age-band=Under 18'] }).catch(
      (caught: unknown) => caught as RasgapError,
    )) as RasgapError;
    expect(error).toBeInstanceOf(RasgapError);
    expect(error.code).toBe('USAGE');
    expect(error.message).toBe(
      '--where age-band=Under 18 matches no group of age-band in the records read; the groups are: "18-64", "65+"',
    );
    expect(error.option).toBe(undefined);
    const column = (await analyse(FILTERS, { where: ['column:Team=North'] }).catch(
      (caught: unknown) => caught as RasgapError,
    )) as RasgapError;
    expect([column.code, column.file, column.message]).toEqual([
      'COLUMN_NOT_FOUND',
      FILTERS,
      'column:Team names no column of this file; the headers are: "Person ID", "Client Group", "Age", "Indicative Budget (weekly)", "Actual Budget (weekly)", "Date Agreed"',
    ]);
    const shape = (await analyse(FILTERS, { where: ['age-band'] }).catch(
      (caught: unknown) => caught as RasgapError,
    )) as RasgapError;
    expect(shape.message).toBe('--where takes dimension=label, got "age-band"');
  });

  it('takes filters as objects from code', async () => {
    const { report } = await analyse(FILTERS, {
      where: [{ dimension: 'ageBand', values: ['65+'] }],
      ...OPEN,
    });
    expect(report.overall.n).toBe(5);
  });

  it('applies to compare too', async () => {
    const report = await compare(FILTERS, { a: 'LD', b: 'MH', ...YEAR_2023_24, ...OPEN });
    expect([report.a.n, report.b.n]).toEqual([3, 2]);
    expect(report.rows.exclusions.map((item) => item.reason)).toEqual([
      'no-date-agreed',
      'outside-dates',
    ]);
  });
});

describe('publishing filtered rows', () => {
  it('hides a small filtered-out count with rows read and excluded, which would give it back', async () => {
    // 2023-24 and 65+: F2, F3 (line 5), F6, F8 kept; F1 and F7 (under 65) filtered out: 2 < 3.
    const { report } = await analyse(FILTERS, {
      ...YEAR_2023_24,
      where: ['age-band=65+'],
      by: ['age-band'],
      minCount: 3,
      dominanceP: 0,
      now: NOW,
    });
    expect(report.rows).toMatchObject({ read: null, used: 4, excluded: null });
    expect(report.inputs[0].rowsRead).toBe(null);
    expect(report.rows.exclusions).toEqual([
      // The undated rows are the Unknown period of a period breakdown: counted as a selection.
      { reason: 'no-date-agreed', count: null, lines: [] },
      { reason: 'outside-dates', count: 3, lines: [] },
      { reason: 'filtered-out', count: null, lines: [] },
    ]);
  });

  it('publishes no count of a client-group label only filtered-out rows carry', async () => {
    const { report } = await analyse(FILTERS, { where: ['client-group=MH'], ...OPEN });
    expect(report.clientGroups.map((group) => [group.label, group.count])).toEqual([
      ['Mental Health Support', 3],
    ]);
  });
});

describe('--period', () => {
  const MONEY = new Set([
    'totalIndicative',
    'totalActual',
    'netGap',
    'meanGap',
    'medianGap',
    'q1Gap',
    'q3Gap',
    'meanGapCi',
    'medianGapCi',
    'largest',
    'bias',
    'biasCi',
    'lowerLimit',
    'upperLimit',
    'lowerLimitCi',
    'upperLimitCi',
    'calibrationIntercept',
    'proportionalBiasIntercept',
    'poundsPerPoint',
    'indicativeIntercept',
  ]);

  /** Every number of `a` against `b`: money fields scale by `factor`, the others are equal. */
  function compareScaled(
    a: unknown,
    b: unknown,
    factor: number,
    path: string[],
    seen: Set<string>,
  ): void {
    if (typeof a === 'number' && typeof b === 'number') {
      const money = path.some((part) => MONEY.has(part));
      if (money) seen.add(path.filter((part) => MONEY.has(part)).join('.'));
      const expected = money ? a * factor : a;
      expect(b, path.join('.')).toBeCloseTo(
        expected,
        Math.max(0, 9 - Math.ceil(Math.log10(Math.abs(expected) + 1))),
      );
      // Money: one division by a different constant, exact to rounding; p-values and the like go
      // through more arithmetic on the same numbers.
      const tolerance = money ? 1e-12 : 1e-9;
      if (expected !== 0)
        expect(Math.abs(b / expected - 1), path.join('.')).toBeLessThan(tolerance);
      return;
    }
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
      expect(b, path.join('.')).toEqual(a);
      return;
    }
    expect(Object.keys(b as object).sort(), path.join('.')).toEqual(
      Object.keys(a as object).sort(),
    );
    for (const key of Object.keys(a as object)) {
      compareScaled(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        factor,
        [...path, key],
        seen,
      );
    }
  }

  it.each([
    ['fortnight', 2],
    ['four-weeks', 4],
    ['month', 52 / 12],
    ['year', 52],
  ] as const)(
    'per %s, every money figure is the weekly one times %d; nothing else changes',
    async (period, factor) => {
      const options = {
        by: ['client-group,age-band', 'age-band'],
        exact: true as const,
        now: NOW,
      };
      const week = await analyse(SAMPLE, { ...options, period: 'week' });
      const other = await analyse(SAMPLE, { ...options, period });
      const seen = new Set<string>();
      compareScaled(
        { overall: week.exact.overall, breakdowns: week.exact.breakdowns },
        { overall: other.exact.overall, breakdowns: other.exact.breakdowns },
        factor,
        [],
        seen,
      );
      // The walk met the money figures (so a field that stopped scaling would fail above).
      for (const field of ['totalIndicative', 'medianGap', 'meanGapCi', 'bias', 'largest']) {
        expect([...seen]).toContain(field);
      }
      expect(other.report.periodNote).toMatch(
        period === 'month'
          ? /^Amounts in pounds per month \(a month is a twelfth of a 52-week year\)/
          : /^Amounts in pounds per /,
      );
    },
  );

  it('takes a --tolerance in pounds in the --period unit', async () => {
    // £4.33 a month is £1 a week (to the penny): the same records count as unchanged.
    const week = await analyse(SAMPLE, { tolerance: '1', exact: true, now: NOW });
    const month = await analyse(SAMPLE, {
      tolerance: String(52 / 12),
      period: 'month',
      exact: true,
      now: NOW,
    });
    expect(month.exact.overall.unchanged).toBe(week.exact.overall.unchanged);
    expect(week.exact.overall.unchanged).toBeGreaterThan(
      (await analyse(SAMPLE, { exact: true, now: NOW })).exact.overall.unchanged,
    );
  });
});

describe('publishing filtered rows of several files', () => {
  it('hides each file’s rows read, which would give its own filtered count', async () => {
    const files = ['fixtures/quarter-1.csv', 'fixtures/quarter-2.csv'];
    const { report, ledger } = await analyse(files, {
      where: ['age-band=18-64'],
      minCount: 1,
      dominanceP: 0,
      now: NOW,
    });
    expect(ledger.entries.some((entry) => entry.reason === 'filtered-out')).toBe(true);
    expect(report.inputs.map((input) => input.rowsRead)).toEqual([null, null]);
    expect(report.inputs.map((input) => input.rowsUsed)).not.toContain(null);
    const unfiltered = await analyse(files, { minCount: 1, dominanceP: 0, now: NOW });
    expect(unfiltered.report.inputs.map((input) => input.rowsRead)).not.toContain(null);
  });
});
