// `rasgap trend` in-process: the command is a thin call of the Node API's trend(), so its figures
// are those of test/analysis/trend.test.ts (checked against R there); here, that the command line,
// the config file and the files written reach it as they should.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render, trend } from '../../src/index.js';
import { displayWidth } from '../../src/report/layout.js';
import { rasgap } from './run.js';

const TREND = 'fixtures/trend-export.csv';
const now = new Date(0);
const env = { SOURCE_DATE_EPOCH: '0' };

describe('rasgap trend', () => {
  it('gives the JSON of the API, by client group and financial year by default', async () => {
    const run = await rasgap(['trend', TREND, '--by', 'client-group', '-f', 'json', '-q'], env, {
      asTyped: true,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const cli = JSON.parse(run.stdout);
    const api = JSON.parse(
      render(await trend(TREND, { by: 'client-group', now }), 'json', { colour: false }),
    );
    // The command line is echoed in the CLI's provenance; nothing else differs.
    expect(cli.command).toBe('rasgap trend fixtures/trend-export.csv --by client-group -f json -q');
    expect({ ...cli, command: null }).toEqual({ ...api, command: null });
    expect(cli.every).toBe('financialYear');
    expect(cli.periods).toEqual(['2020-21', '2021-22', '2022-23', '2023-24', '2024-25']);
  });

  it('takes --every quarter, the disclosure settings and all records when --by is left out', async () => {
    const run = await rasgap(
      ['trend', TREND, '--every', 'quarter', '--min-count', '3', '-f', 'json', '-q'],
      env,
      { asTyped: true },
    );
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.by).toBeNull();
    expect(report.every).toBe('quarter');
    expect(report.periods[0]).toMatch(/^2020-21 Q[1-4]$/);
    expect(report.periods).toHaveLength(20);
    expect(report.disclosure.minCount).toBe(3);
    expect(report.groups).toHaveLength(1);
  });

  it('takes the filters: --from leaves the earlier years out, and says so', async () => {
    const run = await rasgap(
      ['trend', TREND, '--from', '2021-04-01', '--by', 'client-group', '-f', 'json', '-q'],
      env,
      { asTyped: true },
    );
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.periods).toEqual(['2021-22', '2022-23', '2023-24', '2024-25']);
    expect(report.filterNote).toMatch(/^Records kept: agreed on or after 2021-04-01/);
    expect(report.rows.exclusions.map((item: { reason: string }) => item.reason)).toContain(
      'outside-dates',
    );
  });

  it('reads the reading and publishing settings of a config file, not its breakdowns', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rasgap-trend-'));
    writeFileSync(
      join(folder, 'rasgap.config.json'),
      JSON.stringify({ minCount: 10, by: ['age-band'], every: 'quarter', tests: false }),
    );
    writeFileSync(join(folder, 'export.csv'), readFileSync(TREND));
    const run = await rasgap(['trend', 'export.csv', '-f', 'json', '-q'], env, {
      cwd: folder,
      asTyped: true,
    });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.disclosure.minCount).toBe(10);
    expect(report.every).toBe('quarter');
    expect(report.by).toBeNull();
  });

  it('writes a CSV with its provenance beside it, and never over an input', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rasgap-trend-'));
    const output = join(folder, 'trend.csv');
    const run = await rasgap(['trend', TREND, '--by', 'age-band', '-f', 'csv', '-o', output], env, {
      asTyped: true,
    });
    expect(run.status).toBe(0);
    expect(readFileSync(output, 'utf8').split('\n')[0]).toContain('period');
    const meta = JSON.parse(readFileSync(`${output}.meta.json`, 'utf8'));
    expect(meta.inputs[0].path).toBe(TREND);
    expect(meta.groups).toBeUndefined();
    expect(run.stderr).toContain('All 1,070 rows were used.');

    const over = await rasgap(['trend', TREND, '-o', TREND], env, { asTyped: true });
    expect(over.status).toBe(1);
    expect(over.stderr).toMatch(/^rasgap: .*fixtures\/trend-export\.csv/);
    expect(existsSync(TREND)).toBe(true);
  });

  it('fits the table to the terminal', async () => {
    const run = await rasgap(
      ['trend', TREND, '--by', 'client-group', '-q'],
      {},
      { asTyped: true, terminal: { columns: 80 } },
    );
    expect(run.status).toBe(0);
    const wide = run.stdout.split('\n').filter((line) => displayWidth(line) > 80);
    expect(wide).toEqual([]);
  });

  it('refuses a period as the groups, and an unknown --every, with one line each', async () => {
    const period = await rasgap(['trend', TREND, '--by', 'financial-year'], env, {
      asTyped: true,
    });
    expect(period.status).toBe(1);
    expect(period.stderr.split('\n')).toHaveLength(2);
    expect(period.stderr).toMatch(/^rasgap: .*financial-year/);
    const every = await rasgap(['trend', TREND, '--every', 'decade'], env, { asTyped: true });
    expect(every.status).toBe(1);
    expect(every.stderr).toContain("argument 'decade' is invalid");
  });

  it('says which column is missing when the export has no date agreed', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rasgap-trend-'));
    writeFileSync(
      join(folder, 'no-dates.csv'),
      'Person ID,Client Group,Indicative Budget (weekly),Actual Budget (weekly)\nP1,Learning Disability Support,100,90\n',
    );
    const run = await rasgap(['trend', 'no-dates.csv'], env, { cwd: folder, asTyped: true });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^rasgap: .*date.*Fix: .*--column date-agreed=/);
  });
});
