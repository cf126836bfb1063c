// Small-number suppression through the CLI, as a publisher would run it: the JSON checked by the
// independent disclosure checker (test/disclose/checker.ts), the table, CSV and Markdown
// showing [c] exactly where the JSON has null and names the field in "suppressed",
// --no-suppression saying on the first line that the output is not for publication, and the
// option's usage errors and config file.
//
// Tests whose comment begins "Was a bug:" state a leak found by the checker and that it is gone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateExport } from '../../src/index.js';
import { checkReport, describeRanges, publishedSmallCounts } from '../disclose/checker.js';
import { rasgap, root } from './run.js';

const folder = mkdtempSync(join(tmpdir(), 'rasgap-suppression-'));
const g300 = join(folder, 'g300.csv');
writeFileSync(g300, generateExport({ rows: 300, seed: 7 }));

const CROSSED = ['--by', 'client-group,age-band', '--by', 'client-group', '--by', 'age-band'];

const CASES: { name: string; files: string[]; by: string[] }[] = [
  { name: 'sample-export', files: ['fixtures/sample-export.csv'], by: [] },
  {
    name: 'sample-export crossed with singles',
    files: ['fixtures/sample-export.csv'],
    by: CROSSED,
  },
  {
    name: 'sample-export crossed alone',
    files: ['fixtures/sample-export.csv'],
    by: ['--by', 'client-group,age-band'],
  },
  {
    name: 'sample-export client groups as written',
    files: ['fixtures/sample-export.csv'],
    by: ['--by', 'raw-client-group'],
  },
  { name: 'small-export', files: ['fixtures/small-export.csv'], by: [] },
  { name: 'small-export crossed with singles', files: ['fixtures/small-export.csv'], by: CROSSED },
  { name: 'inference-export crossed', files: ['fixtures/inference-export.csv'], by: CROSSED },
  { name: 'inference-small', files: ['fixtures/inference-small.csv'], by: [] },
  {
    name: 'legacy-groups',
    files: ['fixtures/legacy-groups.csv'],
    by: ['--by', 'client-group', '--by', 'age-band'],
  },
  {
    name: 'two councils by source',
    files: ['fixtures/council-a.csv', 'fixtures/council-b.csv'],
    by: ['--by', 'source', '--by', 'age-band'],
  },
  { name: 'foi-titles-total', files: ['fixtures/foi-titles-total.csv'], by: [] },
  { name: 'generated 300 rows crossed', files: [g300], by: CROSSED },
  {
    name: 'sample-export and generated pooled',
    files: ['fixtures/sample-export.csv', g300],
    by: ['--by', 'client-group,age-band', '--by', 'source', '--by', 'client-group'],
  },
];

type Figures = Record<string, unknown> & { suppressed?: string[]; label?: string };
interface Published {
  overall: Figures;
  breakdowns: { by: string[]; groups: Figures[] }[];
  [field: string]: unknown;
}

/** The overall row, then every group, in the order every format shows them. */
const rowsOf = (report: Published): Figures[] => [
  report.overall,
  ...report.breakdowns.flatMap((breakdown) => breakdown.groups),
];

const isHidden = (figures: Figures, field: string): boolean =>
  (figures.suppressed ?? []).includes(field);

/** Column title (table, Markdown) -> the report field it shows. */
const TITLES: Record<string, string> = {
  n: 'n',
  Up: 'up',
  Down: 'down',
  Same: 'unchanged',
  '% down': 'downShare',
  'Median gap': 'medianGap',
  'Median % gap': 'medianPctGap',
  'Mean % gap': 'meanPctGap',
  'Money-weighted': 'netGapPct',
  'Total indicative': 'totalIndicative',
  'Total actual': 'totalActual',
  'Median % gap [CI]': 'medianPctGap',
  'Median gap [CI]': 'medianGap',
  '% down [CI]': 'downShare',
  'Sign test p': 'signTestP',
  'Wilcoxon p': 'wilcoxonP',
  Spearman: 'agreement',
  'R²': 'agreement',
  'Bias [limits of agreement]': 'agreement',
};

/** Each table of a rendering as its header and rows of cells. */
function tablesOf(text: string, format: 'table' | 'markdown'): string[][][] {
  const tables: string[][][] = [];
  let current: string[][] | null = null;
  for (const line of text.split('\n')) {
    const isRow = format === 'table' ? line.startsWith('│') : line.startsWith('|');
    if (!isRow) {
      current = null;
      continue;
    }
    if (format === 'markdown' && /^\|\s*---/.test(line)) continue;
    const cells =
      format === 'table'
        ? line.split('│').slice(1, -1)
        : line
            .slice(1, -1)
            .split(/(?<!\\)\|/)
            .map((cell) => cell.replace(/\\\|/g, '|'));
    if (current === null) {
      current = [];
      tables.push(current);
    }
    current.push(cells.map((cell) => cell.trim()));
  }
  return tables;
}

/** Every [c] of a table or Markdown rendering agrees with the JSON, table by table. */
function checkRendering(text: string, format: 'table' | 'markdown', report: Published): number {
  const rows = rowsOf(report);
  // The figures tables (with an Up column) and the intervals tables (with Sign test p) each list
  // the overall row and then every group.
  let checked = 0;
  for (const kind of ['Up', 'Sign test p']) {
    const tables = tablesOf(text, format).filter((table) => table[0].includes(kind));
    const body = tables.flatMap((table) => table.slice(1).map((cells) => ({ cells, table })));
    expect(body.length, `${format} ${kind} rows`).toBe(rows.length);
    body.forEach(({ cells, table }, i) => {
      const figures = rows[i];
      if (i > 0) expect(cells[0]).toBe(String(figures.label).replace(/\\/g, '\\\\'));
      table[0].forEach((title, column) => {
        const field = TITLES[title];
        if (field === undefined) return;
        const where = `${format} "${cells[0]}" ${title}`;
        expect(cells[column] === '[c]', where).toBe(isHidden(figures, field));
        checked++;
      });
    });
  }
  return checked;
}

/** The report field behind a CSV column; null for the breakdown comparison (never [c]). */
function csvField(column: string): string | null {
  if (/^(kruskalWallis|mannWhitney|hodgesLehmann|rankBiserial)/.test(column)) return null;
  if (
    /^(agreement|pearson|spearman|calibration|rSquared|bias|lowerLimit|upperLimit|proportionalBias)/.test(
      column,
    )
  ) {
    return 'agreement';
  }
  if (/^points|PerPoint$/.test(column)) return 'points';
  return column.replace(/Ci(Low|High)$/, 'Ci');
}

function checkCsv(text: string, report: Published): number {
  const records = parse(text, { relax_column_count: true }) as string[][];
  const header = records[0];
  const body = records.slice(1);
  const rows = rowsOf(report);
  expect(body).toHaveLength(rows.length);
  let checked = 0;
  body.forEach((record, i) => {
    const figures = rows[i];
    expect(record[header.indexOf('label')]).toBe(i === 0 ? 'All records' : figures.label);
    header.forEach((column, c) => {
      const field = csvField(column);
      if (field === null || !(field in figures)) return;
      expect(record[c] === '[c]', `csv "${record[header.indexOf('label')]}" ${column}`).toBe(
        isHidden(figures, field),
      );
      checked++;
    });
  });
  return checked;
}

describe.each(CASES)('$name', ({ files, by }) => {
  describe.each([5, 10])('--min-count %i', (k) => {
    const args = ['analyse', ...files, ...by, '--min-count', String(k), '--quiet'];
    let report: Published;
    beforeAll(() => {
      const run = rasgap([...args, '--format', 'json']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      report = JSON.parse(run.stdout);
    });

    it('lets the checker work back no suppressed count in any breakdown', () => {
      const result = checkReport(report);
      expect(result.inconsistencies).toEqual([]);
      expect(describeRanges(result.recovered)).toEqual([]);
      expect(report.disclosure).toMatchObject({ suppression: true, minCount: k });
    });

    it('shows no count from 1 to k - 1 in any group or client group', () => {
      const small = publishedSmallCounts(report, k).filter(
        // rows.used, inputs[].rowsUsed and points.n: the known bugs below.
        (where) => !/^(rows\.used|inputs )|points\.n: /.test(where),
      );
      expect(small).toEqual([]);
    });

    it('shows [c] in the table exactly where the JSON has a suppressed null', () => {
      const run = rasgap([...args, '--format', 'table']);
      expect(run.status).toBe(0);
      expect(checkRendering(run.stdout, 'table', report)).toBeGreaterThan(0);
      for (const figures of rowsOf(report)) {
        for (const field of figures.suppressed ?? []) expect(figures[field]).toBeNull();
      }
    });

    it('shows [c] in the Markdown exactly where the JSON has a suppressed null', () => {
      const run = rasgap([...args, '--format', 'markdown']);
      expect(run.status).toBe(0);
      expect(checkRendering(run.stdout, 'markdown', report)).toBeGreaterThan(0);
    });

    it('writes [c] in the CSV exactly where the JSON has a suppressed null', () => {
      const run = rasgap([...args, '--format', 'csv']);
      expect(run.status).toBe(0);
      expect(run.stdout.startsWith('breakdown,')).toBe(true);
      expect(checkCsv(run.stdout, report)).toBeGreaterThan(0);
    });
  });
});

describe('--no-suppression', () => {
  const args = ['analyse', 'fixtures/small-export.csv', '--no-suppression', '--quiet'];
  const NOTICE = /^\W*NOT FOR PUBLICATION/;

  it('makes "notice" the first key of the JSON', () => {
    const run = rasgap([...args, '--format', 'json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)[0]).toBe('notice');
    expect(report.notice).toContain('NOT FOR PUBLICATION');
    expect(report.overall.n).toBe(6);
    expect(report.overall.suppressed).toBeUndefined();
    expect(report.disclosure).toMatchObject({ suppression: false });
  });

  it.each(['csv', 'table', 'markdown'])('says so on the first line of the %s', (format) => {
    const run = rasgap([...args, '--format', format]);
    expect(run.status).toBe(0);
    const [first, second] = run.stdout.split(/\r?\n/);
    expect(first).toMatch(NOTICE);
    expect(first).toContain('NOT FOR PUBLICATION');
    // No cell is [c] (the Markdown's exclusion table explains FOI markers "such as [c]").
    expect(run.stdout).not.toMatch(/(^|[│|,])\s*\[c\]\s*([│|,]|$)/m);
    if (format === 'csv') expect(second.startsWith('breakdown,')).toBe(true);
  });

  it('writes the small counts as they are', () => {
    const run = rasgap([...args, '--format', 'csv']);
    const records = parse(run.stdout, { relax_column_count: true }) as string[][];
    const header = records[1];
    const overall = records[2];
    expect(overall[header.indexOf('n')]).toBe('6');
    expect(overall[header.indexOf('up')]).toBe('2');
  });

  it('says so in the JSON of compare', () => {
    const run = rasgap([
      'compare',
      'fixtures/sample-export.csv',
      '--a',
      '65+',
      '--b',
      '18-64',
      '--no-suppression',
      '--format',
      'json',
    ]);
    expect(run.status).toBe(0);
    expect(Object.keys(JSON.parse(run.stdout))[0]).toBe('notice');
  });

  // Was a bug: `rasgap compare fixtures/sample-export.csv --a 65+ --b 18-64 --no-suppression` (table,
  // and --format markdown) never says NOT FOR PUBLICATION: the first lines are the usual
  // heading "rasgap 0.1.0: fixtures/sample-export.csv: 2,000 rows read, ..." and "# 65+ against
  // 18-64". Only the JSON carries the notice.
  it.each(['table', 'markdown'])('says so on the first line of compare --format %s', (format) => {
    const run = rasgap([
      'compare',
      'fixtures/sample-export.csv',
      '--a',
      '65+',
      '--b',
      '18-64',
      '--no-suppression',
      '--format',
      format,
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(NOTICE);
  });
});

describe('--min-count and --round-counts as options', () => {
  it.each(['0', 'abc', '-1', '2.5', ''])('refuses --min-count "%s" as a usage error', (value) => {
    const run = rasgap(['analyse', 'fixtures/small-export.csv', '--min-count', value]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^rasgap: .*--min-count/);
  });

  it('refuses --round-counts 0 as a usage error', () => {
    const run = rasgap(['analyse', 'fixtures/small-export.csv', '--round-counts', '0']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--round-counts');
  });

  it('rounds every published count with --round-counts 5', () => {
    const run = rasgap([
      'analyse',
      'fixtures/sample-export.csv',
      ...CROSSED,
      '--min-count',
      '5',
      '--round-counts',
      '5',
      '--format',
      'json',
      '--quiet',
    ]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as Published;
    expect(report.disclosure).toMatchObject({ minCount: 5, roundCounts: 5 });
    for (const figures of rowsOf(report)) {
      for (const field of ['n', 'up', 'down', 'unchanged', 'zeroIndicative']) {
        const value = figures[field];
        if (value !== null) expect((value as number) % 5, `${figures.label} ${field}`).toBe(0);
      }
      if (typeof figures.downShare === 'number') {
        expect(figures.downShare).toBe((figures.down as number) / (figures.n as number));
      }
    }
    // Rounded counts stand for ranges; the checker still works nothing back.
    const result = checkReport(report, { roundedTo: 5 });
    expect(result.inconsistencies).toEqual([]);
    expect(describeRanges(result.recovered)).toEqual([]);
  });

  describe('from a config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasgap-config-'));
    const config = join(dir, 'rasgap.config.json');
    writeFileSync(config, JSON.stringify({ minCount: 10, by: ['client-group', 'age-band'] }));
    // Run without the test helper, which would add --min-count 1.
    const run = (args: string[]) => {
      const result = spawnSync(process.execPath, [join(root, 'bin/rasgap.js'), ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    };
    const base = ['analyse', 'fixtures/sample-export.csv', '--format', 'json', '--quiet'];

    it('"minCount": 10 suppresses counts up to 9', () => {
      const fromFile = run([...base, '--config', config]);
      expect(fromFile.stderr).toBe('');
      expect(fromFile.status).toBe(0);
      const report = JSON.parse(fromFile.stdout);
      expect(report.disclosure).toMatchObject({ suppression: true, minCount: 10 });
      expect(report.disclosure.note).toContain('Counts from 1 to 9');
      const flag = JSON.parse(
        run([...base, '--by', 'client-group', '--by', 'age-band', '--min-count', '10']).stdout,
      );
      expect(report.overall).toEqual(flag.overall);
      expect(report.breakdowns).toEqual(flag.breakdowns);
      expect(publishedSmallCounts(report, 10)).toEqual([]);
      expect(checkReport(report).recovered).toEqual([]);
    });

    it('--min-count on the command line wins over the file', () => {
      const report = JSON.parse(run([...base, '--config', config, '--min-count', '5']).stdout);
      expect(report.disclosure).toMatchObject({ minCount: 5 });
    });

    it('refuses "minCount": 0 in the file as a usage error', () => {
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ minCount: 0 }));
      const result = run([...base, '--config', bad]);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^rasgap: /);
    });
  });
});

describe('known disclosure bugs seen through the CLI', () => {
  // Was a bug: the number of records used is shown beside a hidden overall n. `rasgap analyse
  // fixtures/small-export.csv --min-count 10 --format json`: overall n is null (6 records, a
  // label-only "group"), but rows.used is 6 and inputs[0].rowsUsed is 6; the table's first line
  // says "13 rows read, 6 used, 7 excluded". With `fixtures/council-a.csv fixtures/council-b.csv
  // --by source --min-count 10`, both sources show n null but inputs[].rowsUsed are 5 and 5
  // (and the Markdown's Inputs list says "5 used" for each).
  it('rows.used and inputs[].rowsUsed hide a hidden overall or source n', () => {
    const small = JSON.parse(
      rasgap([
        'analyse',
        'fixtures/small-export.csv',
        '--min-count',
        '10',
        '--format',
        'json',
        '--quiet',
      ]).stdout,
    );
    const sources = JSON.parse(
      rasgap([
        'analyse',
        'fixtures/council-a.csv',
        'fixtures/council-b.csv',
        '--by',
        'source',
        '--min-count',
        '10',
        '--format',
        'json',
        '--quiet',
      ]).stdout,
    );
    expect([...publishedSmallCounts(small, 10), ...publishedSmallCounts(sources, 10)]).toEqual([]);
  });

  // Was a bug: points.n (records with RAS points) is a count and is shown when small. `rasgap analyse
  // fixtures/inference-export.csv --by client-group,age-band --by client-group --by age-band
  // --min-count 5 --format json`: "Physical Support: Personal care support / 18-64" has n 5 and
  // points.n 4, so one person there has no RAS points.
  it('points.n from 1 to k - 1 is hidden', () => {
    const report = JSON.parse(
      rasgap([
        'analyse',
        'fixtures/inference-export.csv',
        ...CROSSED,
        '--min-count',
        '5',
        '--format',
        'json',
        '--quiet',
      ]).stdout,
    );
    expect(publishedSmallCounts(report, 5)).toEqual([]);
  });

  // Was a bug: the warning about unrecognised client groups gives the count that clientGroups hides.
  // `rasgap analyse fixtures/legacy-groups.csv --min-count 3 --format json`: clientGroups has
  // {"label": "Reablement", "count": null, "suppressed": ["count"]}, and warnings has 'client
  // groups not in the taxonomy, kept as written: "Reablement" (2); map them with --group-map
  // FILE'.
  it('warnings do not give a suppressed client-group count', () => {
    const report = JSON.parse(
      rasgap([
        'analyse',
        'fixtures/legacy-groups.csv',
        '--min-count',
        '3',
        '--format',
        'json',
        '--quiet',
      ]).stdout,
    );
    const reablement = report.clientGroups.find((g: { label: string }) => g.label === 'Reablement');
    expect(reablement).toMatchObject({ count: null, suppressed: ['count'] });
    expect(report.warnings.join(' ')).not.toMatch(/"Reablement" \(\d+\)/);
  });
});
