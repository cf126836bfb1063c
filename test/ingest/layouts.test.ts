// End to end, in process through the Node API (`analyse`, and `inspectFile` for `rasgap inspect`):
// the layouts councils' spreadsheets have (issue 10), each a fixture written by
// fixtures/make-fixtures.mjs. For each: every row read is used or excluded with a reason and its
// line, the layout rows are never read as people, inspect counts and reports them as analyse
// does, and the figures match pandas.
//
// Expected figures: `/usr/bin/python3 test/ingest/layouts.py` (pandas 1.5.3), which reads each
// fixture as a person would (people are the rows whose id has the fixture's prefix and a number)
// and prints, per fixture, the lines used, the lines of the other non-blank rows, the blank lines,
// and n, up, down, unchanged, total indicative, total actual, median gap, median % gap, q1 and q3
// gap (linear, R type 7), mean gap and mean % gap in pounds per week (with groups where asked).
// The numbers below are copied from its output; they are compared to 1e-9 relative.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, RasgapError, type ExactReport, type Summary } from '../../src/index.js';
import { inspectFile } from '../../src/ingest/inspect.js';
import { wordWarning } from '../../src/ingest/warnings.js';
import { rasgap } from '../cli/run.js';

type Figures = [
  n: number,
  up: number,
  down: number,
  unchanged: number,
  totalIndicative: number,
  totalActual: number,
  medianGap: number,
  medianPctGap: number,
  q1Gap: number,
  q3Gap: number,
  meanGap: number,
  meanPctGap: number,
];

function close(actual: number | null, expected: number, what: string): void {
  expect(actual, what).not.toBeNull();
  const difference = Math.abs((actual as number) - expected);
  if (expected === 0) expect(difference, what).toBeLessThan(1e-12);
  else expect(difference / Math.abs(expected), what).toBeLessThan(1e-9);
}

function expectFigures(summary: Summary, pandas: Figures, what = 'overall'): void {
  const [n, up, down, unchanged, ind, act, median, medianPct, q1, q3, mean, meanPct] = pandas;
  expect([summary.n, summary.up, summary.down, summary.unchanged], what).toEqual([
    n,
    up,
    down,
    unchanged,
  ]);
  close(summary.totalIndicative, ind, `${what} totalIndicative`);
  close(summary.totalActual, act, `${what} totalActual`);
  close(summary.medianGap, median, `${what} medianGap`);
  close(summary.medianPctGap, medianPct, `${what} medianPctGap`);
  close(summary.q1Gap, q1, `${what} q1Gap`);
  close(summary.q3Gap, q3, `${what} q3Gap`);
  close(summary.meanGap, mean, `${what} meanGap`);
  close(summary.meanPctGap, meanPct, `${what} meanPctGap`);
}

/** Reason -> lines, after checking that read = used + excluded and each exclusion has a line. */
function accounted(report: ExactReport): Record<string, number[]> {
  const { read, used, excluded, exclusions } = report.rows;
  expect(used + excluded).toBe(read);
  expect(exclusions.reduce((sum, item) => sum + (item.count ?? 0), 0)).toBe(excluded);
  for (const item of exclusions) expect(item.lines).toHaveLength(item.count as number);
  return Object.fromEntries(exclusions.map((item) => [item.reason, item.lines]));
}

async function run(path: string, options: Parameters<typeof analyse>[1] = {}) {
  // The exact figures: these tests check reading and arithmetic, not publishing.
  const result = await analyse([path], { tests: false, ...options, exact: true });
  return { ...result, report: result.exact, reasons: accounted(result.exact) };
}

/** The lines of the rows used, from the table, in file order. */
function usedLines(table: { line: Uint32Array | Int32Array | Float64Array | number[] }): number[] {
  return [...table.line].sort((a, b) => a - b);
}

function groupSummary(report: ExactReport, by: string, label: string): Summary {
  const breakdown = report.breakdowns.find((item) => item.by.join(',') === by)!;
  const group = breakdown.groups.find((item) => item.label === label);
  if (!group) throw new Error(`no group ${label} by ${by}`);
  return group;
}

describe('layout-subtotals.csv: group labels, subtotals spelt three ways, padding, a grand total', () => {
  const path = 'fixtures/layout-subtotals.csv';

  it('uses only the people; labels and totals are excluded with their reasons and lines', async () => {
    const { report, table, inputs, reasons } = await run(path);
    // pandas: usedLines [3, 4, 5, 9, 10, 13, 14, 15]; layoutLines [2, 6, 8, 11, 12, 16, 18];
    // blankLines 2.
    expect(usedLines(table)).toEqual([3, 4, 5, 9, 10, 13, 14, 15]);
    expect(reasons).toEqual({
      'group-label-row': [2, 8, 12],
      'subtotal-row': [6, 11, 16],
      'total-row': [18],
    });
    expect(
      Object.values(reasons)
        .flat()
        .sort((a, b) => a - b),
    ).toEqual([2, 6, 8, 11, 12, 16, 18]);
    expect(inputs[0].blankLines).toBe(2);
    expectFigures(
      report.overall,
      [8, 2, 4, 2, 2550, 2566.5, -3.75, -1.6129032258064515, -10, 5.25, 2.0625, 0.221774193548387],
    );
    // Per group, as pandas groupby("Client Group"): the subtotals did not double any group.
    expectFigures(
      groupSummary(report, 'clientGroup', 'Learning Disability Support'),
      [3, 1, 1, 1, 1450, 1475, 0, 0, -10, 22.5, 8.333333333333334, 2.2580645161290325],
      'LD',
    );
    expectFigures(
      groupSummary(report, 'clientGroup', 'Mental Health Support'),
      [2, 1, 1, 0, 390, 402, 6, 2.5, -1.5, 13.5, 6, 2.5],
      'MH',
    );
  });

  it('inspect finds the same header, rows, blank lines and layout, with what to do', async () => {
    const inspection = await inspectFile(path, {});
    const { report } = await run(path);
    expect(inspection.headerLine).toBe(1);
    expect(inspection.rowsRead).toBe(report.rows.read);
    expect(inspection.blankLines).toBe(2);
    expect(inspection.analysable).toBe(true);
    expect(inspection.layout.map((item) => [item.reason, item.lines])).toEqual([
      ['total-row', [18]],
      ['subtotal-row', [6, 11, 16]],
      ['group-label-row', [2, 8, 12]],
    ]);
    for (const item of inspection.layout) {
      expect(item.meaning).toMatch(/not a person/);
      expect(item.fix).toMatch(/^nothing to do/);
    }
    // Only people are tallied: no label or total shows up as a client group.
    expect(inspection.clientGroups.map((group) => [group.label, group.count])).toEqual([
      ['Learning Disability Support', 3],
      ['Physical Support: Personal care support', 3],
      ['Mental Health Support', 2],
    ]);
  });
});

describe('layout-repeated-header.csv: the header again inside the data, once in capitals after a gap', () => {
  const path = 'fixtures/layout-repeated-header.csv';

  it('excludes each repeat as repeated-header and reads on', async () => {
    const { report, table, inputs, reasons } = await run(path);
    // pandas: usedLines [3, 4, 5, 7, 8, 12, 13]; notUsedPeopleLines [11] ([c]); layoutLines [6, 10].
    expect(usedLines(table)).toEqual([3, 4, 5, 7, 8, 12, 13]);
    expect(reasons).toEqual({ 'repeated-header': [6, 10], 'suppressed-value': [11] });
    expect(inputs[0].titleLines).toBe(1);
    expect(inputs[0].blankLines).toBe(1);
    expectFigures(
      report.overall,
      [7, 3, 3, 1, 2555, 2615.25, 0, 0, -11.5, 26.5, 8.607142857142858, 1.1428571428571428],
    );
    // pandas groupby("Age Band"): the repeated header is not a third band.
    expect(report.breakdowns[0].groups.map((group) => group.label)).toEqual(['18-64', '65+']);
    expectFigures(
      groupSummary(report, 'ageBand', '18-64'),
      [4, 3, 1, 0, 1730, 1816, 26.5, 6.5, 7, 41, 21.5, 4.5],
      '18-64',
    );
    expectFigures(
      groupSummary(report, 'ageBand', '65+'),
      [3, 0, 2, 1, 825, 799.25, -12, -5, -12.875, -6, -8.583333333333334, -3.3333333333333335],
      '65+',
    );
  });

  it('inspect agrees', async () => {
    const inspection = await inspectFile(path, {});
    expect([inspection.headerLine, inspection.titleLines, inspection.rowsRead]).toEqual([2, 1, 10]);
    expect(inspection.layout.map((item) => [item.reason, item.lines])).toEqual([
      ['repeated-header', [6, 10]],
    ]);
  });
});

describe('layout-summary-below.csv: a summary table and a note under the data, padded to its width', () => {
  const path = 'fixtures/layout-summary-below.csv';

  it('reads none of the summary as people', async () => {
    const { report, table, inputs, reasons } = await run(path);
    // pandas: usedLines [2..8]; layoutLines [11, 12, 13, 14, 15, 16, 17, 19]; blankLines 3.
    expect(usedLines(table)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(reasons).toEqual({ 'table-below-data': [11, 12, 13, 14, 15, 16, 17, 19] });
    expect(inputs[0].blankLines).toBe(3);
    expectFigures(
      report.overall,
      [7, 2, 3, 2, 2090, 2112, 0, 0, -12.75, 8, 3.142857142857143, 0.7142857142857143],
    );
    // pandas groupby("Client Group"), which also agrees with the file's own summary table.
    const groups: [string, Figures][] = [
      [
        'Learning Disability Support',
        [2, 1, 1, 0, 930, 961.5, 15.75, 2.5, -2.375, 33.875, 15.75, 2.5],
      ],
      ['Mental Health Support', [2, 1, 0, 1, 360, 376, 8, 5, 4, 12, 8, 5]],
      [
        'Support with Memory & Cognition',
        [2, 0, 1, 1, 620, 603.5, -8.25, -2.5, -12.375, -4.125, -8.25, -2.5],
      ],
      ['Physical Support: Personal care support', [1, 0, 1, 0, 180, 171, -9, -5, -9, -9, -9, -5]],
    ];
    for (const [label, figures] of groups) {
      expectFigures(groupSummary(report, 'clientGroup', label), figures, label);
    }
    expect(report.breakdowns[1].groups).toHaveLength(4);
  });

  it('inspect says where the table under the data starts and what to do if it is people', async () => {
    const inspection = await inspectFile(path, {});
    expect(inspection.rowsRead).toBe(15);
    const [item] = inspection.layout;
    expect(item.reason).toBe('table-below-data');
    expect(item.count).toBe(8);
    expect(item.fix).toContain('if they are people, delete the blank lines');
    expect(inspection.clientGroups.reduce((sum, group) => sum + group.count, 0)).toBe(7);
  });
});

describe('headers-by-words.csv: "Indicative Weekly" / "Final Weekly"', () => {
  it('maps the amounts by their words, weekly by their period word', async () => {
    const { report, inputs } = await run('fixtures/headers-by-words.csv');
    expect(inputs[0].header.columns).toMatchObject({
      indicative: 'Indicative Weekly',
      actual: 'Final Weekly',
    });
    expect(inputs[0].header.periods).toEqual({
      indicative: { period: 'week', source: 'header' },
      actual: { period: 'week', source: 'header' },
    });
    expect(report.rows).toMatchObject({ read: 7, used: 7, excluded: 0 });
    expectFigures(
      report.overall,
      [7, 3, 2, 2, 2230, 2285.5, 0, 0, -5.75, 14.25, 7.928571428571429, 2.142857142857143],
    );
  });
});

describe('ambiguous-header.csv: "RAS Final Budget" has words of both amounts', () => {
  const path = 'fixtures/ambiguous-header.csv';

  it('analyse refuses, naming the header, the candidates and the --column fix', async () => {
    const error = await analyse([path]).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(RasgapError);
    expect(error).toMatchObject({ code: 'COLUMN_AMBIGUOUS', file: path, line: 1 });
    expect((error as RasgapError).message).toContain(
      'the amount columns are: "Indicative Budget (weekly)", "RAS Final Budget (weekly)"',
    );
    expect((error as RasgapError).fix).toBe(
      'say which it is, e.g. --column actual="RAS Final Budget (weekly)"',
    );
  });

  it('exits 2 from analyse and inspect, and the fix works', async () => {
    const analysed = await rasgap(['analyse', path]);
    expect(analysed.status).toBe(2);
    expect(analysed.stderr).toContain('--column actual="RAS Final Budget (weekly)"');
    const inspected = await rasgap(['inspect', path]);
    expect(inspected.status).toBe(2);
    expect(inspected.stdout).toContain('has words of both the indicative budget');
    const fixed = await rasgap(['analyse', path, '--column', 'actual=RAS Final Budget (weekly)']);
    expect(fixed.status).toBe(0);
  });
});

describe('late-pound-cp1252.csv: Windows-1252 whose first £ is after the first 64 KiB', () => {
  const path = 'fixtures/late-pound-cp1252.csv';

  it('reads it as Windows-1252 from the start, with a warning naming the line', async () => {
    const { report, inputs } = await run(path);
    expect(inputs[0].encoding).toEqual({
      encoding: 'windows-1252',
      evidence: 'late-not-utf-8',
      firstNonUtf8: { line: 1502, byte: '0xA3' },
    });
    expect(report.warnings.map(wordWarning)).toContainEqual(
      expect.stringMatching(
        /^fixtures\/late-pound-cp1252\.csv:1502: byte 0xA3 .* read as Windows-1252 from the start/,
      ),
    );
    expect(report.rows).toMatchObject({ read: 1506, used: 1506, excluded: 0 });
    // pandas read_csv(encoding="cp1252").
    expectFigures(
      report.overall,
      [
        1506, 734, 734, 38, 453100, 453160, 0, 0, -25, 25, 0.039840637450199744,
        -0.035611114334838545,
      ],
    );
  });

  it('inspect says so too', async () => {
    const inspection = await inspectFile(path, {});
    expect(inspection.encoding!.evidence).toBe('late-not-utf-8');
    expect(inspection.warnings[0]).toContain('read as Windows-1252 from the start');
    expect(inspection.analysable).toBe(true);
  });
});

describe('utf8-stray-byte.csv: UTF-8 £ signs and one stray byte', () => {
  const path = 'fixtures/utf8-stray-byte.csv';

  it('reads it as UTF-8 and excludes the one row with the stray byte as invalid-value', async () => {
    const { report, table, inputs, reasons, ledger } = await run(path);
    expect(inputs[0].encoding).toEqual({
      encoding: 'utf-8',
      evidence: 'mostly-utf-8',
      invalidSequences: { count: 1, firstLine: 5 },
    });
    // pandas (encoding_errors="replace"): damagedLines [5]; usedLines [2, 3, 4, 6, 7, 8].
    expect(reasons).toEqual({ 'invalid-value': [5] });
    expect(ledger.entries[0].detail).toContain('Client Group');
    expect(usedLines(table)).toEqual([2, 3, 4, 6, 7, 8]);
    expect(wordWarning(report.warnings[0])).toMatch(
      /^fixtures\/utf8-stray-byte\.csv:5: 1 byte sequence is not UTF-8/,
    );
    expectFigures(
      report.overall,
      [6, 2, 2, 2, 2590, 2676, 0, 0, -9, 41.25, 14.333333333333334, 0.8333333333333334],
    );
  });
});

describe('rasgap inspect, as text', () => {
  it('lists each layout with its lines, what it is and what to do', async () => {
    const { status, stdout } = await rasgap(['inspect', 'fixtures/layout-summary-below.csv']);
    expect(status).toBe(0);
    expect(stdout).toContain(
      '  rows          15 data rows below the header (3 blank lines or rows of empty cells, not counted)',
    );
    expect(stdout).toContain(
      '  layout        rows below the header that are not people, left out:',
    );
    expect(stdout).toMatch(
      /- table-below-data 8 \(lines 11, 12, 13, 14, 15, \.\.\.\): part of another table under the data .*\. Fix: nothing to do if these lines are a summary or notes/,
    );
  });

  it('a file of nothing but layout rows says to run inspect', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasgap-layouts-'));
    const path = join(dir, 'only-totals.csv');
    writeFileSync(
      path,
      'Client ID,Indicative Budget (weekly),Actual Budget (weekly)\nLearning Disability\nLD Subtotal,100,110\nGrand Total,100,110\n',
    );
    const error = await analyse([path]).then(
      () => null,
      (caught: unknown) => caught,
    );
    rmSync(dir, { recursive: true });
    expect(error).toMatchObject({ code: 'NO_USABLE_ROWS', line: 2 });
    expect((error as RasgapError).message).toBe(
      'none of the 3 rows could be used (1 total-row, 1 subtotal-row, 1 group-label-row)',
    );
    expect((error as RasgapError).fix).toContain('run rasgap inspect on the file');
  });
});
