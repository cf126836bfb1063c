// The trend in every format: its JSON against docs/schema/trend.schema.json (draft 2020-12, strict)
// on every committed fixture with a date agreed and on the options that change its shape, and the
// table, CSV, Markdown and HTML renderings of the same published figures.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { displayWidth } from '../../src/report/layout.js';
import { describe, expect, it } from 'vitest';
import { render, trend, type TrendOptions, type TrendReport } from '../../src/index.js';
import { renderTrend } from '../../src/report/trend.js';

const ajv = new Ajv2020({
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  allErrors: true,
});
for (const name of ['report', 'trend']) {
  ajv.addSchema(
    JSON.parse(readFileSync(`docs/schema/${name}.schema.json`, 'utf8')),
    `${name}.schema.json`,
  );
}
const validate = ajv.getSchema('trend.schema.json')!;
const errors = (json: unknown): string =>
  validate(json) ? '' : ajv.errorsText(validate.errors, { separator: '\n' });
const asRead = (report: TrendReport): Record<string, unknown> =>
  JSON.parse(render(report, 'json')) as Record<string, unknown>;

const now = new Date('2026-12-01T09:00:00Z');
const TREND = 'fixtures/trend-export.csv';

describe('trend --format json', () => {
  // Every committed fixture with a date-agreed column that analyse reads.
  const runs: [string, string[], TrendOptions][] = [
    ['trend-export by client group', [TREND], { by: 'client-group' }],
    ['trend-export by age band, each quarter', [TREND], { by: 'age-band', every: 'quarter' }],
    ['trend-export, all records', [TREND], {}],
    ['trend-export, --round-counts 5', [TREND], { by: 'client-group', roundCounts: 5 }],
    ['trend-export, --no-suppression', [TREND], { by: 'client-group', suppression: false }],
    ['trend-export, --period year --confidence 0.9', [TREND], { period: 'year', confidence: 0.9 }],
    ['sample-export by client group', ['fixtures/sample-export.csv'], { by: 'client-group' }],
    [
      'sample-export by age band, each quarter',
      ['fixtures/sample-export.csv'],
      { by: 'age-band', every: 'quarter' },
    ],
    ['small-export', ['fixtures/small-export.csv'], { by: 'client-group' }],
    ['team-export by column:Team', ['fixtures/team-export.csv'], { by: 'column:Team' }],
    [
      'team-export by column:Team, each quarter, unsuppressed',
      ['fixtures/team-export.csv'],
      { by: 'column:team', every: 'quarter', suppression: false },
    ],
    ['year-of-birth', ['fixtures/year-of-birth.csv'], { asOf: '31/03/2025' }],
    [
      'two quarters by source',
      ['fixtures/quarter-1.csv', 'fixtures/quarter-2.csv'],
      { by: 'source', every: 'quarter' },
    ],
  ];
  it.each(runs)('%s', async (_name, paths, options) => {
    expect(errors(asRead(await trend(paths, { ...options, now })))).toBe('');
  });

  it('is strict: an unknown field, a wrong type or a missing test fails', async () => {
    const json = asRead(await trend(TREND, { by: 'client-group', now })) as {
      groups: Record<string, unknown>[];
    } & Record<string, unknown>;
    expect(errors(json)).toBe('');
    expect(validate({ ...json, extra: 1 })).toBe(false);
    const group = json.groups[0];
    const { kendallP: _kendallP, ...withoutP } = group;
    void _kendallP;
    expect(validate({ ...json, groups: [withoutP] })).toBe(false);
    expect(validate({ ...json, every: 'month' })).toBe(false);
    const cell = (group.periods as Record<string, unknown>[])[0];
    expect(validate({ ...json, groups: [{ ...group, periods: [{ ...cell, n: '79' }] }] })).toBe(
      false,
    );
    expect(validate({ ...json, groups: [{ ...group, periods: [{ ...cell, mean: 1 }] }] })).toBe(
      false,
    );
  });
});

describe('the formats', () => {
  const published = trend(TREND, { by: 'client-group', now });

  it('table: a table per group with the tests below it, narrower without intervals', async () => {
    const report = await published;
    const wide = render(report, 'table');
    expect(wide).toContain('Trend of moderation by client group, each financial year');
    expect(wide).toContain('% down [CI]');
    expect(wide).toMatch(/Learning Disability Support[\s\S]*2024-25 .* 46 .* 67% \[55%, 77%\]/);
    expect(wide).toContain(
      'Share moved down over the periods: rising, Cochran–Armitage p < 0.001.',
    );
    expect(wide).toContain('[c]');
    const narrow = render(report, 'table', { width: 100 });
    expect(narrow).not.toContain('% down [CI]');
    const widest = Math.max(
      ...narrow
        .split('\n')
        .filter((line) => /^[│┌└]/.test(line))
        .map((line) => line.length),
    );
    expect(widest).toBeLessThanOrEqual(100);
    expect(render(report, 'table', { width: 400 })).toBe(wide);
  });

  it('table: fits every width, borderless and then a block per period when boxes do not', async () => {
    const report = await published;
    for (let width = 30; width <= 140; width += 5) {
      const text = render(report, 'table', { width });
      const over = text.split('\n').filter((line) => displayWidth(line) > width);
      expect(over, `width ${width}`).toEqual([]);
      // Every period of every group is still there, with its n.
      expect(text.match(/2024-25/g)?.length, `width ${width}`).toBeGreaterThanOrEqual(
        report.groups.length,
      );
    }
    // 60 columns: borderless, the titles broken; 40: a block per period.
    const sixty = render(report, 'table', { width: 60 });
    expect(sixty).not.toContain('│');
    expect(sixty).toMatch(/^Period +n +Up +Down +Same +down +gap +% gap$/m);
    const forty = render(report, 'table', { width: 40 });
    expect(forty).toMatch(/^2020-21\n {2}n 79 {3}Up 16 {3}Down 32 {3}Same 31$/m);
  });

  it('csv: one row per group and period, [c] for withheld figures, the reasons last', async () => {
    const report = await published;
    const lines = render(report, 'csv').trimEnd().split('\r\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 5)).toEqual(['by', 'group', 'period', 'score', 'n']);
    expect(header.slice(-5)).toEqual([
      'cochranArmitageP',
      'cochranArmitageZ',
      'kendallTau',
      'kendallP',
      'withheld',
    ]);
    const cells = report.groups.reduce((sum, group) => sum + group.periods.length, 0);
    expect(lines).toHaveLength(1 + cells);
    const ld = lines.find((line) =>
      line.startsWith('clientGroup,Learning Disability Support,2024-25,4,69,'),
    );
    expect(ld).toBeDefined();
    expect(ld).toContain('[c]');
    expect(ld).toMatch(/kendallTau:secondary/);
  });

  it('markdown: a section per group, and the disclosure note', async () => {
    const markdown = render(await published, 'markdown');
    expect(markdown.split('\n')[0]).toBe(
      '# Trend of moderation by client group, each financial year',
    );
    expect(markdown).toContain('## Learning Disability Support');
    expect(markdown).toContain('| 2024-25 | 69 | [c] | 46 | [c] | 67% [55%, 77%] |');
    expect(markdown).toContain('Counts from 1 to 4 are shown as [c]');
  });

  it('html: a self-contained page, small multiples with interval bands and a table for each', async () => {
    const report = await published;
    const html = render(report, 'html');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|src=|href="http/);
    expect(html).toContain('Content-Security-Policy');
    expect(html.match(/<svg /g)).toHaveLength(report.groups.length);
    expect(html.match(/role="img"/g)).toHaveLength(report.groups.length);
    // Bands where consecutive periods are drawn; the small group's periods are all [c].
    expect(html).toContain('<polygon points=');
    expect(html).toContain('<desc id="trend-desc-2">2020-21: 21% (13% to 32%)');
    expect(html.match(/<table id="trend-table-\d+">/g)).toHaveLength(report.groups.length);
    expect(html).toContain('<caption>Learning Disability Support</caption>');
  });

  it('escapes labels in HTML and Markdown, and neutralises formulas in CSV', async () => {
    const text = [
      'Person ID,Client Group,Age,Indicative Budget (weekly),Actual Budget (weekly),Date Agreed',
      ...Array.from({ length: 12 }, (_, i) =>
        [
          `X${i}`,
          i % 2 ? '=Team <b>A</b>|B' : 'Mental Health Support',
          40,
          100,
          90 + i,
          `0${1 + (i % 9)}/05/202${i % 3}`,
        ].join(','),
      ),
    ].join('\n');
    const report = await trend(
      { name: 'odd.csv', text },
      { by: 'client-group', suppression: false, now },
    );
    expect(render(report, 'html')).not.toContain('<b>A</b>');
    expect(render(report, 'html')).toContain('=Team &lt;b&gt;A&lt;/b&gt;|B');
    expect(render(report, 'markdown')).toContain('## =Team <b>A</b>\\|B');
    expect(render(report, 'csv')).toContain("'=Team <b>A</b>|B");
  });

  it('json: the report as it is; unknown formats are refused', async () => {
    const report = await published;
    expect(JSON.parse(render(report, 'json'))).toEqual(JSON.parse(JSON.stringify(report)));
    expect(() => render(report, 'xlsx' as 'json')).toThrow(/cannot be rendered as "xlsx"/);
    expect(() => renderTrend(report, 'pdf' as 'json')).toThrow(/cannot be rendered/);
  });

  it('says first that an unsuppressed trend is not for publication, in every format', async () => {
    const report = await trend(TREND, { suppression: false, now });
    for (const format of ['table', 'csv', 'markdown'] as const) {
      expect(render(report, format).replace(/^["*]+/, ''), format).toMatch(/^NOT FOR PUBLICATION/);
    }
    const html = render(report, 'html');
    expect(html.indexOf('<p class="notice">NOT FOR PUBLICATION')).toBeGreaterThan(0);
    expect(html.indexOf('<p class="notice">NOT FOR PUBLICATION')).toBeLessThan(
      html.indexOf('<h1>'),
    );
  });
});
