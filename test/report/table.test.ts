import { describe, expect, it } from 'vitest';
import { analyseTable } from '../../src/analysis/analyse.js';
import { checkAnalyseOptions } from '../../src/options.js';
import { buildReport } from '../../src/analysis/report.js';
import { headlineSentences } from '../../src/report/headline.js';
import { heading, renderExclusionSummary, renderTable } from '../../src/report/table.js';
import { VERSION } from '../../src/version.js';
import { twoFiles } from '../analysis/table.js';
import { allFigures, CELLS, inputFile, twoFileReport } from './report.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const cyan = (text: string) => `\x1b[36m${text}\x1b[39m`;
const yellow = (text: string) => `\x1b[33m${text}\x1b[39m`;

/**
 * The cells of the rows whose first cell is `label`, title by title, over every boxed table of
 * the text (the figures of one group are spread over three tables).
 */
function rowCells(text: string, label: string): Map<string, string> {
  const cells = new Map<string, string>();
  let titles: string[] | null = null;
  for (const line of text.replace(ANSI, '').split('\n')) {
    if (!line.startsWith('│')) {
      titles = null;
      continue;
    }
    const row = line
      .split('│')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (titles === null) titles = row;
    else if (row[0] === label) row.forEach((cell, i) => cells.set(titles![i], cell));
  }
  expect(cells.size, label).toBeGreaterThan(0);
  return cells;
}

/** CELLS's columns (test/report/report.ts) as the boxed tables title them. */
const CELL_TITLES = [
  'n',
  'Up',
  'Down',
  'Same',
  '% down',
  'Median gap',
  'Median % gap',
  'Mean % gap',
  'Money-weighted',
  'Total indicative',
  'Total actual',
];

describe('renderTable', () => {
  const report = twoFileReport();
  const plain = renderTable(report, { colour: false });
  const coloured = renderTable(report, { colour: true });

  it('opens with the headline sentences, then the heading line and the period note', () => {
    const lines = plain.split('\n');
    expect(lines[0]).toBe(headlineSentences(report).join(' '));
    expect(lines[0]).toMatch(/^Of 6 people, 33% had their budget moderated down and 50% up;/);
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe(
      `rasgap ${VERSION}: a.csv, b.csv: 8 rows read, 6 used, 2 excluded; amounts per week`,
    );
    expect(lines[3]).toMatch(/^Amounts in pounds per week \(a year is 52 weeks\)/);
    expect(lines).toContain('Overall');
    expect(lines).toContain('By age band');
    expect(lines).toContain('By client group');
  });

  it('shows each group label with its figures formatted, under the column titles', () => {
    for (const [label, cells] of Object.entries(CELLS)) {
      const shown = rowCells(plain, label);
      CELL_TITLES.forEach((title, i) => {
        expect(shown.get(title), `${label} ${title}`).toBe(cells[i]);
      });
    }
    // Without a width: every column, in tables of the reader's columns and of amounts (this
    // report has no tests: analysed without inference, so no third table of tests).
    expect([...rowCells(plain, '18-64').keys()]).toEqual([
      'Age band',
      'n',
      '% up',
      '% same',
      '% down',
      'Median % gap',
      'Money-weighted',
      'Up',
      'Same',
      'Down',
      'Median gap',
      'Mean % gap',
      'Total indicative',
      'Total actual',
      'Zero indicative',
      'Cut >10%',
      'Cut ≤10%',
      'Unchanged',
      'Raised ≤10%',
      'Raised >10%',
    ]);
    // The gap bands of 18-64 (see csv.test.ts for the R command): +15%, unchanged, and an
    // indicative budget of 0 (no % gap, in no band).
    expect(
      ['Cut >10%', 'Cut ≤10%', 'Unchanged', 'Raised ≤10%', 'Raised >10%'].map((title) =>
        rowCells(plain, '18-64').get(title),
      ),
    ).toEqual(['0', '0', '1', '0', '1']);
    // The shares: 18-64 is 2 up, 1 same, 0 down of 3 (the counts of CELLS).
    expect(rowCells(plain, '18-64').get('% up')).toBe('67%');
    expect(rowCells(plain, '18-64').get('% same')).toBe('33%');
  });

  it('says why a funnel column asked for is not shown (no breakdown by source)', () => {
    const note = 'funnel: shown only in a breakdown by source alone (--by source)';
    const asked = renderTable(report, { colour: false, columns: ['n', 'down', 'funnel'] });
    expect(asked).toContain(note);
    expect(asked).not.toMatch(/Funnel/);
    expect(renderTable(report, { colour: false, columns: ['n', 'down'] })).not.toContain(note);
  });

  it('has no ANSI escapes without colour', () => {
    expect(plain.includes('\x1b')).toBe(false);
  });

  it('colours up cells cyan and down cells yellow with colour (chalk level 1)', () => {
    expect(coloured).toContain(cyan('3')); // overall Up
    expect(coloured).toContain(yellow('2')); // overall Down
    expect(coloured).toContain(cyan('£0.25')); // overall median gap
    expect(coloured).toContain(yellow('-1.3%')); // overall mean % gap
    expect(coloured).toContain(cyan('+8.5%')); // overall money-weighted
    expect(coloured).toContain(yellow('-£2.25')); // 65+ median gap
    expect(coloured).toContain(yellow('-16.7%')); // Unknown
    expect(coloured).toContain(cyan('+28.6%')); // 18-64 money-weighted
    // A zero is neither up nor down; counts and totals are never coloured.
    expect(coloured).not.toContain(cyan('0.0%'));
    expect(coloured).not.toContain(yellow('0.0%'));
    expect(coloured).not.toContain(cyan('£650.00'));
    expect(coloured).not.toContain(cyan('0'));
    expect(coloured).not.toContain(yellow('0'));
  });

  it('lays out the same table with and without colour', () => {
    expect(coloured.replace(ANSI, '')).toBe(plain);
  });
});

describe('heading', () => {
  // With amounts whose period no input states, the heading says so in words.
  it('does not print the period code "not-stated"', () => {
    const { table, ledger, rowsRead } = twoFiles();
    const settings = checkAnalyseOptions({});
    const analysis = analyseTable(table, ledger, rowsRead, {
      period: 'not-stated',
      tolerance: settings.tolerance,
      duplicates: settings.duplicates,
      breakdowns: [],
    });
    const report = allFigures(
      buildReport(analysis, {
        inputs: [inputFile('a.csv', 5), inputFile('b.csv', 3)],
        settings,
        now: new Date(0),
      }),
    );
    expect(heading(report)).not.toContain('not-stated');
  });
});

describe('renderExclusionSummary', () => {
  it('lists each reason with its count and lines, naming the file when there are several', () => {
    expect(renderExclusionSummary(twoFileReport())).toBe(
      'Excluded 2 of 8 rows:\n  missing-value: 1 (line a.csv:3)\n  superseded: 1 (line a.csv:2)\n',
    );
  });

  it('shows the first five lines of a reason, then "..."', () => {
    const report = twoFileReport();
    const many = {
      ...report,
      rows: {
        read: 12345,
        used: 11000,
        excluded: 1345,
        exclusions: [
          { reason: 'missing-value' as const, count: 1340, lines: [2, 3, 5, 8, 13, 21, 34] },
          { reason: 'total-row' as const, count: 5, lines: [3000, 3001, 3002, 3003, 3004] },
        ],
      },
    };
    expect(renderExclusionSummary(many)).toBe(
      'Excluded 1,345 of 12,345 rows:\n' +
        '  missing-value: 1,340 (lines 2, 3, 5, 8, 13, ...)\n' +
        '  total-row: 5 (lines 3000, 3001, 3002, 3003, 3004)\n',
    );
  });

  it('says when every row was used', () => {
    const report = twoFileReport();
    const none = { ...report, rows: { read: 1234, used: 1234, excluded: 0, exclusions: [] } };
    expect(renderExclusionSummary(none)).toBe('All 1,234 rows were used.\n');
  });
});

describe('text from the data on a terminal', () => {
  it('shows the control characters of a label as escapes', () => {
    const report = twoFileReport();
    report.breakdowns[0].groups[0].label = '18-64\u001b[31m\u202e';
    const text = renderTable(report, { colour: false });
    expect(text).toContain('18-64\\x1b[31m\\u202e');
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u202e');
  });
});
