import { describe, expect, it } from 'vitest';
import { ExclusionLedger } from '../../src/ingest/exclusions.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markdownCell, markdownLabel, renderMarkdown } from '../../src/report/markdown.js';
import { rasgap } from '../cli/run.js';
import { VERSION } from '../../src/version.js';
import { buildTable, weekly } from '../analysis/table.js';
import { CELLS, reportOf, twoFileReport } from './report.js';

const TITLES =
  'n | Up | Down | Same | % down | Median gap | Median % gap | Mean % gap | Money-weighted | Total indicative | Total actual |';

describe('markdownCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a|b', 'a\\|b'],
    ['|x|', '\\|x\\|'],
    ['back\\slash', 'back\\\\slash'],
    ['back\\|pipe', 'back\\\\\\|pipe'],
    ['two\nlines', 'two lines'],
    ['two\r\nlines', 'two lines'],
    // A lone CR is a line ending in CommonMark too.
    ['two\rlines', 'two lines'],
    ['£5 & 10% * _x_', '£5 & 10% * _x_'],
  ])('%j -> %j', (text, expected) => {
    expect(markdownCell(text)).toBe(expected);
  });
});

describe('renderMarkdown', () => {
  const text = renderMarkdown(twoFileReport());
  const lines = text.split('\n');

  it('starts with the title and the heading line', () => {
    expect(lines.slice(0, 3)).toEqual([
      '# Indicative and actual budgets',
      '',
      `rasgap ${VERSION}, a.csv, b.csv: 8 rows read, 6 used, 2 excluded; amounts per week.`,
    ]);
    expect(text).toContain('Amounts in pounds per week (a year is 52 weeks)');
    // Provenance closes it: when, by what, and with which options.
    expect(text).toContain(
      `Generated 1970-01-01T00:00:00.000Z by rasgap ${VERSION}.\n\nOptions: {`,
    );
  });

  it('has a section and a table per breakdown, with right-aligned figures', () => {
    expect(lines.filter((line) => line.startsWith('## '))).toEqual([
      '## Overall',
      '## By age band',
      '## By client group',
      '## Rows',
      '## Inputs',
    ]);
    expect(lines).toContain(`|  | ${TITLES}`);
    // Was a bug: "All records" was both the header and the row of the Overall table. Now it is
    // only a row: of the figures and of the gap bands (whose table is headed "Gap bands").
    expect(lines.filter((line) => line.includes('All records'))).toHaveLength(2);
    expect(lines).toContain(
      '| Gap bands | Cut >10% | Cut ≤10% | Unchanged | Raised ≤10% | Raised >10% |',
    );
    expect(lines).toContain(`| Age band | ${TITLES}`);
    expect(lines).toContain(`| Client group | ${TITLES}`);
    expect(lines).toContain(`| --- |${' ---: |'.repeat(11)}`);
  });

  it('shows each group label with its figures formatted', () => {
    for (const [label, cells] of Object.entries(CELLS)) {
      expect(lines, label).toContain(`| ${label} | ${cells.join(' | ')} |`);
    }
    // Groups in report order.
    const order = [
      '18-64',
      '65+',
      'Unknown',
      'Learning Disability Support',
      'Mental Health Support',
    ];
    const at = order.map((label) => lines.findIndex((line) => line.startsWith(`| ${label} |`)));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('lists the exclusions with their meaning and the inputs with their hashes', () => {
    expect(lines).toContain('| Reason | Rows | Meaning | First lines |');
    expect(lines).toContain('| missing-value | 1 | the indicative or actual amount is blank | 3 |');
    expect(lines).toContain(
      '| superseded | 1 | a later record for the same person replaces it (latest date agreed wins) | 2 |',
    );
    expect(lines).toContain(`- a.csv: SHA-256 \`${'ab'.repeat(32)}\`, 5 rows read, 3 used`);
    expect(lines).toContain(`- b.csv: SHA-256 \`${'ab'.repeat(32)}\`, 3 rows read, 3 used`);
  });

  it('has no ANSI escapes', () => {
    expect(text.includes('\x1b')).toBe(false);
  });

  it('escapes a pipe in a group label and says when every row was used', () => {
    const table = buildTable([
      { indicative: weekly(10), actual: weekly(12), clientGroup: 'LD | Team A' },
      { indicative: weekly(10), actual: weekly(10), clientGroup: 'LD | Team A' },
    ]);
    const md = renderMarkdown(reportOf(table, new ExclusionLedger(), [2], [['rawClientGroup']]));
    // Rscript -e 'g <- c(12, 10) - 10; p <- g / 10 * 100; cat(sprintf("£%.2f %+.1f%%", median(g), median(p)), "\n")'  -> £1.00 +10.0%
    expect(md).toContain(
      '| LD \\| Team A | 2 | 1 | 0 | 1 | 0% | £1.00 | +10.0% | +10.0% | +10.0% | £20.00 | £22.00 |',
    );
    expect(md).toContain('All 2 rows were used.');
    expect(md).not.toContain('| Reason |');
  });
});

describe('markdownLabel', () => {
  it.each([
    ['<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['[link](http://evil.example)', '\\[link\\](http\\://evil.example)'],
    ['![img](x.png)', '!\\[img\\](x.png)'],
    ['<http://evil.example>', '\\<http\\://evil.example\\>'],
    ['see www.evil.example', 'see www\\.evil.example'],
    ['*bold* _em_ `code` ~~gone~~', '\\*bold\\* \\_em\\_ \\`code\\` \\~\\~gone\\~\\~'],
    ['&lt;b&gt; &#60;', '\\&lt;b\\&gt; \\&#60;'],
    ['# Heading', '\\# Heading'],
    ['1. Listed', '1\\. Listed'],
    ['back\\slash|pipe', 'back\\\\slash\\|pipe'],
    ['two\nlines', 'two lines'],
    // Formula injection is still neutralised, the apostrophe first.
    ['=HYPERLINK("x")', '\'=HYPERLINK("x")'],
    ['@SUM(A1)', "'\\@SUM(A1)"],
    // What CommonMark shows as it is stays as it is.
    ['18-64', '18-64'],
    ['Physical Support: Access & mobility only', 'Physical Support: Access & mobility only'],
    ['65+', '65+'],
  ])('%j -> %j', (label, expected) => {
    expect(markdownLabel(label)).toBe(expected);
  });
});

describe('renderMarkdown with markup in labels', async () => {
  const run = async (rows: string[]): Promise<string> => {
    const dir = mkdtempSync(join(tmpdir(), 'rasgap-md-'));
    const file = join(dir, 'labels.csv');
    writeFileSync(
      file,
      [
        'Person ID,Client Group,Age,Indicative Budget (weekly),Actual Budget (weekly),Date Agreed',
        ...rows,
      ].join('\n') + '\n',
    );
    const result = await rasgap([
      'analyse',
      file,
      '--by',
      'raw-client-group',
      '--format',
      'markdown',
      '--quiet',
    ]);
    expect(result.status, result.stderr).toBe(0);
    return result.stdout;
  };
  const labels = ['<script>alert(1)</script>', '[link](http://evil.example)'];
  const text = await run(
    labels.flatMap((label, g) =>
      Array.from(
        { length: 6 },
        (_, k) => `P${g}${k},"${label}",40,100,${95 + 2 * k + g},01/06/2023`,
      ),
    ),
  );

  it('escapes them in the tables and in the comparison sentence', () => {
    expect(text).not.toContain('<script>');
    expect(text).not.toMatch(/(?<!\\)\]\(/);
    expect(text).not.toMatch(/(?<!\\)</);
    expect(text).toMatch(/^\| \\<script\\>alert\(1\)\\<\/script\\> \| 6 \|/m);
    expect(text).toMatch(/^\| \\\[link\\\]\(http\\:\/\/evil\.example\) \| 6 \|/m);
    expect(text).toContain('\\<script\\>alert(1)\\</script\\> against \\[link\\]');
  });
});
