// End-to-end: exports written the way councils write them (issue 10). The fixtures come from
// fixtures/make-fixtures.mjs; every expected figure was computed from the fixture with pandas
// (1.5.3, /usr/bin/python3), not by rasgap, with the command given beside it.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rasgap } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'rasgap-exports-'));

interface Report {
  rows: {
    read: number;
    used: number;
    excluded: number;
    unchangedWithinRounding: number | null;
    exclusions: { reason: string; count: number; lines: number[]; files?: string[] }[];
  };
  overall: Record<string, number | null>;
  warnings: string[];
  options: Record<string, unknown>;
  breakdowns: { groups: { label: string; n: number }[] }[];
  clientGroups: { label: string; canonical: string | null; count: number }[];
}

async function json(args: string[]): Promise<Report> {
  const run = await rasgap([...args, '--format', 'json', '--no-tests']);
  expect(run.stderr).not.toContain('internal error');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

describe('an annual column in whole pounds beside a weekly one in pence', async () => {
  // /usr/bin/python3 -c "
  // import pandas as pd
  // d = pd.read_csv('fixtures/whole-pound-annual.csv')
  // ind = (d['Indicative Budget (weekly)'] * 100).round().astype(int) * 52
  // act = d['Actual Budget (annual)'].str.replace('[£,]', '', regex=True).astype(int) * 100
  // gap = act - ind
  // same = gap.abs() <= 50
  // print(len(d), (gap > 50).sum(), (gap < -50).sum(), same.sum(), (same & (gap != 0)).sum(), (gap == 0).sum())
  // print('%.17g %.17g %.17g %.17g' % (gap.median() / 5200, gap.mean() / 5200, ind.sum() / 5200, act.sum() / 5200))"
  // -> 40 11 9 20 20 0
  // -> -0.0019230769230769232 2.0164230769230769 12824.42 12905.076923076924
  const report = await json(['analyse', 'fixtures/whole-pound-annual.csv']);

  it('calls unchanged the 20 people agreed at the indicative, to the pound a year', () => {
    expect(report.overall).toMatchObject({ n: 40, up: 11, down: 9, unchanged: 20 });
    // Not one of them is equal to the penny: to floating-point accuracy there would be none.
    expect(report.rows.unchangedWithinRounding).toBe(20);
  });

  it('keeps the amounts themselves exact', () => {
    expect(report.overall.medianGap).toBeCloseTo(-0.0019230769230769232, 12);
    expect(report.overall.meanGap).toBeCloseTo(2.0164230769230769, 12);
    expect(report.overall.totalIndicative).toBeCloseTo(12824.42, 9);
    expect(report.overall.totalActual).toBeCloseTo(12905.076923076924, 9);
  });

  it('says so in the table, Markdown, CSV and HTML', async () => {
    const line = '20 records were called unchanged within rounding';
    for (const format of ['table', 'markdown', 'csv', 'html']) {
      const run = await rasgap(['analyse', 'fixtures/whole-pound-annual.csv', '--format', format]);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(line);
    }
    for (const format of ['table', 'markdown']) {
      const run = await rasgap([
        'compare',
        'fixtures/whole-pound-annual.csv',
        '--a',
        '65+',
        '--b',
        '18-64',
        '--format',
        format,
      ]);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(line);
    }
  });

  it('--tolerance adds to the rounding', async () => {
    // ... the same, then: t = gap.abs() <= 660 + 50; print(t.sum(), (t & (gap.abs() > 660)).sum())
    // -> 21 1 (one record moved by £7.00 a year: within £6.60 + 50p, not within £6.60)
    const wider = await json([
      'analyse',
      'fixtures/whole-pound-annual.csv',
      '--tolerance',
      '6.60',
      '--period',
      'year',
    ]);
    expect(wider.overall).toMatchObject({ unchanged: 21 });
    expect(wider.rows.unchangedWithinRounding).toBe(1);
  });

  it('a small count of them is hidden with the other small counts', async () => {
    const published = await json([
      'analyse',
      'fixtures/whole-pound-annual.csv',
      '--min-count',
      '25',
    ]);
    expect(published.rows.unchangedWithinRounding).toBeNull();
    const rounded = await json([
      'analyse',
      'fixtures/whole-pound-annual.csv',
      '--round-counts',
      '15',
    ]);
    expect(rounded.rows.unchangedWithinRounding).toBe(15);
  });
});

describe('headers that state no period, the actual amounts 52 times the indicative', () => {
  it('stops with exit 2, saying what the numbers suggest and the fix', async () => {
    // /usr/bin/python3 -c "
    // import pandas as pd
    // d = pd.read_csv('fixtures/periods-unstated.csv')
    // print('%.4g %d' % ((d['Actual Budget'] / d['Indicative Budget']).median(), len(d)))"
    // -> 51.35 30
    const run = await rasgap(['analyse', 'fixtures/periods-unstated.csv']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('fixtures/periods-unstated.csv:1: ');
    expect(run.stderr).toContain('median ratio 51.35 over 30 rows');
    expect(run.stderr).toContain(
      'Fix: pass --input-period indicative=week --input-period actual=year',
    );
  });

  it('inspect says so too, and suggests the periods the numbers suggest', async () => {
    const run = await rasgap(['inspect', 'fixtures/periods-unstated.csv']);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('median ratio 51.35 over 30 rows');
    expect(run.stdout).toContain(
      'rasgap analyse fixtures/periods-unstated.csv --input-period indicative=week --input-period actual=year',
    );
    expect(run.stdout).toContain('{"inputPeriod":["indicative=week","actual=year"]}');
  });

  it('reads them with the periods named per amount', async () => {
    // /usr/bin/python3 -c "
    // import pandas as pd
    // d = pd.read_csv('fixtures/periods-unstated.csv')
    // ind = (d['Indicative Budget'] * 100).round() * 52; act = (d['Actual Budget'] * 100).round()
    // gap = act - ind
    // print((gap > 0).sum(), (gap < 0).sum(), (gap == 0).sum(), '%.17g %.17g' % (gap.median() / 5200, (gap / ind * 100).median()))"
    // -> 14 16 0 -2.1433653846153846 -1.25839735771474
    const report = await json([
      'analyse',
      'fixtures/periods-unstated.csv',
      '--input-period',
      'indicative=week',
      '--input-period',
      'actual=year',
    ]);
    expect(report.overall).toMatchObject({ n: 30, up: 14, down: 16, unchanged: 0 });
    expect(report.overall.medianGap).toBeCloseTo(-2.1433653846153846, 10);
    expect(report.overall.medianPctGap).toBeCloseTo(-1.25839735771474, 10);
    expect(report.options.inputPeriod).toBe('indicative=week actual=year');
  });

  it('stops too when the headers say weekly but the numbers do not agree', async () => {
    const file = join(dir, 'stated-weekly.csv');
    writeFileSync(
      file,
      readFileSync('fixtures/periods-unstated.csv', 'utf8')
        .replace('Indicative Budget,', 'Indicative Budget (weekly),')
        .replace('Actual Budget\n', 'Actual Budget (weekly)\n'),
    );
    const run = await rasgap(['analyse', file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the numbers suggest "Actual Budget (weekly)" is per year');
    expect(run.stderr).toContain('Fix: pass --input-period actual=year');
    const fixed = await json(['analyse', file, '--input-period', 'actual=year']);
    expect(fixed.overall).toMatchObject({ n: 30, up: 14, down: 16 });
  });

  // Was a bug: amounts shown as given said so only in the output's period note, nothing on stderr.
  it('warns on stderr and in the JSON that amounts whose period no one states are shown as given', async () => {
    const run = await rasgap(['analyse', 'fixtures/no-period.csv', '--format', 'json']);
    expect(run.status).toBe(0);
    const text =
      'fixtures/no-period.csv: amounts are shown as given, not converted: neither "Indicative Budget" nor "Actual Budget" says whether they are weekly, monthly or annual; pass --input-period week|fortnight|four-weeks|month|year to say it (they are then shown per week, or per --period)';
    expect(run.stderr).toContain(`warning: ${text}\n`);
    expect((JSON.parse(run.stdout) as { warnings: string[] }).warnings).toContain(text);
    const stated = await rasgap(['analyse', 'fixtures/no-period.csv', '--input-period', 'week']);
    expect(stated.stderr).not.toContain('shown as given');
  });

  it('the bare --input-period still sets both, and a role that is not an amount is a usage error', async () => {
    const both = await rasgap(['analyse', 'fixtures/no-period.csv', '--input-period', 'week']);
    expect(both.status).toBe(0);
    const wrong = await rasgap([
      'analyse',
      'fixtures/no-period.csv',
      '--input-period',
      'budget=week',
    ]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('--input-period does not know the amount "budget"');
  });
});

describe('two quarterly extracts of one council, six people reviewed in both', async () => {
  // /usr/bin/python3 -c "
  // import pandas as pd
  // q = pd.concat([pd.read_csv(f).assign(file=f, line=lambda x: x.index + 2) for f in ['fixtures/quarter-1.csv', 'fixtures/quarter-2.csv']], ignore_index=True)
  // q['date'] = pd.to_datetime(q['Date Agreed'], dayfirst=True)
  // kept = q.sort_values(['date'], kind='stable').groupby('Person ID').tail(1)
  // gap = ((kept['Actual Budget (weekly)'] * 100).round() - (kept['Indicative Budget (weekly)'] * 100).round()) / 100
  // print(len(q), len(kept), len(q) - len(kept), (q.groupby('Person ID')['file'].nunique() > 1).sum())
  // print((gap > 0).sum(), (gap < 0).sum(), (gap == 0).sum(), '%.17g %.17g' % (gap.median(), gap.mean()))
  // print(sorted(zip(q.drop(kept.index)['file'], q.drop(kept.index)['line'])))"
  // -> 28 22 6 6
  // -> 4 18 0 -13.225 -9.7945454545454513
  // -> [('fixtures/quarter-1.csv', 10), ('fixtures/quarter-1.csv', 12), ..., ('fixtures/quarter-1.csv', 15), ('fixtures/quarter-2.csv', 3)]
  const args = ['analyse', 'fixtures/quarter-1.csv', 'fixtures/quarter-2.csv'];
  const report = await json(args);

  it('counts each person once, their latest record across the files', () => {
    expect(report.rows).toMatchObject({ read: 28, used: 22, excluded: 6 });
    expect(report.overall).toMatchObject({ n: 22, up: 4, down: 18, unchanged: 0 });
    expect(report.overall.medianGap).toBeCloseTo(-13.225, 10);
    expect(report.overall.meanGap).toBeCloseTo(-9.7945454545454513, 10);
  });

  it('names the file and line of each superseded row, and of the record that replaced it', async () => {
    const superseded = report.rows.exclusions.find((item) => item.reason === 'superseded')!;
    const places = superseded.lines.map((line, k) => `${superseded.files![k]}:${line}`).sort();
    expect(places).toEqual([
      'fixtures/quarter-1.csv:10',
      'fixtures/quarter-1.csv:12',
      'fixtures/quarter-1.csv:13',
      'fixtures/quarter-1.csv:14',
      'fixtures/quarter-1.csv:15',
      'fixtures/quarter-2.csv:3',
    ]);
    const out = join(dir, 'superseded.csv');
    expect((await rasgap([...args, '--exclusions', out])).status).toBe(0);
    // Q10's Q2 row is dated 15/04/2024, before its Q1 row (11/05/2024): the Q1 record stands.
    expect(readFileSync(out, 'utf8')).toContain(
      'fixtures/quarter-2.csv,3,superseded,person Q10 has a later record on line 11 of fixtures/quarter-1.csv',
    );
  });

  it('says how many people are in more than one file, and how to keep files apart', async () => {
    expect(report.warnings).toContainEqual(
      expect.stringMatching(/^6 people \(ids\) appear in more than one file .*--separate-files$/),
    );
    const apart = await json([...args, '--separate-files']);
    expect(apart.rows).toMatchObject({ read: 28, used: 28, excluded: 0 });
    expect(apart.warnings.join('\n')).not.toContain('more than one file');
    expect(apart.options.separateFiles).toBe(true);
  });

  it('keeps the ids of councils named in a council column apart', async () => {
    // The same two files with a council column naming different councils: nobody is pooled.
    const withCouncil = (name: string, council: string): string => {
      const file = join(dir, name);
      const lines = readFileSync(`fixtures/${name}`, 'utf8').trimEnd().split('\n');
      writeFileSync(
        file,
        lines.map((line, k) => `${line},${k === 0 ? 'Council' : council}`).join('\n') + '\n',
      );
      return file;
    };
    const a = withCouncil('quarter-1.csv', 'Northshire');
    const b = withCouncil('quarter-2.csv', 'Southshire');
    const apart = await json(['analyse', a, b]);
    expect(apart.rows).toMatchObject({ read: 28, used: 28, excluded: 0 });
  });

  it('refuses the same file given twice, or two files with the same bytes (exit 2)', async () => {
    const copy = join(dir, 'quarter-1-copy.csv');
    copyFileSync('fixtures/quarter-1.csv', copy);
    for (const second of ['fixtures/quarter-1.csv', copy]) {
      const run = await rasgap(['analyse', 'fixtures/quarter-1.csv', second]);
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain('would be counted twice');
    }
  });
});

describe('text that is the name of a JavaScript object property is data', () => {
  const words = ['toString', 'valueOf', 'constructor', '__proto__', 'hasOwnProperty'];

  it('client groups named toString, valueOf, constructor, __proto__ in analyse', async () => {
    // /usr/bin/python3 -c "
    // import pandas as pd
    // d = pd.read_csv('fixtures/object-words.csv', keep_default_na=False)
    // d = d[d['Budget Frequency'] == 'Weekly']
    // print(len(d), d.groupby('Client Group').size().to_dict())"
    // -> 7 {'Learning Disability Support': 1, '__proto__': 1, 'constructor': 1, 'hasOwnProperty': 1, 'toString': 2, 'valueOf': 1}
    const report = await json(['analyse', 'fixtures/object-words.csv', '--by', 'raw-client-group']);
    expect(report.rows).toMatchObject({ read: 8, used: 7, excluded: 1 });
    // The frequency `constructor` names no period: the row is excluded, not read with NaN.
    expect(report.rows.exclusions).toEqual([{ reason: 'unknown-period', count: 1, lines: [8] }]);
    // Pairs, not an object literal: `{ __proto__: 1 }` would set a prototype, not a key.
    const sizes = report.breakdowns[0].groups.map((g) => [g.label, g.n]);
    expect(sizes).toEqual([
      ['Learning Disability Support', 1],
      ['__proto__', 1],
      ['constructor', 1],
      ['hasOwnProperty', 1],
      ['toString', 2],
      ['valueOf', 1],
    ]);
    expect(
      report.clientGroups.filter((group) => group.canonical === null).map((g) => g.label),
    ).toEqual(expect.arrayContaining(words));
  });

  it('in inspect and compare', async () => {
    const inspect = await rasgap(['inspect', 'fixtures/object-words.csv']);
    expect(inspect.stderr).not.toContain('internal error');
    expect(inspect.status).toBe(0);
    const compare = await rasgap([
      'compare',
      'fixtures/object-words.csv',
      '--by',
      'raw-client-group',
      '--a',
      'toString',
      '--b',
      '__proto__',
      '--format',
      'json',
    ]);
    expect(compare.stderr).not.toContain('internal error');
    expect(compare.status).toBe(0);
    const head = JSON.parse(compare.stdout) as {
      a: { label: string; n: number };
      b: { label: string; n: number };
    };
    expect([head.a.label, head.a.n, head.b.label, head.b.n]).toEqual([
      'toString',
      2,
      '__proto__',
      1,
    ]);
  });

  it('and a group map that maps them', async () => {
    const map = join(dir, 'object-map.json');
    writeFileSync(
      map,
      '{"__proto__": "LD", "constructor": "Mental Health Support", "toString": "PD"}',
    );
    const report = await json([
      'analyse',
      'fixtures/object-words.csv',
      '--group-map',
      map,
      '--by',
      'client-group',
    ]);
    const sizes = Object.fromEntries(report.breakdowns[0].groups.map((g) => [g.label, g.n]));
    expect(sizes).toMatchObject({
      'Learning Disability Support': 2,
      'Mental Health Support': 1,
      'Physical Support': 2,
    });
  });

  it.each([
    ['--encoding', 'constructor'],
    ['--delimiter', '__proto__'],
    ['--input-period', 'constructor'],
    ['--input-period', 'actual=__proto__'],
    ['--by', 'toString'],
    ['--column', '__proto__=ID'],
  ])('%s %s is a usage error, not a crash', async (flag, value) => {
    const run = await rasgap(['analyse', 'fixtures/small-export.csv', flag, value]);
    expect(run.status).toBe(1);
    expect(run.stderr).not.toContain('internal error');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
