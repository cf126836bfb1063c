// --by column:NAME on the command line, in-process through run(): every format names the column,
// the config file takes it, trend and compare take it, and bad uses get one line and an exit code.
// The figures are checked against pandas in test/api/columns.test.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rasgap, root } from './run.js';

const TEAMS = 'fixtures/team-export.csv';

describe('rasgap analyse --by column:NAME', () => {
  it('writes a CSV column named column:Team holding each group label', async () => {
    const run = await rasgap(['analyse', TEAMS, '--by', 'column:team', '-f', 'csv', '-q']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split(/\r?\n/);
    const header = lines[0].split(',');
    const at = header.indexOf('column:Team');
    expect(at).toBeGreaterThan(0);
    const rows = lines.slice(1).map((line) => line.split(','));
    expect(rows.filter((row) => row[0] === 'column:Team').map((row) => row[at])).toEqual([
      'Hospital Discharge',
      'North Locality',
      'Reablement',
      'South Locality',
      'Unknown',
    ]);
  });

  it('crosses a column with age band in the table and Markdown', async () => {
    for (const format of ['table', 'markdown']) {
      const run = await rasgap(['analyse', TEAMS, '--by', 'column:Team,age-band', '-f', format]);
      expect(run.status, format).toBe(0);
      expect(run.stdout, format).toContain('North Locality / 65+');
      expect(run.stdout, format).toContain('Hospital Discharge / 18-64');
    }
  });

  it.each(['markdown', 'html', 'json'])(
    'leaves the small team out when published, and says why (%s)',
    async (format) => {
      const run = await rasgap(
        ['analyse', TEAMS, '--by', 'column:Team', '-f', format],
        {},
        {
          asTyped: true,
        },
      );
      expect(run.status).toBe(0);
      expect(run.stdout).not.toContain('Reablement');
      // The table and Markdown give warnings on stderr; HTML and JSON carry them.
      const said = format === 'markdown' ? run.stderr : run.stdout;
      expect(said.replace(/\s+/g, ' ')).toContain(
        'column:Team: groups of fewer than 5 people are left out, not listed by their labels: the labels are text from the export and could identify someone',
      );
      if (format === 'markdown') expect(run.stdout).toContain('## By Team');
    },
  );

  it('reads --by and --where on a column from the config file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rasgap-columns-config-'));
    writeFileSync(
      join(folder, 'rasgap.config.json'),
      JSON.stringify({ by: ['column:Team,client-group'], where: ['column:Team=South Locality'] }),
    );
    const run = await rasgap(
      ['analyse', join(root, TEAMS), '-f', 'json', '-q'],
      {},
      {
        cwd: folder,
      },
    );
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.options.by).toEqual([['column:Team', 'clientGroup']]);
    expect(report.options.where).toEqual([
      { dimension: 'column:Team', values: ['South Locality'] },
    ]);
    expect(report.rows.used).toBe(80);
    expect(
      report.breakdowns[0].groups.map((group: { key: Record<string, string> }) => group.key),
    ).toEqual([
      // Client groups in the order of the national list (PSR), as every breakdown shows them.
      { 'column:Team': 'South Locality', clientGroup: 'Physical Support: Personal care support' },
      { 'column:Team': 'South Locality', clientGroup: 'Learning Disability Support' },
      { 'column:Team': 'South Locality', clientGroup: 'Mental Health Support' },
    ]);
  });

  it('trend --by column:Team in JSON, keyed by the header', async () => {
    const run = await rasgap(['trend', TEAMS, '--by', 'column:Team', '-f', 'json', '-q']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.by).toBe('column:Team');
    // Reablement (3 people) and Unknown (8, at most 4 a year) have only cells under k: left out.
    expect(report.groups.map((group: { label: string }) => group.label)).toEqual([
      'Hospital Discharge',
      'North Locality',
      'South Locality',
    ]);
    expect(JSON.stringify(report)).not.toContain('Reablement');
  });

  it('compare --by column:Team --a "North Locality" --b "South Locality"', async () => {
    const run = await rasgap([
      'compare',
      TEAMS,
      '--by',
      'column:Team',
      '--a',
      'North Locality',
      '--b',
      'South Locality',
      '-f',
      'json',
    ]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect([report.by, report.a.label, report.a.n, report.b.label, report.b.n]).toEqual([
      'column:Team',
      'North Locality',
      90,
      'South Locality',
      80,
    ]);
  });

  it('lists column:NAME in --help for --by', async () => {
    const run = await rasgap(['analyse', '--help'], {}, { asTyped: true });
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('column:NAME (any column of the export');
  });

  it.each([
    [
      ['--by', 'column:Tema'],
      2,
      /^rasgap: fixtures\/team-export\.csv:1: column:Tema names no column of this file; the headers are: "Person ID", "Team", /,
    ],
    [
      ['--by', 'column:Person ID'],
      1,
      /^rasgap: fixtures\/team-export\.csv:1: column:Person ID cannot be a breakdown: it holds the person id/,
    ],
    [['--by', 'column:'], 1, /^rasgap: --by column: names no column\. Fix: /],
    [
      ['--by', 'column:Team,column:TEAM'],
      1,
      /^rasgap: --by names a dimension twice: "column:Team,column:TEAM"/,
    ],
  ])('refuses %j in one line, exit %i', async (args, status, message) => {
    const run = await rasgap(['analyse', TEAMS, ...args]);
    expect(run.status).toBe(status);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
