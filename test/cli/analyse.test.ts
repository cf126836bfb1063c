import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rasgap } from './run.js';

// fixtures/small-export.csv is written by fixtures/make-fixtures.mjs. Its six used records have
// gaps -49.50, 0, +50 (zero indicative), +30, -10 and -20 pounds a week; R gives for them
//   Rscript -e 'g <- c(-49.5, 0, 50, 30, -10, -20); p <- c(-49.5/1000, 0, 30/100, -10/150, -20/120)*100;
//     print(c(median(g), quantile(g, .25), quantile(g, .75), mean(g), median(p), mean(p)), digits = 12)'
//   -5  -17.5  22.5  0.0833333333333  -4.95  0.3433333333333

describe('rasgap analyse on fixtures/small-export.csv', async () => {
  const run = await rasgap(['analyse', 'fixtures/small-export.csv', '--format', 'json']);
  const report = JSON.parse(run.stdout);

  it('exits 0 and writes schema version 1', () => {
    expect(run.status).toBe(0);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool.name).toBe('rasgap');
    expect(report.period).toBe('week');
  });

  it('accounts for every row with a reason and a line', () => {
    expect(report.rows.read).toBe(13);
    expect(report.rows.used).toBe(6);
    expect(report.rows.excluded).toBe(7);
    const byReason = Object.fromEntries(
      report.rows.exclusions.map((e: { reason: string; lines: number[] }) => [e.reason, e.lines]),
    );
    expect(byReason).toEqual({
      'total-row': [14],
      'missing-value': [7],
      'suppressed-value': [6],
      'invalid-value': [8, 12],
      'duplicate-row': [11],
      superseded: [2],
    });
    expect(report.inputs[0].rowsRead).toBe(13);
    expect(report.inputs[0].rowsUsed).toBe(6);
  });

  it('computes the overall figures', () => {
    // Used: gaps -49.50, 0, +50 (zero indicative), +30, -10, -20.
    const overall = report.overall;
    expect(overall).toMatchObject({
      n: 6,
      up: 2,
      down: 3,
      unchanged: 1,
      zeroIndicative: 1,
      totalIndicative: 1570,
      totalActual: 1570.5,
      netGap: 0.5,
      medianGap: -5,
      q1Gap: -17.5,
      q3Gap: 22.5,
      medianPctGap: -4.95,
    });
    expect(overall.upShare).toBeCloseTo(2 / 6, 12);
    expect(overall.downShare).toBeCloseTo(3 / 6, 12);
    expect(overall.netGapPct).toBeCloseTo((0.5 / 1570) * 100, 12);
    expect(overall.meanGap).toBeCloseTo(0.5 / 6, 12);
    expect(overall.meanPctGap).toBeCloseTo(0.3433333333333, 12);
  });

  it('breaks down by age band and by client group by default', () => {
    expect(report.breakdowns.map((b: { by: string[] }) => b.by)).toEqual([
      ['ageBand'],
      ['clientGroup'],
    ]);
    const bands = report.breakdowns[0].groups;
    expect(bands.map((g: { label: string; n: number }) => [g.label, g.n])).toEqual([
      ['18-64', 2],
      ['65+', 3],
      ['Unknown', 1],
    ]);
    const groups = report.breakdowns[1].groups;
    // Canonical Primary Support Reason order; "learning disability support " is the same group.
    expect(groups.map((g: { label: string; n: number }) => [g.label, g.n])).toEqual([
      ['Physical Support: Access & mobility only', 1],
      ['Physical Support: Personal care support', 1],
      ['Learning Disability Support', 2],
      ['Mental Health Support', 2],
    ]);
    const mentalHealth = groups[3];
    expect(mentalHealth.zeroIndicative).toBe(1);
    expect(mentalHealth.medianPctGap).toBe(0);
    expect(mentalHealth.netGapPct).toBeCloseTo(25, 12);
  });

  it('shows amounts per year with --period year (x52)', async () => {
    const yearly = JSON.parse(
      (
        await rasgap([
          'analyse',
          'fixtures/small-export.csv',
          '--format',
          'json',
          '--period',
          'year',
        ])
      ).stdout,
    );
    expect(yearly.period).toBe('year');
    expect(yearly.overall.totalIndicative).toBe(1570 * 52);
    expect(yearly.overall.medianGap).toBe(-5 * 52);
    expect(yearly.overall.medianPctGap).toBe(-4.95);
  });

  it('counts small gaps as unchanged with --tolerance', async () => {
    const pounds = JSON.parse(
      (
        await rasgap([
          'analyse',
          'fixtures/small-export.csv',
          '--format',
          'json',
          '--tolerance',
          '10',
        ])
      ).stdout,
    );
    // |-10| <= 10 now counts as unchanged.
    expect(pounds.overall).toMatchObject({ up: 2, down: 2, unchanged: 2 });
    const percent = JSON.parse(
      (
        await rasgap([
          'analyse',
          'fixtures/small-export.csv',
          '--format',
          'json',
          '--tolerance',
          '5%',
        ])
      ).stdout,
    );
    // -4.95% is within 5%; -6.67% is not.
    expect(percent.overall).toMatchObject({ up: 2, down: 2, unchanged: 2 });
  });

  it('keeps every row of a person with --duplicates keep-all', async () => {
    const all = JSON.parse(
      (
        await rasgap([
          'analyse',
          'fixtures/small-export.csv',
          '--format',
          'json',
          '--duplicates',
          'keep-all',
        ])
      ).stdout,
    );
    expect(all.rows.used).toBe(8);
    expect(all.rows.exclusions.map((e: { reason: string }) => e.reason)).not.toContain(
      'superseded',
    );
  });

  it('crosses client group and age band', async () => {
    const crossed = JSON.parse(
      (
        await rasgap([
          'analyse',
          'fixtures/small-export.csv',
          '--format',
          'json',
          '--by',
          'client-group,age-band',
        ])
      ).stdout,
    );
    expect(crossed.breakdowns).toHaveLength(1);
    expect(crossed.breakdowns[0].by).toEqual(['clientGroup', 'ageBand']);
    expect(crossed.breakdowns[0].groups[2]).toMatchObject({
      key: { clientGroup: 'Learning Disability Support', ageBand: '18-64' },
      label: 'Learning Disability Support / 18-64',
      n: 2,
    });
    expect(crossed.breakdowns[0].groups[0]).toMatchObject({
      key: { clientGroup: 'Physical Support: Access & mobility only', ageBand: 'Unknown' },
      n: 1,
    });
  });

  it('writes every excluded row with --exclusions', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rasgap-test-'));
    const file = join(folder, 'excluded.csv');
    const result = await rasgap([
      'analyse',
      'fixtures/small-export.csv',
      '--exclusions',
      file,
      '-q',
    ]);
    expect(result.status).toBe(0);
    const lines = readFileSync(file, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('file,line,reason,detail');
    expect(lines).toHaveLength(8);
    expect(lines[1]).toBe(
      'fixtures/small-export.csv,2,superseded,person A1 has a later record on line 9',
    );
    expect(lines).toContain('fixtures/small-export.csv,6,suppressed-value,"actual: ""[c]"""');
  });

  it('prints the exclusion summary on stderr, not stdout', async () => {
    const table = await rasgap(['analyse', 'fixtures/small-export.csv']);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('13 rows read, 6 used, 7 excluded');
    expect(table.stdout).not.toContain(String.fromCharCode(27)); // NO_COLOR: no escape codes
    expect(table.stderr).toContain('Excluded 7 of 13 rows');
    expect(table.stderr).toContain('superseded: 1 (line 2)');
  });

  it('prints nothing on stderr with -q, the same figures on stdout', async () => {
    const loud = await rasgap(['analyse', 'fixtures/small-export.csv', '--format', 'json']);
    const quiet = await rasgap(['analyse', 'fixtures/small-export.csv', '--format', 'json', '-q']);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(loud.stderr).toContain('Excluded 7 of 13 rows');
    expect(JSON.parse(quiet.stdout).overall).toEqual(JSON.parse(loud.stdout).overall);
  });

  it('writes CSV with one row per group', async () => {
    const csv = await rasgap([
      'analyse',
      'fixtures/small-export.csv',
      '--format',
      'csv',
      '--by',
      'age-band',
    ]);
    const lines = csv.stdout.trim().split('\r\n');
    expect(
      lines[0].startsWith(
        'breakdown,clientGroup,ageBand,rawClientGroup,source,financialYear,quarter,month,label,n,up,down,unchanged',
      ),
    ).toBe(true);
    expect(lines).toHaveLength(1 + 1 + 3);
    expect(lines[1].startsWith('overall,,,,,,,,All records,6,2,3,1,')).toBe(true);
    expect(lines[2].startsWith('ageBand,,18-64,,,,,,18-64,2,1,1,0,')).toBe(true);
  });

  it('writes Markdown tables', async () => {
    const markdown = await rasgap(['analyse', 'fixtures/small-export.csv', '--format', 'markdown']);
    expect(markdown.stdout).toContain('## By age band');
    expect(markdown.stdout).toContain('| 65+ | 3 | 1 | 1 | 1 |');
  });

  it('honours SOURCE_DATE_EPOCH so that runs are reproducible', async () => {
    const args = ['analyse', 'fixtures/small-export.csv', '--format', 'json'];
    const first = await rasgap(args, { SOURCE_DATE_EPOCH: '1700000000' });
    const second = await rasgap(args, { SOURCE_DATE_EPOCH: '1700000000' });
    expect(JSON.parse(first.stdout).generatedAt).toBe('2023-11-14T22:13:20.000Z');
    expect(first.stdout).toBe(second.stdout);
  });
});

describe('rasgap analyse errors', () => {
  it('exits 2 naming the headers when no indicative column is found', async () => {
    const result = await rasgap(['analyse', 'fixtures/no-indicative.csv']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      'rasgap: fixtures/no-indicative.csv:1: no indicative budget column found; the headers are: "Client ID", "PSR", "Age", "Budget A", "Budget B". Fix: name it with --column indicative="<header>"',
    );
  });

  it('reads the file once the columns are named', async () => {
    const result = await rasgap([
      'analyse',
      'fixtures/no-indicative.csv',
      '--column',
      'indicative=Budget A',
      '--column',
      'actual=budget b',
      '--format',
      'json',
    ]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).overall).toMatchObject({ n: 2, up: 1, down: 1 });
  });

  it('exits 2 for a missing file, with no stack trace', async () => {
    const result = await rasgap(['analyse', 'fixtures/nope.csv']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'rasgap: fixtures/nope.csv: no such file. Fix: check the path and the file name\n',
    );
  });

  it('shows the stack trace only with --debug', async () => {
    const result = await rasgap(['--debug', 'analyse', 'fixtures/nope.csv']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/at .*read\.(js|ts)/);
  });

  it('exits 2 for an empty file and for a file with a header but no rows', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rasgap-test-'));
    const empty = join(folder, 'empty.csv');
    writeFileSync(empty, '');
    expect((await rasgap(['analyse', empty])).status).toBe(2);
    expect((await rasgap(['analyse', empty])).stderr).toContain('the file is empty');
    const headerOnly = join(folder, 'header.csv');
    writeFileSync(headerOnly, 'ID,Indicative Budget,Actual Budget\n');
    const result = await rasgap(['analyse', headerOnly]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('the file has a header but no data rows');
  });

  it('exits 2 when no row is usable, saying why', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rasgap-test-'));
    const file = join(folder, 'markers.csv');
    writeFileSync(file, 'ID,Indicative Budget,Actual Budget\n1,[c],5\n2,*,*\n');
    const result = await rasgap(['analyse', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('none of the 2 rows could be used (2 suppressed-value)');
  });

  it('exits 1 for a usage error, with the usage hint', async () => {
    const result = await rasgap([
      'analyse',
      'fixtures/small-export.csv',
      '--period',
      'fortnightly',
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("argument 'fortnightly' is invalid");
    expect(result.stderr).toContain('--help');
    const noFile = await rasgap(['analyse']);
    expect(noFile.status).toBe(1);
    expect(noFile.stderr).toContain("missing required argument 'file'");
    const badBy = await rasgap(['analyse', 'fixtures/small-export.csv', '--by', 'team']);
    expect(badBy.status).toBe(1);
    expect(badBy.stderr).toContain('--by does not know "team"');
  });

  it('refuses to write over an input file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rasgap-test-'));
    const file = join(folder, 'export.csv');
    const original = 'ID,Indicative Budget,Actual Budget\n1,10,12\n';
    writeFileSync(file, original);
    const result = await rasgap(['analyse', file, '--output', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the output would overwrite an input file');
    expect(readFileSync(file, 'utf8')).toBe(original);
  });
});
