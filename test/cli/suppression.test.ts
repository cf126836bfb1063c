// Small-number suppression as a publisher runs it: the JSON checked by the independent
// disclosure checker (test/disclose/checker.ts) with everything a reader knows (the rule, the
// reasons, the side channels, counts and money), the table, CSV and Markdown showing [c] exactly
// where the JSON has null and names the field in "suppressed", --no-suppression saying on the
// first line that the output is not for publication, --round-counts rounding every count
// including the chart data, and the options' usage errors and config file.
//
// In-process: reports through the Node API (`analyse`, `compare`, `render`), options and the
// config file through the CLI's own `run` (its output to a file, stderr captured), and once to
// stdout to check that the program prints what the API gives.
//
// Tests whose comment begins "Was a bug:" state a leak found by the checker and that it is gone.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { compare } from '../../src/compare.js';
import { analyse, generateExport, render, type AnalyseOptionsInput } from '../../src/index.js';
import { renderHeadToHeadMarkdown, renderHeadToHeadTable } from '../../src/report/headToHead.js';
import {
  chartCounts,
  checkReport,
  describeRanges,
  informedReader,
  publishedSmallCounts,
} from '../disclose/checker.js';
import { valueIn } from '../disclose/helpers.js';
import { capture, root } from './run.js';

const folder = mkdtempSync(join(tmpdir(), 'rasgap-suppression-'));
const g300 = join(folder, 'g300.csv');
writeFileSync(g300, generateExport({ rows: 300, seed: 7 }));
const fixture = (name: string): string => join(root, 'fixtures', name);

const CROSSED = ['client-group,age-band', 'client-group', 'age-band'];

const CASES: { name: string; files: string[]; by?: string[] }[] = [
  { name: 'sample-export', files: [fixture('sample-export.csv')] },
  {
    name: 'sample-export crossed with singles',
    files: [fixture('sample-export.csv')],
    by: CROSSED,
  },
  {
    name: 'sample-export crossed alone',
    files: [fixture('sample-export.csv')],
    by: ['client-group,age-band'],
  },
  {
    name: 'sample-export client groups as written',
    files: [fixture('sample-export.csv')],
    by: ['raw-client-group'],
  },
  { name: 'small-export', files: [fixture('small-export.csv')] },
  { name: 'small-export crossed with singles', files: [fixture('small-export.csv')], by: CROSSED },
  { name: 'inference-export crossed', files: [fixture('inference-export.csv')], by: CROSSED },
  { name: 'inference-small', files: [fixture('inference-small.csv')] },
  {
    name: 'legacy-groups',
    files: [fixture('legacy-groups.csv')],
    by: ['client-group', 'age-band'],
  },
  {
    name: 'two councils by source',
    files: [fixture('council-a.csv'), fixture('council-b.csv')],
    by: ['source', 'age-band'],
  },
  { name: 'foi-titles-total', files: [fixture('foi-titles-total.csv')] },
  { name: 'generated 300 rows crossed', files: [g300], by: CROSSED },
  {
    name: 'sample-export and generated pooled',
    files: [fixture('sample-export.csv'), g300],
    by: ['client-group,age-band', 'source', 'client-group'],
  },
];

/** A published report as a reader gets it: the JSON `render` writes, parsed. */
async function published(
  files: string[],
  options: AnalyseOptionsInput,
): Promise<{ report: Published; text: (format: 'table' | 'markdown' | 'csv') => string }> {
  const { report } = await analyse(files, { now: new Date(0), ...options });
  return {
    report: JSON.parse(render(report, 'json', { colour: false })) as Published,
    text: (format) => render(report, format, { colour: false }),
  };
}

let runs = 0;
/**
 * The CLI in this process: `run` with its output written to a file (read back as stdout) and
 * what it writes to stderr captured.
 */
async function rasgap(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const output = join(folder, `run-${++runs}.out`);
  const stderr = capture();
  const status = await run([...args, '--output', output], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    stdout: capture(),
    stderr,
  });
  return {
    status,
    stdout: existsSync(output) ? readFileSync(output, 'utf8') : '',
    stderr: stderr.text(),
  };
}

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
  // The default gap bands, in the report's order (gapBands).
  'Cut >10%': 'bands[0]',
  'Cut ≤10%': 'bands[1]',
  Unchanged: 'bands[2]',
  'Raised ≤10%': 'bands[3]',
  'Raised >10%': 'bands[4]',
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
  // The figures tables (with an Up column), the intervals tables (with Sign test p) and the gap
  // band tables (with Cut >10%) each list the overall row and then every group.
  let checked = 0;
  for (const kind of ['Up', 'Sign test p', 'Cut >10%']) {
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

/** The CSV's gap band columns (the default bands), in the report's order. */
const BAND_COLUMNS = [
  'band: cut by more than 10%',
  'band: cut by up to 10%',
  'band: unchanged',
  'band: raised by up to 10%',
  'band: raised by more than 10%',
];

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
  const band = BAND_COLUMNS.indexOf(column);
  if (band >= 0) return `bands[${band}]`;
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
      if (field === null || valueIn(figures, field) === undefined) return;
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
    let report: Published;
    let text: (format: 'table' | 'markdown' | 'csv') => string;
    beforeAll(async () => {
      ({ report, text } = await published(files, { by, minCount: k }));
    });

    it('lets the checker work back no suppressed count or money total in any breakdown', () => {
      const result = checkReport(report, informedReader(report));
      expect(result.inconsistencies).toEqual([]);
      expect(describeRanges(result.recovered)).toEqual([]);
      expect(report.disclosure).toMatchObject({ suppression: true, minCount: k });
    });

    it('shows no count from 1 to k - 1 anywhere', () => {
      expect(publishedSmallCounts(report, k)).toEqual([]);
    });

    it('shows [c] in the table exactly where the JSON has a suppressed null', () => {
      expect(checkRendering(text('table'), 'table', report)).toBeGreaterThan(0);
      for (const figures of rowsOf(report)) {
        for (const field of figures.suppressed ?? []) expect(valueIn(figures, field)).toBeNull();
      }
    });

    it('shows [c] in the Markdown exactly where the JSON has a suppressed null', () => {
      expect(checkRendering(text('markdown'), 'markdown', report)).toBeGreaterThan(0);
    });

    it('writes [c] in the CSV exactly where the JSON has a suppressed null', () => {
      const csv = text('csv');
      expect(csv.startsWith('breakdown,')).toBe(true);
      expect(checkCsv(csv, report)).toBeGreaterThan(0);
    });
  });
});

describe('the CLI prints what the Node API gives', () => {
  // Printed to stdout, as a publisher runs it (bin/ itself is tested in bin.test.ts).
  it('rasgap analyse fixtures/sample-export.csv --by client-group,age-band --by client-group --by age-band --format json', async () => {
    const args = ['analyse', 'fixtures/sample-export.csv', ...CROSSED.flatMap((b) => ['--by', b])];
    const stdout = capture();
    const stderr = capture();
    const status = await run([...args, '--format', 'json', '--quiet'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
      stdout,
      stderr,
    });
    expect(stderr.text()).toBe('');
    expect(status).toBe(0);
    const fromCli = JSON.parse(stdout.text()) as Published;
    const { report } = await published([fixture('sample-export.csv')], { by: CROSSED });
    expect(fromCli.overall).toEqual(report.overall);
    expect(fromCli.breakdowns).toEqual(report.breakdowns);
    expect(fromCli.disclosure).toEqual(report.disclosure);
    expect(publishedSmallCounts(fromCli, 5)).toEqual([]);
    expect(describeRanges(checkReport(fromCli, informedReader(fromCli)).recovered)).toEqual([]);
  });
});

describe('--no-suppression', () => {
  const files = [fixture('small-export.csv')];
  const NOTICE = /^\W*NOT FOR PUBLICATION/;
  let report: Published;
  let text: (format: 'table' | 'markdown' | 'csv') => string;
  beforeAll(async () => {
    ({ report, text } = await published(files, { suppression: false }));
  });

  it('makes "notice" the first key of the JSON', () => {
    expect(Object.keys(report)[0]).toBe('notice');
    expect(report.notice).toContain('NOT FOR PUBLICATION');
    expect(report.overall.n).toBe(6);
    expect(report.overall.suppressed).toBeUndefined();
    expect(report.disclosure).toMatchObject({ suppression: false });
  });

  it.each(['csv', 'table', 'markdown'] as const)(
    'says so on the first line of the %s',
    (format) => {
      const output = text(format);
      const [first, second] = output.split(/\r?\n/);
      expect(first).toMatch(NOTICE);
      expect(first).toContain('NOT FOR PUBLICATION');
      // No cell is [c] (the Markdown's exclusion table explains FOI markers "such as [c]").
      expect(output).not.toMatch(/(^|[│|,])\s*\[c\]\s*([│|,]|$)/m);
      if (format === 'csv') expect(second.startsWith('breakdown,')).toBe(true);
    },
  );

  it('writes the small counts as they are', () => {
    const records = parse(text('csv'), { relax_column_count: true }) as string[][];
    const header = records[1];
    const overall = records[2];
    expect(overall[header.indexOf('n')]).toBe('6');
    expect(overall[header.indexOf('up')]).toBe('2');
  });

  it('says so in the JSON of compare', async () => {
    const compared = await compare([fixture('sample-export.csv')], {
      a: '65+',
      b: '18-64',
      suppression: false,
    });
    expect(Object.keys(JSON.parse(JSON.stringify(compared)))[0]).toBe('notice');
  });

  // Was a bug: `rasgap compare fixtures/sample-export.csv --a 65+ --b 18-64 --no-suppression` (table,
  // and --format markdown) never says NOT FOR PUBLICATION: the first lines are the usual
  // heading "rasgap 0.1.0: fixtures/sample-export.csv: 2,000 rows read, ..." and "# 65+ against
  // 18-64". Only the JSON carries the notice.
  it.each(['table', 'markdown'])(
    'says so on the first line of compare --format %s',
    async (format) => {
      const run = await rasgap([
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
      // The same text as the renderers give for the API's report.
      const compared = await compare([fixture('sample-export.csv')], {
        a: '65+',
        b: '18-64',
        suppression: false,
      });
      const rendered =
        format === 'table'
          ? renderHeadToHeadTable(compared, false)
          : renderHeadToHeadMarkdown(compared);
      expect(rendered.split('\n')[0]).toMatch(NOTICE);
    },
  );
});

describe('--min-count and --round-counts as options', () => {
  it.each(['0', 'abc', '-1', '2.5', ''])(
    'refuses --min-count "%s" as a usage error',
    async (value) => {
      const run = await rasgap(['analyse', 'fixtures/small-export.csv', '--min-count', value]);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^rasgap: .*--min-count/);
      await expect(
        analyse([fixture('small-export.csv')], { minCount: value }),
      ).rejects.toMatchObject({
        code: 'USAGE',
      });
    },
  );

  it('refuses --round-counts 0 as a usage error', async () => {
    const run = await rasgap(['analyse', 'fixtures/small-export.csv', '--round-counts', '0']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--round-counts');
  });

  describe('--round-counts 5 through the Node API', () => {
    // Done when (issue 9): every published count is rounded, the HTML chart data included.
    let report: Published;
    beforeAll(async () => {
      ({ report } = await published([fixture('sample-export.csv')], {
        by: CROSSED,
        minCount: 5,
        roundCounts: 5,
        charts: true,
      }));
    });

    it('rounds every count of every row, and shares come from the rounded counts', () => {
      expect(report.disclosure).toMatchObject({ minCount: 5, roundCounts: 5 });
      const unrounded: string[] = [];
      for (const figures of rowsOf(report)) {
        for (const field of ['n', 'up', 'down', 'unchanged', 'zeroIndicative']) {
          const value = figures[field];
          if (typeof value === 'number' && value % 5 !== 0) {
            unrounded.push(`${String(figures.label)} ${field}: ${value}`);
          }
        }
        if (typeof figures.downShare === 'number') {
          expect(figures.downShare).toBe((figures.down as number) / (figures.n as number));
        }
      }
      expect(unrounded).toEqual([]);
    });

    it('rounds the counts beside the table: rows used, inputs, client groups', () => {
      const rows = report.rows as Record<string, unknown>;
      const inputs = report.inputs as Record<string, unknown>[];
      const groups = report.clientGroups as Record<string, unknown>[];
      const counts = [
        ['rows.used', rows.used],
        ...inputs.map((input) => [`inputs rowsUsed`, input.rowsUsed]),
        ...groups.map((group) => [`clientGroups "${String(group.label)}"`, group.count]),
      ] as [string, unknown][];
      expect(counts.filter(([, value]) => typeof value === 'number' && value % 5 !== 0)).toEqual(
        [],
      );
    });

    it('rounds every count of the chart data (report.charts)', () => {
      expect(report.charts).toBeDefined();
      const counts = chartCounts(report.charts as Record<string, unknown>);
      expect(counts.length).toBeGreaterThan(0);
      expect(
        counts
          .filter(([, value]) => typeof value === 'number' && value % 5 !== 0)
          .map(([where, value]) => `${where}: ${String(value)}`),
      ).toEqual([]);
    });

    it('lets the checker work nothing back from the rounded counts', () => {
      const result = checkReport(report, informedReader(report));
      expect(result.inconsistencies).toEqual([]);
      expect(describeRanges(result.recovered)).toEqual([]);
    });
  });

  describe('from a config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasgap-config-'));
    const config = join(dir, 'rasgap.config.json');
    writeFileSync(config, JSON.stringify({ minCount: 10, by: ['client-group', 'age-band'] }));
    const base = ['analyse', 'fixtures/sample-export.csv', '--format', 'json', '--quiet'];

    it('"minCount": 10 suppresses counts up to 9', async () => {
      const fromFile = await rasgap([...base, '--config', config]);
      expect(fromFile.stderr).toBe('');
      expect(fromFile.status).toBe(0);
      const report = JSON.parse(fromFile.stdout) as Published;
      expect(report.disclosure).toMatchObject({ suppression: true, minCount: 10 });
      expect((report.disclosure as { note: string }).note).toContain('Counts from 1 to 9');
      const flag = JSON.parse(
        (await rasgap([...base, '--by', 'client-group', '--by', 'age-band', '--min-count', '10']))
          .stdout,
      ) as Published;
      expect(report.overall).toEqual(flag.overall);
      expect(report.breakdowns).toEqual(flag.breakdowns);
      expect(publishedSmallCounts(report, 10)).toEqual([]);
      expect(describeRanges(checkReport(report, informedReader(report)).recovered)).toEqual([]);
    });

    it('--min-count on the command line wins over the file', async () => {
      const run = await rasgap([...base, '--config', config, '--min-count', '5']);
      expect(JSON.parse(run.stdout).disclosure).toMatchObject({ minCount: 5 });
    });

    it('refuses "minCount": 0 in the file as a usage error', async () => {
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ minCount: 0 }));
      const result = await rasgap([...base, '--config', bad]);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^rasgap: /);
    });
  });
});

describe('the HTML chart data (report.charts) through the Node API', () => {
  // The charts go through the same publishing rules as the tables: no count from 1 to k - 1 in
  // the groups' n, box counts, binned planes, years or the count of people not drawn.
  it.each([
    ['sample-export.csv', 5],
    ['small-export.csv', 5],
    ['small-export.csv', 10],
    ['legacy-groups.csv', 5],
    ['foi-titles-total.csv', 3],
    ['inference-small.csv', 5],
  ] as const)('%s with --min-count %i shows no small count in the charts', async (name, k) => {
    const { report } = await published([fixture(name)], { minCount: k, charts: true });
    expect(report.charts).toBeDefined();
    expect(publishedSmallCounts(report, k)).toEqual([]);
  });
});

describe('disclosure bugs once seen through the CLI', () => {
  // Was a bug: the number of records used is shown beside a hidden overall n. `rasgap analyse
  // fixtures/small-export.csv --min-count 10 --format json`: overall n is null (6 records, a
  // label-only "group"), but rows.used is 6 and inputs[0].rowsUsed is 6; the table's first line
  // says "13 rows read, 6 used, 7 excluded". With `fixtures/council-a.csv fixtures/council-b.csv
  // --by source --min-count 10`, both sources show n null but inputs[].rowsUsed are 5 and 5
  // (and the Markdown's Inputs list says "5 used" for each).
  it('rows.used and inputs[].rowsUsed hide a hidden overall or source n', async () => {
    const small = await published([fixture('small-export.csv')], { minCount: 10 });
    const sources = await published([fixture('council-a.csv'), fixture('council-b.csv')], {
      by: ['source'],
      minCount: 10,
    });
    expect([
      ...publishedSmallCounts(small.report, 10),
      ...publishedSmallCounts(sources.report, 10),
    ]).toEqual([]);
    expect(small.text('table')).not.toMatch(/\b6 used\b/);
    expect(sources.text('markdown')).not.toMatch(/\b5 used\b/);
  });

  // Was a bug: points.n (records with RAS points) is a count and is shown when small. `rasgap analyse
  // fixtures/inference-export.csv --by client-group,age-band --by client-group --by age-band
  // --min-count 5 --format json`: "Physical Support: Personal care support / 18-64" has n 5 and
  // points.n 4, so one person there has no RAS points.
  it('points.n from 1 to k - 1 is hidden', async () => {
    const { report } = await published([fixture('inference-export.csv')], {
      by: CROSSED,
      minCount: 5,
    });
    expect(publishedSmallCounts(report, 5)).toEqual([]);
  });

  // Was a bug: the warning about unrecognised client groups gives the count that clientGroups hides.
  // `rasgap analyse fixtures/legacy-groups.csv --min-count 3 --format json`: clientGroups has
  // {"label": "Reablement", "count": null, "suppressed": ["count"]}, and warnings has 'client
  // groups not in the taxonomy, kept as written: "Reablement" (2); map them with --group-map
  // FILE'.
  it('warnings do not give a suppressed client-group count', async () => {
    const { report } = await published([fixture('legacy-groups.csv')], { minCount: 3 });
    const groups = report.clientGroups as { label: string }[];
    const reablement = groups.find((g) => g.label === 'Reablement');
    expect(reablement).toMatchObject({ count: null, suppressed: ['count'] });
    expect(JSON.stringify(report.warnings)).not.toMatch(/"Reablement\\?" \(\d+\)/);
    expect(publishedSmallCounts(report, 3)).toEqual([]);
  });
});
