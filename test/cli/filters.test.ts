// --from, --to, --where and --period on the command line, in-process through run(). Which rows
// each filter keeps, and the figures, are checked against pandas in test/api/filters.test.ts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rasgap, root } from './run.js';

const FILTERS = 'fixtures/filters.csv';
const YEAR = ['--from', '2023-04-01', '--to', '31/03/2024'];

describe('rasgap analyse --from --to --where', () => {
  it('writes every row left out to --exclusions with its reason and why', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rasgap-filters-'));
    const excluded = join(folder, 'excluded.csv');
    const run = await rasgap([
      'analyse',
      FILTERS,
      ...YEAR,
      '--where',
      'client-group=LD',
      '--exclusions',
      excluded,
      '--format',
      'json',
    ]);
    expect(run.status).toBe(0);
    expect(readFileSync(excluded, 'utf8').trim().split(/\r?\n/)).toEqual([
      'file,line,reason,detail',
      'fixtures/filters.csv,2,outside-dates,date agreed 2022-05-15 is before --from 2023-04-01',
      'fixtures/filters.csv,4,filtered-out,"client-group is ""Mental Health Support"", not ""Learning Disability Support"" (--where)"',
      'fixtures/filters.csv,6,outside-dates,date agreed 2024-04-01 is after --to 2024-03-31',
      'fixtures/filters.csv,7,no-date-agreed,"no date agreed, and --from 2023-04-01 --to 2024-03-31 asked for one"',
      'fixtures/filters.csv,8,outside-dates,date agreed 2023-03-31 is before --from 2023-04-01',
      'fixtures/filters.csv,10,filtered-out,"client-group is ""Mental Health Support"", not ""Learning Disability Support"" (--where)"',
      'fixtures/filters.csv,11,filtered-out,"client-group is ""Support with Memory & Cognition"", not ""Learning Disability Support"" (--where)"',
    ]);
    const report = JSON.parse(run.stdout);
    expect(report.rows).toMatchObject({ read: 10, used: 3, excluded: 7 });
    expect(report.command).toContain('--where client-group=LD');
    // The stderr summary counts the filtered rows without listing their lines.
    expect(run.stderr).toContain('  outside-dates: 3\n');
    expect(run.stderr).toContain('  filtered-out: 3\n');
    // Undated rows left out are a selection too (the Unknown period): their lines are not listed.
    expect(run.stderr).toContain('  no-date-agreed: 1\n');
  });

  it.each(['table', 'markdown', 'html', 'csv', 'json'])(
    'says which records were kept in the %s format',
    async (format) => {
      const run = await rasgap([
        'analyse',
        FILTERS,
        '--from',
        '2023-04-01',
        '--where',
        'age-band=65+',
        '--format',
        format,
      ]);
      expect(run.status).toBe(0);
      const note =
        'Records kept: agreed on or after 2023-04-01 (each person\'s latest record in those dates); age band "65+".';
      const text = format === 'json' ? JSON.parse(run.stdout).filterNote : run.stdout;
      const shown =
        format === 'html' ? text.replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"') : text;
      expect(shown.replace(/\s+/g, ' ').replace(/""/g, '"')).toContain(note);
    },
  );

  it('reads the filters from a config file, and a flag wins', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rasgap-filters-config-'));
    writeFileSync(
      join(folder, 'rasgap.config.json'),
      JSON.stringify({ from: '01/04/2023', to: '2024-03-31', where: ['age-band=65+'] }),
    );
    const path = join(root, FILTERS);
    const fromConfig = JSON.parse(
      (await rasgap(['analyse', path, '--format', 'json'], {}, { cwd: folder })).stdout,
    );
    expect(fromConfig.options).toMatchObject({
      from: '2023-04-01',
      to: '2024-03-31',
      where: [{ dimension: 'ageBand', values: ['65+'] }],
    });
    expect(fromConfig.rows.used).toBe(4);
    const overridden = JSON.parse(
      (
        await rasgap(
          ['analyse', path, '--where', 'age-band=18-64', '--format', 'json'],
          {},
          {
            cwd: folder,
          },
        )
      ).stdout,
    );
    expect(overridden.options.where).toEqual([{ dimension: 'ageBand', values: ['18-64'] }]);
  });

  it.each([
    [
      ['--where', 'age-band=Under 18'],
      /^rasgap: --where age-band=Under 18 matches no group of age-band in the records read; the groups are: "18-64", "65\+"\. Fix: /,
    ],
    [
      ['--where', 'team=North'],
      /^rasgap: --where does not know "team"\. Fix: name one of client-group, age-band, raw-client-group, source/,
    ],
    [['--where', 'column:=North'], /^rasgap: --where column: names no column\. Fix: /],
    [['--from', '2023-13-01'], /^rasgap: --from is not a date: "2023-13-01"\. Fix: /],
    [
      ['--from', '2024-04-01', '--to', '2023-03-31'],
      /^rasgap: --from 2024-04-01 is after --to 2023-03-31: no date is in between/,
    ],
  ])('refuses %j in one line, exit 1', async (args, message) => {
    const run = await rasgap(['analyse', FILTERS, ...args]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('rasgap analyse --period', () => {
  it('refuses a unit it does not know, naming the ones it does (commander), exit 1', async () => {
    const run = await rasgap(['analyse', FILTERS, '--period', 'monthly']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "option '--period <unit>' argument 'monthly' is invalid. Allowed choices are week, fortnight, four-weeks, month, year.",
    );
  });

  it.each([
    ['fortnight', 'per fortnight', 'a year is 26 fortnights of 52 weeks'],
    ['four-weeks', 'per four weeks', 'a year is 13 four-week periods of 52 weeks'],
    ['month', 'per month', 'a month is a twelfth of a 52-week year'],
  ])('--period %s labels the amounts in every format', async (period, words, convention) => {
    const args = ['analyse', FILTERS, '--period', period, '--format'];
    const table = (await rasgap([...args, 'table'])).stdout;
    expect(table).toContain(`; amounts ${words}\n`);
    expect(table.replace(/\s+/g, ' ')).toContain(`Amounts in pounds ${words} (${convention})`);
    expect((await rasgap([...args, 'markdown'])).stdout).toContain(
      `Amounts in pounds ${words} (${convention})`,
    );
    expect((await rasgap([...args, 'html'])).stdout).toContain(`Amounts shown in pounds ${words}`);
    const json = JSON.parse((await rasgap([...args, 'json'])).stdout);
    expect([json.period, json.options.period]).toEqual([period, period]);
  });

  it('--period month: the weekly figures times 52/12 (fixtures/filters.csv, pandas in test/api)', async () => {
    const json = JSON.parse(
      (await rasgap(['analyse', FILTERS, ...YEAR, '--period', 'month', '--format', 'json'])).stdout,
    );
    expect(json.overall.medianGap).toBeCloseTo(-19.5, 9);
    expect(json.overall.totalIndicative).toBeCloseTo(5460, 9);
  });
});
