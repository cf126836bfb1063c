// The terminal table fitted to a width: snapshots of the bundled sample at 80, 100 and 120
// columns, unlimited, --wide and --columns; no line wider than the terminal at any width from 60
// to 200 on several exports; the columns a reader needs first; labels wrapped; stacked blocks.
import { relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/index.js';
import { compare } from '../../src/compare.js';
import { COLUMN_KEYS, parseColumnKeys, tableColumns } from '../../src/report/columns.js';
import { renderHeadToHeadTable } from '../../src/report/headToHead.js';
import { displayWidth, wrapText } from '../../src/report/layout.js';
import type { Report } from '../../src/report/model.js';
import { renderTable, type TableStyle } from '../../src/report/table.js';
import { fixture, root, written } from '../disclose/helpers.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** Lines wider than `width` columns (display width: wide characters count two). */
const tooWide = (text: string, width: number): string[] =>
  text.split('\n').filter((line) => displayWidth(line) > width);

/** The header line(s) and body of the first table under `title` ("By age band"). */
function tableUnder(text: string, title: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(title) + 1;
  const end = lines.findIndex((line, i) => i > start && line === '');
  return lines.slice(start, end);
}

/** The report with its input named as from the repository's root, wherever it is checked out. */
function sameEverywhere<T extends { inputs: { path: string }[] }>(report: T): T {
  for (const input of report.inputs) input.path = relative(root, input.path);
  return report;
}

const sampleReports: Record<string, Report> = {};
beforeAll(async () => {
  const sample = fixture('sample-export.csv');
  const runs: [string, Parameters<typeof analyse>[1]][] = [
    ['default', {}],
    ['no-tests', { tests: false }],
    ['not for publication', { suppression: false }],
    ['client group first', { by: [['clientGroup'], ['ageBand']] }],
    ['crossed', { by: [['clientGroup', 'ageBand']] }],
  ];
  for (const [name, options] of runs) {
    sampleReports[name] = sameEverywhere(
      (await analyse([sample], { now: new Date(0), ...options })).report,
    );
  }
});

describe('the bundled sample', () => {
  it.each([80, 100, 120])('at %i columns', (width) => {
    const text = renderTable(sampleReports.default, { colour: false, width });
    expect(tooWide(text, width)).toEqual([]);
    expect(text).toMatchSnapshot();
  });

  // Was a bug: at 80 columns the notes explained Sign test p and Wilcoxon p, which are not shown,
  // spoke of "JSON null" under a table, and the Overall label column was headed "95% CI".
  it('notes only the columns shown, in the words of a table', () => {
    const text = renderTable(sampleReports.default, { colour: false, width: 80 });
    expect(text).not.toMatch(/Sign test p|Wilcoxon|Bland/);
    expect(text).toContain('p: sign test of "no systematic direction"');
    expect(text).not.toContain('JSON');
    expect(text).toContain('In these tables counts from 1 to 4 are shown as [c]');
    expect(text).not.toContain('95% CI ');
    // The header's lines (two at 80 columns) leave the label column blank.
    expect(tableUnder(text, 'Overall').slice(0, 2)).toEqual([
      expect.stringMatching(/^ {12}/),
      expect.stringMatching(/^ +n +% up/),
    ]);
    const wide = renderTable(sampleReports.default, { colour: false, width: 200, wide: true });
    expect(wide).toContain('Sign test p and Wilcoxon p (signed-rank) give the unadjusted p');
    expect(wide).toContain('Limits of agreement: Bland–Altman.');
    const few = renderTable(sampleReports.default, {
      colour: false,
      width: 80,
      columns: ['n', 'down'],
    });
    expect(few).not.toMatch(/Money-weighted|% gap:|\[CI\]|p: sign/);
  });

  it('piped (no width): every column, boxed', () => {
    expect(renderTable(sampleReports.default, { colour: false })).toMatchSnapshot();
  });

  it('--wide at 80 and 200 columns', () => {
    const narrow = renderTable(sampleReports.default, { colour: false, width: 80, wide: true });
    const broad = renderTable(sampleReports.default, { colour: false, width: 200, wide: true });
    expect(tooWide(narrow, 80)).toEqual([]);
    expect(tooWide(broad, 200)).toEqual([]);
    expect(narrow).toMatchSnapshot();
    expect(broad).toMatchSnapshot();
  });

  it('--columns n,down,median,mean at 80 columns and piped', () => {
    const columns = ['n', 'down', 'median', 'mean'];
    const narrow = renderTable(sampleReports.default, { colour: false, width: 80, columns });
    expect(tooWide(narrow, 80)).toEqual([]);
    expect(narrow).toMatchSnapshot();
    expect(renderTable(sampleReports.default, { colour: false, columns })).toMatchSnapshot();
  });

  it('compare 65+ against 18-64 at 80 columns', async () => {
    const report = sameEverywhere(
      await compare([fixture('sample-export.csv')], { a: '65+', b: '18-64', now: new Date(0) }),
    );
    const text = renderHeadToHeadTable(report, { colour: false, width: 80 });
    expect(tooWide(text, 80)).toEqual([]);
    expect(text).toMatchSnapshot();
    // Piped, or wide enough, the boxed tables as before.
    const boxed = renderHeadToHeadTable(report, false);
    const table = boxed.split('\n').filter((line) => /^[┌│└]/.test(line));
    expect(table).toHaveLength(30);
    const at200 = renderHeadToHeadTable(report, { colour: false, width: 200 }).split('\n');
    expect(at200.filter((line) => /^[┌│└]/.test(line))).toEqual(table);
  });
});

describe('which columns', () => {
  const titlesOf = (text: string, title: string): string =>
    tableUnder(text, title).slice(0, 3).join('\n');

  it('shows the columns a reader needs first at 80 columns, and more at 120', () => {
    const at80 = renderTable(sampleReports.default, { colour: false, width: 80 });
    const at120 = renderTable(sampleReports.default, { colour: false, width: 120 });
    const head80 = titlesOf(at80, 'By age band');
    for (const title of ['n', '% up', 'same', 'down', 'Median % gap [CI]', 'Money-', 'p']) {
      expect(head80).toContain(title);
    }
    expect(head80).not.toContain('Median gap');
    expect(titlesOf(at120, 'By age band')).toContain('Median gap [CI]');
    const rows80 = tableUnder(at80, 'By age band');
    expect(rows80.find((line) => line.startsWith('65+'))).toMatch(
      /^65\+\s+1,073\s+20%\s+19%\s+61%\s+-4\.3% \[-5\.2%, -3\.3%\]\s+-5\.1%\s+-1\.4%\s+<0\.001$/,
    );
  });

  it('shows exactly the --columns asked for, in their order', () => {
    const text = renderTable(sampleReports.default, {
      colour: false,
      width: 120,
      columns: ['money', 'n'],
    });
    const [header, rule, first] = tableUnder(text, 'By age band');
    expect(header.split(/\s{2,}/)).toEqual(['Age band', 'Money-weighted', 'n']);
    expect(rule).toMatch(/^─+ {2}─+ {2}─+$/);
    expect(first).toMatch(/^18-64\s+\+8\.3%\s+746$/);
  });

  it('shows every column with --wide (the funnel only in a breakdown by source)', () => {
    const text = renderTable(sampleReports.default, { colour: false, width: 250, wide: true });
    for (const column of tableColumns(true)) {
      if (column.key === 'funnel') expect(text).not.toContain('Funnel');
      else expect(text).toContain(column.title);
    }
    // The gap bands: one column per band, a table of their own.
    for (const title of ['Cut >10%', 'Cut ≤10%', 'Unchanged', 'Raised ≤10%', 'Raised >10%']) {
      expect(text).toContain(title);
    }
  });

  it('refuses an unknown --columns key, naming the valid keys', () => {
    expect(() => parseColumnKeys('n,pvalue')).toThrow(/unknown column "pvalue" in --columns/);
    try {
      parseColumnKeys(['n', 'pvalue,medain']);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'USAGE', exitCode: 1 });
      expect((error as Error).message).toBe('unknown columns "pvalue", "medain" in --columns');
      expect((error as { fix: string }).fix).toBe(
        `use a comma-separated list of ${COLUMN_KEYS.join(', ')}`,
      );
    }
    expect(() =>
      renderTable(sampleReports.default, { colour: false, width: 80, columns: ['x'] }),
    ).toThrow(/unknown column "x"/);
    expect(parseColumnKeys(' N, Down ,down')).toEqual(['n', 'down']);
  });

  it('leaves out the intervals and p with --no-tests, and says so for a --columns asked for', () => {
    const text = renderTable(sampleReports['no-tests'], { colour: false, width: 80 });
    expect(text).not.toContain('[CI]');
    expect(titlesOf(text, 'By age band')).not.toMatch(/\bp\b/);
    const asked = renderTable(sampleReports['no-tests'], {
      colour: false,
      width: 80,
      columns: ['n', 'p'],
    });
    expect(asked).toContain('Not computed with --no-tests: p (shown as –).');
  });
});

describe('labels and layouts', () => {
  it('wraps a long label onto indented lines, keeping the figures on its first line', () => {
    const text = renderTable(sampleReports.default, { colour: false, width: 80 });
    const rows = tableUnder(text, 'By client group');
    const first = rows.findIndex((line) => line.startsWith('Social Support: '));
    expect(rows[first]).toMatch(/^Social Support:\s+15\s+67%/);
    expect(rows[first + 1]).toBe(' Substance misuse');
    expect(rows[first + 2]).toBe(' support');
  });

  it('stacks one block per group when no table fits', () => {
    const text = renderTable(sampleReports.default, { colour: false, width: 60 });
    const block = tableUnder(text, 'By age band');
    expect(block.slice(0, 4)).toEqual([
      '18-64',
      '  n 746   % up [c]   % same [c]   % down 20%',
      '  Median % gap [CI] +5.7% [3.5%, 6.9%]',
      '  Money-weighted +8.3%   p [c]',
    ]);
  });

  it('stacks a table whose labels would wrap onto more than four lines', () => {
    const text = renderTable(sampleReports.crossed, { colour: false, width: 80 });
    expect(tableUnder(text, 'By client group × age band').slice(0, 3)).toEqual([
      'Physical Support: Access & mobility only / 18-64',
      '  n 47   % up 66%   % same 13%   % down 21%',
      '  Median % gap [CI] +3.3% [0.1%, 7.9%]   Money-weighted +8.1%   p 0.033',
    ]);
  });

  it('keeps the notes under each table: [c], groups left out, rounding', () => {
    const report = structuredClone(sampleReports.crossed);
    report.breakdowns[0].groupsLeftOut = true;
    report.rows.unchangedWithinRounding = 81;
    const text = renderTable(report, { colour: false, width: 80 }).replace(/\n/g, ' ');
    expect(text).toContain('Groups of fewer than 5 people are left out of this breakdown');
    expect(text).toContain('[c] Fewer than 5 people: Physical Support: Access & mobility only');
    expect(text).toContain('81 records were called unchanged within rounding');
    const sample = renderTable(sampleReports.default, { colour: false, width: 80 });
    expect(sample.replace(/\n/g, ' ')).toContain(
      '[c] A small count, or hidden so that a small count elsewhere cannot be worked back: 18-64 (% up, % same, p)',
    );
  });

  it('says NOT FOR PUBLICATION on the first line', () => {
    const text = renderTable(sampleReports['not for publication'], { colour: false, width: 80 });
    expect(text.split('\n')[0]).toMatch(/^NOT FOR PUBLICATION/);
  });

  it('colours up cyan and down yellow, and lays out the same without colour', () => {
    const style: TableStyle = { colour: true, width: 80 };
    const coloured = renderTable(sampleReports.default, style);
    const plain = renderTable(sampleReports.default, { ...style, colour: false });
    expect(coloured.replace(ANSI, '')).toBe(plain);
    expect(coloured).toContain('\x1b[33m61%\x1b[39m'); // 65+ % down
    expect(coloured).toContain('\x1b[36m20%\x1b[39m'); // 65+ % up
    expect(coloured).toContain('\x1b[33m-4.3% [-5.2%, -3.3%]\x1b[39m');
    expect(coloured).toContain('\x1b[36m+8.3%\x1b[39m'); // 18-64 money-weighted
    expect(tooWide(coloured, 80)).toEqual([]);
  });

  it('counts display width: wide characters take two columns', () => {
    const report = structuredClone(sampleReports.default);
    report.breakdowns[1].groups[0].label = '身体支援：移動のみ（アクセスと移動）テスト 🚶‍♀️';
    report.breakdowns[1].groups[1].label = 'Personal\u001b[31mcare\u202e';
    report.breakdowns[1].groups[2].label = 'Sensory\t\t\t\t\t\t\t\t\tSupport';
    for (const width of [60, 80, 100]) {
      const text = renderTable(report, { colour: false, width });
      expect(tooWide(text, width), `at ${width}`).toEqual([]);
      expect(text).not.toContain('\u001b');
      expect(text).toContain('\\x1b[31m');
      expect(text).not.toContain('\t');
    }
  });
});

describe('no line is wider than the terminal', () => {
  const exports: [string, string[]][] = [
    ['sample-export', [fixture('sample-export.csv')]],
    ['inference-small', [fixture('inference-small.csv')]],
    ['legacy-groups', [fixture('legacy-groups.csv')]],
    ['two councils', [fixture('council-a.csv'), fixture('council-b.csv')]],
  ];
  const styles: Omit<TableStyle, 'width'>[] = [
    { colour: true },
    { colour: false, wide: true },
    { colour: false, columns: ['bias', 'n', 'median-gap', 'total-indicative'] },
  ];

  it.each(exports)('%s, at every width from 60 to 200', async (_name, files) => {
    const reports = [
      (await analyse(files, { now: new Date(0) })).report,
      (await analyse(files, { now: new Date(0), tests: false, suppression: false })).report,
    ];
    for (const report of reports) {
      for (const style of styles) {
        for (let width = 60; width <= 200; width++) {
          const text = renderTable(report, { ...style, width });
          expect(tooWide(text, width), `${JSON.stringify(style)} at ${width}`).toEqual([]);
        }
      }
    }
  });

  it('compare, at every width from 60 to 200', async () => {
    const report = await compare([fixture('sample-export.csv')], {
      a: 'Sensory Support: Support for visual impairment',
      b: 'Social Support: Support for Social Isolation/Other',
      now: new Date(0),
    });
    for (let width = 60; width <= 200; width++) {
      const text = renderHeadToHeadTable(report, { colour: true, width });
      expect(tooWide(text, width), `at ${width}`).toEqual([]);
    }
  });
});

describe('wrapText', () => {
  it('wraps at spaces, cuts only a word too long for a line, and indents later lines', () => {
    expect(wrapText('Physical Support: Access & mobility only', 18)).toEqual([
      'Physical Support:',
      'Access & mobility',
      'only',
    ]);
    expect(wrapText('a fixtures/a-very-long-file-name.csv b', 12, ' ')).toEqual([
      'a',
      ' fixtures/a-',
      ' very-long-f',
      ' ile-name.cs',
      ' v b',
    ]);
    expect(wrapText('高齢者高齢者', 5)).toEqual(['高齢', '者高', '齢者']);
    expect(wrapText('one two', undefined)).toEqual(['one two']);
  });
});

describe('records with a zero indicative budget', () => {
  // Was a bug: they drive the money-weighted change but no table showed how many there were.
  // Counts by construction, checked with:
  // python3 -c "import pandas as pd; d = pd.read_csv('<the file below>'); print(d[d['Indicative Budget (weekly)'] == 0].groupby('Client Group').size())"
  // -> Learning Disability Support 6 (Mental Health Support none)
  const HEADER = 'Person ID,Client Group,Age,Indicative Budget (weekly),Actual Budget (weekly)';
  const lines = [
    HEADER,
    ...Array.from({ length: 30 }, (_, i) => {
      const indicative = i < 6 ? 0 : 200 + ((i * 37) % 90);
      return `L${i},Learning Disability Support,40,${indicative}.00,${200 + ((i * 13) % 40)}.00`;
    }),
    ...Array.from(
      { length: 30 },
      (_, i) => `M${i},Mental Health Support,70,${250 + i}.00,${240 + i}.00`,
    ),
  ];

  it('has a column, zero, reached by --columns and --wide, and a note under the tables', async () => {
    const { report } = await analyse([written('zero-indicative.csv', lines)], {
      by: [['clientGroup']],
      minCount: 5,
      now: new Date(0),
    });
    const group = report.breakdowns[0].groups.find(
      (g) => g.label === 'Learning Disability Support',
    );
    expect(group?.zeroIndicative).toBe(6);
    const chosen = renderTable(report, {
      colour: false,
      width: 100,
      columns: ['n', 'zero', 'money'],
    });
    const table = tableUnder(chosen, 'By client group');
    expect(table[0]).toMatch(/Zero indicative/);
    expect(table.find((line) => line.startsWith('Learning Disability Support'))).toMatch(/ 6 /);
    const flat = (text: string): string => text.replace(/\n/g, ' ');
    for (const label of ['All records', 'Learning Disability Support']) {
      expect(flat(chosen)).toContain(
        `${label}: records with a zero indicative budget are left out of the % gaps but in the money-weighted change.`,
      );
    }
    const fitted = renderTable(report, { colour: false, width: 80 });
    expect(tooWide(fitted, 80)).toEqual([]);
    expect(flat(fitted)).toContain(
      'Learning Disability Support: records with a zero indicative budget are left out of the % gaps but in the money-weighted change (how many: --columns ...,zero or --wide).',
    );
    expect(flat(fitted)).not.toContain('Mental Health Support: records');
    expect(renderTable(report, { colour: false, width: 200, wide: true })).toContain(
      'Zero indicative',
    );
  });
});
