import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Exclusion } from '../../src/ingest/exclusions.js';
import { ExclusionLedger } from '../../src/ingest/exclusions.js';
import { csvCell, renderCsv, renderExclusionsCsv, SUMMARY_FIELDS } from '../../src/report/csv.js';
import { buildTable, weekly } from '../analysis/table.js';
import { reportOf, twoFileReport } from './report.js';

/** Reads CSV text back with csv-parse, an RFC 4180 reader independent of the writer. */
function parseCsv(text: string): string[][] {
  return parse(text, { record_delimiter: '\r\n' }) as string[][];
}

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['line\nbreak', '"line\nbreak"'],
    ['line\r\nbreak', '"line\r\nbreak"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ["it's; fine\ttoo", "it's; fine\ttoo"],
  ])('%j -> %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  // Was a bug (issue 11): where every % gap was equal the CSV said NaN where the JSON had null.
  it('NaN and infinities as empty cells, as the JSON writes them (null)', () => {
    expect([Number.NaN, Infinity, -Infinity].map(csvCell)).toEqual(['', '', '']);
    expect(JSON.stringify([Number.NaN, Infinity])).toBe('[null,null]');
  });

  it('numbers at full precision, null and undefined as empty cells', () => {
    expect(csvCell(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvCell(-2.25)).toBe('-2.25');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});

const BAND_COLUMNS = [
  'band: cut by more than 10%',
  'band: cut by up to 10%',
  'band: unchanged',
  'band: raised by up to 10%',
  'band: raised by more than 10%',
];

describe('renderCsv', () => {
  const report = twoFileReport();
  const text = renderCsv(report);
  const rows = parseCsv(text);
  const header = rows[0];

  it('has a header, an overall row and a row per group, each line ending CRLF', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(header.slice(0, 1)).toEqual(['breakdown']);
    // Last, why each [c] of a row is there (empty where nothing is withheld).
    expect(header.slice(header.indexOf('label'))).toEqual([
      'label',
      ...SUMMARY_FIELDS,
      ...BAND_COLUMNS,
      'withheld',
    ]);
    expect(rows.slice(1).map((row) => row[header.indexOf('withheld')])).toEqual(
      rows.slice(1).map(() => ''),
    );
    expect(rows.map((row) => row.length)).toEqual(rows.map(() => header.length));
    const column = (name: string) => rows.slice(1).map((row) => row[header.indexOf(name)]);
    expect(column('breakdown')).toEqual([
      'overall',
      'ageBand',
      'ageBand',
      'ageBand',
      'clientGroup',
      'clientGroup',
    ]);
    expect(column('label')).toEqual([
      'All records',
      '18-64',
      '65+',
      'Unknown',
      'Learning Disability Support',
      'Mental Health Support',
    ]);
    expect(column('ageBand')).toEqual(['', '18-64', '65+', 'Unknown', '', '']);
    expect(column('clientGroup')).toEqual([
      '',
      '',
      '',
      '',
      'Learning Disability Support',
      'Mental Health Support',
    ]);
  });

  // Rscript -e 'ind <- c(100, 200, 0, 150, 80, 120) * 5200; act <- c(95, 230, 50, 150.5, 80, 100) * 5200; band <- c("65+", "18-64", "18-64", "65+", "18-64", "Unknown"); f <- function(i) { g <- act[i] - ind[i]; nz <- ind[i] != 0; p <- g[nz] / ind[i][nz] * 100; cat(sprintf("%.17g", c(length(g), sum(g > 0), sum(g < 0), sum(g == 0), mean(g > 0), mean(g < 0), mean(g == 0), sum(!nz), sum(ind[i]) / 5200, sum(act[i]) / 5200, sum(g) / 5200, sum(g) / sum(ind[i]) * 100, mean(g) / 5200, quantile(g, c(.5, .25, .75), names = FALSE) / 5200, mean(p), median(p))), sep = ", ", fill = TRUE) }; f(1:6); f(band == "65+")'
  // The gap bands (edges -10, 0, 10; a zero indicative budget in none), same data:
  // Rscript -e 'ind <- c(100, 200, 0, 150, 80, 120) * 5200; act <- c(95, 230, 50, 150.5, 80, 100) * 5200; band <- c("65+", "18-64", "18-64", "65+", "18-64", "Unknown"); b <- function(i) { g <- act[i] - ind[i]; d <- ind[i]; h <- d > 0; cat(c(sum(h & g * 100 < -10 * d), sum(h & g < 0 & g * 100 >= -10 * d), sum(h & g == 0), sum(h & g > 0 & g * 100 <= 10 * d), sum(h & g * 100 > 10 * d)), sep = ", ", fill = TRUE) }; b(1:6); b(band == "65+")'
  const R_BANDS: Record<string, number[]> = {
    'All records': [1, 1, 1, 1, 1],
    '65+': [0, 1, 0, 1, 0],
  };
  // Fields in SUMMARY_FIELDS order.
  const R: Record<string, number[]> = {
    'All records': [
      6, 3, 2, 1, 0.5, 0.33333333333333331, 0.16666666666666666, 1, 650, 705.5, 55.5,
      8.5384615384615383, 9.25, 0.25, -3.75, 22.625, -1.2666666666666662, 0,
    ],
    '65+': [
      2, 1, 1, 0, 0.5, 0.5, 0, 0, 250, 245.5, -4.5, -1.7999999999999998, -2.25, -2.25, -3.625,
      -0.875, -2.3333333333333335, -2.3333333333333335,
    ],
  };
  for (const [label, expected] of Object.entries(R)) {
    it(`writes the figures of ${label} at full precision (R to 1e-12)`, () => {
      const row = rows.find((cells) => cells[header.indexOf('label')] === label)!;
      const figures = row
        .slice(header.indexOf('label') + 1, header.indexOf(BAND_COLUMNS[0]))
        .map(Number);
      const bands = row
        .slice(header.indexOf(BAND_COLUMNS[0]), header.indexOf('withheld'))
        .map(Number);
      expect(bands).toEqual(R_BANDS[label]);
      expect(figures).toHaveLength(expected.length);
      figures.forEach((value, k) => {
        expect(Math.abs(value - expected[k]), `${SUMMARY_FIELDS[k]}: ${value}`).toBeLessThanOrEqual(
          Math.abs(expected[k]) * 1e-12,
        );
      });
    });
  }

  // Found by the new-user trial: a withheld band was named `bands[3]` in `withheld`.
  it('names a withheld gap band in `withheld` as its column is headed', () => {
    const withBand = twoFileReport();
    const overall = withBand.overall;
    overall.bands = overall.bands!.map((count, i) => (i === 3 ? null : count));
    overall.suppressed = ['bands[3]'];
    overall.withheld = { 'bands[3]': 'secondary' };
    const csv = parseCsv(renderCsv(withBand));
    const [head, first] = csv;
    expect(first[head.indexOf('band: raised by up to 10%')]).toBe('[c]');
    expect(first[head.indexOf('withheld')]).toBe('band: raised by up to 10%:secondary');
  });

  it('writes null figures as empty cells', () => {
    // One record with a zero indicative: every percentage is null.
    const table = buildTable([{ indicative: 0, actual: weekly(10) }]);
    const csv = parseCsv(renderCsv(reportOf(table, new ExclusionLedger(), [1], [])));
    const overall = Object.fromEntries(csv[0].map((name, k) => [name, csv[1][k]]));
    expect([overall.netGapPct, overall.meanPctGap, overall.medianPctGap]).toEqual(['', '', '']);
    expect([overall.n, overall.zeroIndicative, overall.totalActual]).toEqual(['1', '1', '10']);
  });

  it('quotes group labels holding commas and quotes', () => {
    const label = 'Team "North", East';
    const table = buildTable([
      { indicative: weekly(10), actual: weekly(12), clientGroup: label },
      { indicative: weekly(10), actual: weekly(9), clientGroup: 'Plain' },
    ]);
    const csvText = renderCsv(reportOf(table, new ExclusionLedger(), [2], [['rawClientGroup']]));
    expect(csvText).toContain('"Team ""North"", East"');
    const csv = parseCsv(csvText);
    expect(csv.map((row) => row[csv[0].indexOf('label')])).toEqual([
      'label',
      'All records',
      'Plain',
      label,
    ]);
  });
});

describe('renderExclusionsCsv', () => {
  it('lists every exclusion sorted by file then line, with the file path', () => {
    const entries: Exclusion[] = [
      {
        source: 1,
        line: 9,
        reason: 'superseded',
        detail: 'person 7 has a later record on line 12',
      },
      { source: 0, line: 40, reason: 'invalid-value', detail: 'actual: "abc"' },
      { source: 1, line: 3, reason: 'missing-value', detail: 'indicative: blank' },
      { source: 0, line: 7, reason: 'duplicate-row', detail: 'repeats line 5' },
    ];
    const text = renderExclusionsCsv(entries, ['first.csv', 'second, final.csv']);
    expect(text).toBe(
      [
        'file,line,reason,detail',
        'first.csv,7,duplicate-row,repeats line 5',
        'first.csv,40,invalid-value,"actual: ""abc"""',
        '"second, final.csv",3,missing-value,indicative: blank',
        '"second, final.csv",9,superseded,person 7 has a later record on line 12',
        '',
      ].join('\r\n'),
    );
    // The input is left in its order.
    expect(entries.map((e) => e.line)).toEqual([9, 40, 3, 7]);
  });

  it('writes only the header when nothing was excluded', () => {
    expect(renderExclusionsCsv([], ['a.csv'])).toBe('file,line,reason,detail\r\n');
  });
});
