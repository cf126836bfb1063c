// End to end: workbooks through the CLI. fixtures/foi-workbook.xlsx (fixtures/workbooks.mjs, via
// make-fixtures.mjs) is an FOI release: a Notes sheet first, then a Data sheet with a title, a
// source line and a blank row above the header, amounts under a £ format, real Excel dates, "n/a"
// and "[c]" typed into amount cells, an amount and a date typed as text, a blank amount, a person
// reviewed twice and a Total row; a Summary sheet after it.
//
// The figures were computed independently of rasgap by pandas reading the workbook with openpyxl
// (pandas 1.5.3, openpyxl 3.0.9):
//   python3 -c "
//   import pandas as pd, numpy as np
//   d = pd.read_excel('fixtures/foi-workbook.xlsx', sheet_name='Data', header=3, engine='openpyxl')
//   d = d[d['Client ID'].notna() & (d['Client ID'] != 'Total')]
//   num = lambda c: pd.to_numeric(d[c].astype(str).str.replace('£', '').str.replace(',', ''), errors='coerce')
//   d = d.assign(ind=num('Indicative Budget (weekly)'), act=num('Actual Budget (weekly)'),
//                date=pd.to_datetime(d['Date Agreed'], dayfirst=True))
//   d = d[d.ind.notna() & d.act.notna()].sort_values('date').groupby('Client ID').tail(1)
//   g = (d.act - d.ind).round(2); nz = d[d.ind > 0]; p = (nz.act - nz.ind) / nz.ind * 100
//   print(len(d), (g > 0).sum(), (g < 0).sum(), (g == 0).sum(), (d.ind == 0).sum(),
//         round(d.ind.sum(), 2), round(d.act.sum(), 2), np.median(g), np.median(p), g.mean(),
//         p.mean(), (d.act.sum() - d.ind.sum()) / d.ind.sum() * 100, g.quantile(0.25), g.quantile(0.75))"
// printed:
//   12 5 4 3 1 3974.01 4136.03 0.0 0.0 13.501666666666665 -0.1120625628581095 4.0769902441111 -15.8 17.7075
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rasgap } from './run.js';
import { textRow, workbookParts, zip } from '../ingest/zip.js';

const scratch = mkdtempSync(join(tmpdir(), 'rasgap-workbook-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const BOOK = 'fixtures/foi-workbook.xlsx';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function analyseJson(args: string[]): Promise<Json> {
  const run = await rasgap(['analyse', ...args, '--format', 'json', '-q']);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

const close = (actual: number, expected: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
};

describe('rasgap analyse on an FOI workbook', async () => {
  const report = await analyseJson([BOOK]);

  it('reads the Data sheet below its title rows and says so in inputs', () => {
    expect(report.inputs[0]).toMatchObject({
      path: BOOK,
      format: 'xlsx',
      sheet: 'Data',
      encoding: null,
      delimiter: null,
      headerLine: 4,
      rowsRead: 17,
      rowsUsed: 12,
    });
    expect(report.options.sheet).toBeNull();
  });

  it('accounts for every row, by sheet row number', () => {
    expect(report.rows).toMatchObject({ read: 17, used: 12, excluded: 5 });
    const byReason = Object.fromEntries(
      report.rows.exclusions.map((item: Json) => [item.reason, item.lines]),
    );
    expect(byReason).toEqual({
      'suppressed-value': [9, 14],
      'missing-value': [15],
      'total-row': [22],
      superseded: [6],
    });
  });

  it('gives the figures pandas gives from the same workbook', () => {
    const overall = report.overall;
    expect(overall).toMatchObject({ n: 12, up: 5, down: 4, unchanged: 3, zeroIndicative: 1 });
    close(overall.totalIndicative, 3974.01);
    close(overall.totalActual, 4136.03);
    close(overall.medianGap, 0);
    close(overall.medianPctGap, 0);
    close(overall.meanGap, 13.501666666666665);
    close(overall.meanPctGap, -0.1120625628581095);
    close(overall.netGapPct, 4.0769902441111);
    close(overall.q1Gap, -15.8);
    close(overall.q3Gap, 17.7075);
  });

  it('reads exactly as the CSV Excel saves from the same sheet', async () => {
    const fromCsv = await analyseJson(['fixtures/foi-workbook.csv']);
    const strip = (item: Json): Json => {
      const { generatedAt: _time, command: _command, inputs: _inputs, ...rest } = item;
      void _time;
      void _command;
      void _inputs;
      return rest;
    };
    expect(strip(report)).toEqual(strip(fromCsv));
    expect(fromCsv.inputs[0]).toMatchObject({ format: 'text', encoding: 'utf-8', sheet: null });
  });

  it('lists each excluded row with its sheet row number in --exclusions', async () => {
    const file = join(scratch, 'excluded.csv');
    const run = await rasgap(['analyse', BOOK, '--exclusions', file, '-q']);
    expect(run.status).toBe(0);
    expect(readFileSync(file, 'utf8').split('\r\n').join('\n')).toBe(
      [
        'file,line,reason,detail',
        `${BOOK},6,superseded,person P02 has a later record on line 20`,
        `${BOOK},9,suppressed-value,"actual: ""n/a"""`,
        `${BOOK},14,suppressed-value,"indicative: ""[c]"""`,
        `${BOOK},15,missing-value,indicative: blank`,
        `${BOOK},22,total-row,"""Total"""`,
        '',
      ].join('\n'),
    );
  });

  it('reads another sheet with --sheet, or from the config file', async () => {
    const run = await rasgap(['analyse', BOOK, '--sheet', 'Summary']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^rasgap: fixtures\/foi-workbook\.xlsx(:1)?: no indicative budget/);
    const config = join(scratch, 'rasgap.config.json');
    writeFileSync(config, JSON.stringify({ sheet: 'Data' }));
    const fromConfig = await analyseJson([BOOK, '--config', config]);
    expect(fromConfig.options.sheet).toBe('Data');
    expect(fromConfig.inputs[0].sheet).toBe('Data');
    writeFileSync(config, JSON.stringify({ sheet: 'a/b' }));
    const bad = await rasgap(['analyse', BOOK, '--config', config]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('the config setting "sheet" is not valid');
  });

  it('names a sheet that is not there, listing the sheets, with exit 2', async () => {
    const run = await rasgap(['analyse', BOOK, '--sheet', 'Table 2']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'rasgap: fixtures/foi-workbook.xlsx: the workbook has no sheet "Table 2"; its sheets are "Notes", "Data", "Summary". Fix: name one of them as its tab shows it, or leave out --sheet to read the first sheet with a header row\n',
    );
  });

  it('names the sheet beside the file in Markdown and HTML provenance', async () => {
    const markdown = await rasgap(['analyse', BOOK, '-f', 'markdown', '-q']);
    expect(markdown.stdout).toContain('- fixtures/foi-workbook.xlsx (sheet "Data"): SHA-256');
    const html = await rasgap(['analyse', BOOK, '-f', 'html', '-q']);
    expect(html.stdout).toMatch(
      /<code>fixtures\/foi-workbook\.xlsx<\/code><ul><li>[\d,]+ bytes: an Excel workbook, sheet “Data”;/,
    );
  });

  it('pools a workbook with a CSV', async () => {
    const pooled = await analyseJson([BOOK, 'fixtures/small-export.csv', '--by', 'source']);
    expect(pooled.inputs.map((input: Json) => input.format)).toEqual(['xlsx', 'text']);
    expect(pooled.rows.read).toBe(17 + 13);
  });
});

describe('rasgap compare on a workbook', () => {
  it('runs a head-to-head from the workbook', async () => {
    const run = await rasgap([
      'compare',
      BOOK,
      '--by',
      'age-band',
      '--a',
      '65+',
      '--b',
      '18-64',
      '--format',
      'json',
      '-q',
    ]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    // The 12 used: 65+ are P04, P06, P07, P08, P12, P13; 18-64 are P01, P02, P03, P09, P14, P15.
    expect([report.a.n, report.b.n]).toEqual([6, 6]);
  });

  it('takes --sheet as analyse does', async () => {
    const run = await rasgap(['compare', BOOK, '--a', '65+', '--b', '18-64', '--sheet', 'Table 2']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the workbook has no sheet "Table 2"');
    const named = await rasgap([
      'compare',
      BOOK,
      '--a',
      '65+',
      '--b',
      '18-64',
      '--sheet',
      'Data',
      '--format',
      'json',
      '-q',
    ]);
    expect(named.status).toBe(0);
    expect(JSON.parse(named.stdout).inputs[0].sheet).toBe('Data');
  });
});

describe('rasgap inspect on a workbook', () => {
  it('lists the sheets, says which one is read and why, and what is excluded by sheet row', async () => {
    const run = await rasgap(['inspect', BOOK]);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      BOOK,
      '  format        Excel workbook (.xlsx); line numbers are sheet row numbers',
      '  sheets        "Notes", "Data", "Summary"',
      '  sheet         "Data" (the first sheet with a header row; choose another with --sheet NAME)',
      '  header        line 4 (2 title lines above it skipped)',
      '  rows          17 data rows below the header (2 blank lines or rows of empty cells, not counted)',
    ]);
    expect(run.stdout).not.toContain('encoding');
    expect(run.stdout).toContain(
      'excluded      total-row 1 (line 22); missing-value 1 (line 15); suppressed-value 2 (lines 9, 14); superseded 1 (line 6)',
    );
  });

  it('gives the sheets in JSON, and keeps --sheet in the suggested command', async () => {
    const json = JSON.parse((await rasgap(['inspect', BOOK, '--format', 'json'])).stdout)[0];
    expect(json).toMatchObject({
      format: 'xlsx',
      encoding: null,
      delimiter: null,
      sheet: { name: 'Data', names: ['Notes', 'Data', 'Summary'], evidence: 'first-with-header' },
      headerLine: 4,
      analysable: true,
    });
    const summary = JSON.parse(
      (await rasgap(['inspect', BOOK, '--sheet', 'Summary', '--format', 'json'])).stdout,
    )[0];
    expect(summary.sheet).toMatchObject({ name: 'Summary', evidence: 'option' });
    expect(summary.analysable).toBe(false);
  });

  it('keeps --sheet in the command it suggests', async () => {
    const path = join(scratch, 'unnamed.xlsx');
    writeFileSync(
      path,
      zip(
        workbookParts([
          { name: 'Contents', xml: textRow(1, ['Table 1: budgets']) },
          {
            name: 'Table 1',
            xml:
              textRow(1, ['Ref', 'Estimated £', 'Final £']) +
              textRow(2, ['C1', '100.00', '110.00']) +
              textRow(3, ['C2', '200.00', '180.00']),
          },
        ]),
      ),
    );
    const json = JSON.parse(
      (await rasgap(['inspect', path, '--sheet', 'Table 1', '--format', 'json'])).stdout,
    )[0];
    expect(json.sheet).toMatchObject({ name: 'Table 1', evidence: 'option' });
    expect(json.command).toBe(
      `rasgap analyse ${path} --sheet "Table 1" --column person-id="Ref" --input-period week`,
    );
    const run = await rasgap([
      'analyse',
      path,
      '--sheet',
      'Table 1',
      '--input-period',
      'week',
      '--format',
      'json',
      '-q',
    ]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).rows).toMatchObject({ read: 2, used: 2 });
  });
});

describe('files that are not workbooks, whatever their names', () => {
  const cases: [string, string, RegExp][] = [
    ['fixtures/zipped-export.zip', 'export.xlsx', /this is a zip archive, not an Excel workbook/],
    ['fixtures/old-binary.xls', 'export.csv', /this is an old binary Excel workbook \(\.xls\)/],
    ['fixtures/old-binary.xls', 'export.xls', /this is an old binary Excel workbook \(\.xls\)/],
  ];
  for (const [fixture, name, message] of cases) {
    it(`${fixture} as ${name}: one line with the fix, exit 2, no bytes printed`, async () => {
      const path = join(scratch, name);
      copyFileSync(fixture, path);
      for (const command of ['analyse', 'inspect']) {
        const run = await rasgap([command, path]);
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr.split('\n')).toHaveLength(2);
        expect(run.stderr).toMatch(message);
        expect(run.stderr).toMatch(/Fix: .*save it as \.xlsx \(Excel Workbook\) or as CSV/);
        // Nothing from the binary: printable text only.
        expect(run.stderr).toMatch(/^[\x20-\x7e\n£’–]*$/);
      }
    });
  }

  it('reads a workbook named .csv as a workbook', async () => {
    const path = join(scratch, 'release.csv');
    copyFileSync(BOOK, path);
    const report = await analyseJson([path]);
    expect(report.inputs[0]).toMatchObject({ format: 'xlsx', sheet: 'Data', rowsUsed: 12 });
  });
});

describe('--help', () => {
  it('lists --sheet for analyse, inspect and compare', async () => {
    for (const command of ['analyse', 'inspect', 'compare']) {
      const run = await rasgap([command, '--help']);
      expect(run.stdout).toContain('--sheet <name>');
    }
  });
});
