// End to end: the config file. `rasgap.config.json` in the working folder, or `--config FILE`;
// options on the command line win; the effective settings are echoed in the JSON `options`; a
// bad file stops the run with exit 1 and one line naming it.
//
// The export is fixtures/legacy-groups.csv with amount headers "RAS £" (the indicative by its
// synonym "RAS") and "Agreed £", which no synonym matches, and a third amount column "Final £"
// (= Agreed £ + 10), so that nothing works without the file's settings.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { rasgap, type CliResult } from './run.js';

/** Runs the CLI in `cwd`, as a person in that folder would. */
async function rasgapIn(cwd: string, args: string[]): Promise<CliResult> {
  return rasgap(args, {}, { cwd });
}

const root = realpathSync(mkdtempSync(join(tmpdir(), 'rasgap-config-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const EXPORT = [
  'Person ID,Client Group,Age,RAS £,Agreed £,Final £',
  'L1,LD,34,500.00,550.00,560.00',
  'L2,MH,52,200.00,190.00,200.00',
  'L3,PD,61,150.00,150.00,160.00',
  'L4,Dementia,84,300.00,285.00,295.00',
  'L5,Older people,79,220.00,209.00,219.00',
  'L6,Sensory impairment,70,120.00,126.00,136.00',
  'L7,Reablement,81,180.00,162.00,172.00',
  'L8,Reablement,76,140.00,140.00,150.00',
  'L9,LD,29,650.00,702.00,712.00',
  'L10,Older people,88,260.00,247.00,257.00',
  '',
].join('\n');
const GROUP_MAP = 'Reablement,Physical Support: Personal care support\n';

/** A folder holding export.csv and the given files (path -> text). */
function folder(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'export.csv'), EXPORT);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const AUTO_CONFIG = {
  columns: { indicative: 'RAS £', actual: 'Agreed £' },
  inputPeriod: 'week',
  by: ['client-group'],
  tolerance: 6,
  groupMap: 'maps/group-map.csv',
};

const auto = folder('auto', {
  'rasgap.config.json': JSON.stringify(AUTO_CONFIG, null, 2),
  'maps/group-map.csv': GROUP_MAP,
});

interface Summary {
  n: number;
  up: number;
  down: number;
  unchanged: number;
  totalIndicative: number;
  totalActual: number;
  medianGap: number;
  medianPctGap: number;
  netGapPct: number;
}

interface Report {
  period: string;
  options: Record<string, unknown>;
  inputs: {
    columns: Record<string, string>;
    periods: Record<string, { period: string | null; source: string }>;
  }[];
  overall: Summary;
  breakdowns: { by: string[]; groups: (Summary & { label: string })[] }[];
  warnings: string[];
}

async function analyseIn(cwd: string, args: string[]): Promise<Report> {
  const run = await rasgapIn(cwd, ['analyse', 'export.csv', ...args]);
  if (run.status !== 0) throw new Error(`exit ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Report;
}

function expectClose(actual: number, expected: number): void {
  if (expected === 0) expect(Math.abs(actual)).toBeLessThan(1e-12);
  else expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(1e-9);
}

/** [up, down, unchanged, sum(ind), sum(act), median gap, median % gap, net gap %] as R prints them. */
function expectFigures(summary: Summary, r: number[]): void {
  expect(summary.n).toBe(10);
  expect([summary.up, summary.down, summary.unchanged]).toEqual(r.slice(0, 3));
  expectClose(summary.totalIndicative, r[3]);
  expectClose(summary.totalActual, r[4]);
  expectClose(summary.medianGap, r[5]);
  expectClose(summary.medianPctGap, r[6]);
  expectClose(summary.netGapPct, r[7]);
}

describe('rasgap.config.json in the working folder', async () => {
  const report = await analyseIn(auto, ['--format', 'json']);

  it('echoes every effective setting in options', () => {
    // toMatchObject: settings added later (the schema allows new fields) do not break this.
    expect(report.options).toMatchObject({
      period: 'week',
      inputPeriod: 'week',
      tolerance: '£6.00',
      duplicates: 'latest',
      by: [['clientGroup']],
      columns: { indicative: 'RAS £', actual: 'Agreed £' },
      encoding: null,
      delimiter: null,
      asOf: null,
      groupMap: { Reablement: 'Physical Support: Personal care support' },
      configFile: join(auto, 'rasgap.config.json'),
    });
  });

  it('uses its columns and input period', () => {
    expect(report.inputs[0].columns).toMatchObject({ indicative: 'RAS £', actual: 'Agreed £' });
    expect(report.inputs[0].periods).toEqual({
      indicative: { period: 'week', source: 'option' },
      actual: { period: 'week', source: 'option' },
    });
  });

  it('uses its tolerance of £6; matches R', () => {
    // Rscript -e 'ind <- c(500, 200, 150, 300, 220, 120, 180, 140, 650, 260); act <- c(550, 190, 150, 285, 209, 126, 162, 140, 702, 247);
    //   g <- act - ind; print(c(sum(g > 6), sum(g < -6), sum(abs(g) <= 6), sum(ind), sum(act), median(g), median(g/ind*100),
    //   (sum(act) - sum(ind))/sum(ind)*100), digits = 15)'
    expectFigures(report.overall, [2, 5, 3, 2720, 2761, -5, -2.5, 1.50735294117647]);
  });

  it('uses its --by and its group map (a path relative to the file)', () => {
    expect(report.breakdowns.map((b) => b.by)).toEqual([['clientGroup']]);
    const labels = report.breakdowns[0].groups.map((g) => g.label);
    expect(labels).toContain('Physical Support: Personal care support');
    expect(labels).not.toContain('Reablement');
    expect(report.warnings).toEqual([]);
  });

  it('is read by inspect too: columns and input period need no flags', async () => {
    const run = await rasgapIn(auto, ['inspect', 'export.csv', '--format', 'json']);
    expect(run.status).toBe(0);
    const [file] = JSON.parse(run.stdout);
    expect(file.analysable).toBe(true);
    expect(file.flags).toEqual([]);
    expect(file.columns.map((c: { role: string | null }) => c.role)).toEqual([
      'personId',
      'clientGroup',
      'age',
      'indicative',
      'actual',
      null,
    ]);
    expect(file.clientGroups).toContainEqual({
      label: 'Reablement',
      canonical: 'Physical Support: Personal care support',
      count: 2,
    });
  });
});

describe('command-line options win over the file', () => {
  it('--tolerance 0', async () => {
    // Rscript -e 'ind <- c(500, 200, 150, 300, 220, 120, 180, 140, 650, 260)*52; act <- c(550, 190, 150, 285, 209, 126, 162, 140, 702, 247)*52;
    //   g <- act - ind; print(c(sum(g > 0), sum(g < 0), sum(g == 0), sum(ind), sum(act), median(g), median(g/ind*100),
    //   (sum(act) - sum(ind))/sum(ind)*100), digits = 15)'
    //   3  5  2  141440  143572  -260  -2.5  1.50735294117647   (per year; /52 for per week)
    const report = await analyseIn(auto, ['--format', 'json', '--tolerance', '0']);
    expect(report.options.tolerance).toBe('£0.00');
    expectFigures(report.overall, [
      3,
      5,
      2,
      141440 / 52,
      143572 / 52,
      -260 / 52,
      -2.5,
      1.50735294117647,
    ]);
  });

  it('--column for one role; the file still gives the other', async () => {
    // Rscript -e 'ind <- c(500, 200, 150, 300, 220, 120, 180, 140, 650, 260); act <- c(550, 190, 150, 285, 209, 126, 162, 140, 702, 247) + 10;
    //   g <- act - ind; print(c(sum(g > 6), sum(g < -6), sum(abs(g) <= 6), sum(ind), sum(act), median(g), median(g/ind*100),
    //   (sum(act) - sum(ind))/sum(ind)*100), digits = 15)'
    const report = await analyseIn(auto, ['--format', 'json', '--column', 'actual=Final £']);
    expect(report.options.columns).toEqual({ indicative: 'RAS £', actual: 'Final £' });
    expect(report.inputs[0].columns).toMatchObject({ indicative: 'RAS £', actual: 'Final £' });
    expectFigures(report.overall, [5, 1, 4, 2720, 2861, 5, 3.33333333333333, 5.18382352941177]);
  });

  it('--input-period year and --by age-band', async () => {
    // Rscript -e 'ind <- c(500, 200, 150, 300, 220, 120, 180, 140, 650, 260)/52; act <- c(550, 190, 150, 285, 209, 126, 162, 140, 702, 247)/52;
    //   g <- act - ind; print(c(sum(g > 6), sum(g < -6), sum(abs(g) <= 6), sum(ind), sum(act), median(g), median(g/ind*100),
    //   (sum(act) - sum(ind))/sum(ind)*100), digits = 15)'
    const report = await analyseIn(auto, [
      '--format',
      'json',
      '--input-period',
      'year',
      '--by',
      'age-band',
    ]);
    expect(report.options).toMatchObject({ inputPeriod: 'year', by: [['ageBand']] });
    expect(report.inputs[0].periods.indicative).toEqual({ period: 'year', source: 'option' });
    expect(report.breakdowns.map((b) => b.by)).toEqual([['ageBand']]);
    expectFigures(
      report.overall,
      [
        0, 0, 10, 52.3076923076923066, 53.0961538461538467, -0.0961538461538463,
        -2.4999999999999987, 1.5073529411764737,
      ],
    );
  });

  it('--group-map', async () => {
    const other = join(root, 'other-map.csv');
    writeFileSync(other, 'Reablement,Learning Disability Support\n');
    const report = await analyseIn(auto, ['--format', 'json', '--group-map', other]);
    expect(report.options.groupMap).toEqual({ Reablement: 'Learning Disability Support' });
    const groups = report.breakdowns[0].groups.map((g) => [g.label, g.n]);
    expect(groups).toContainEqual(['Learning Disability Support', 4]);
    expect(groups.map(([label]) => label)).not.toContain('Physical Support: Personal care support');
  });
});

describe('--config FILE', () => {
  const explicit = folder('explicit', {
    'conf/settings.json': JSON.stringify({
      columns: { indicative: 'RAS £', actual: 'Agreed £' },
      inputPeriod: 'week',
      period: 'year',
      format: 'json',
      groupMap: 'maps/group-map.csv',
    }),
    // Relative to the config file: conf/maps/, not maps/ in the working folder.
    'conf/maps/group-map.csv': GROUP_MAP,
  });

  it('reads the named file, its group map relative to it, its period and format', async () => {
    // Rscript -e 'ind <- c(500, 200, 150, 300, 220, 120, 180, 140, 650, 260)*52; act <- c(550, 190, 150, 285, 209, 126, 162, 140, 702, 247)*52;
    //   g <- act - ind; print(c(sum(g > 0), sum(g < 0), sum(g == 0), sum(ind), sum(act), median(g), median(g/ind*100),
    //   (sum(act) - sum(ind))/sum(ind)*100), digits = 15)'
    const report = await analyseIn(explicit, ['--config', 'conf/settings.json']);
    expect(report.period).toBe('year');
    expect(report.options).toMatchObject({
      period: 'year',
      inputPeriod: 'week',
      tolerance: '£0.00',
      groupMap: { Reablement: 'Physical Support: Personal care support' },
      configFile: 'conf/settings.json',
    });
    expectFigures(report.overall, [3, 5, 2, 141440, 143572, -260, -2.5, 1.50735294117647]);
    expect(report.warnings).toEqual([]);
  });

  it('--period week on the command line wins over its period', async () => {
    const report = await analyseIn(explicit, [
      '--config',
      'conf/settings.json',
      '--period',
      'week',
    ]);
    expect(report.period).toBe('week');
    expectClose(report.overall.totalIndicative, 2720);
  });

  it('is used instead of a rasgap.config.json in the folder', async () => {
    const both = folder('both', {
      'rasgap.config.json': '{"period": "week", "tolerance": "1"}',
      'conf/settings.json': JSON.stringify({
        columns: { indicative: 'RAS £', actual: 'Agreed £' },
        inputPeriod: 'week',
        period: 'year',
      }),
    });
    const report = await analyseIn(both, ['--config', 'conf/settings.json', '--format', 'json']);
    expect(report.options).toMatchObject({
      period: 'year',
      tolerance: '£0.00',
      configFile: 'conf/settings.json',
    });
  });
});

describe('a bad config file: exit 1, one line naming the file', () => {
  /** Runs analyse and checks the one-line refusal; returns that line. */
  async function refusal(cwd: string, args: string[] = []): Promise<string> {
    const run = await rasgapIn(cwd, ['analyse', 'export.csv', ...args]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.endsWith('\n')).toBe(true);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    return run.stderr.trimEnd();
  }

  it('an unknown key in rasgap.config.json', async () => {
    const dir = folder('unknown-key', {
      'rasgap.config.json': '{"colums": {"indicative": "RAS £"}}',
    });
    expect(await refusal(dir)).toMatch(
      new RegExp(
        `^rasgap: ${escape(join(dir, 'rasgap.config.json'))}: the config file has an unknown setting "colums"\\. Fix: use only columns, inputPeriod, period, groupMap, tolerance, by, bands, from, to, where, duplicates, encoding, delimiter, asOf, format`,
      ),
    );
  });

  it('an unknown key in a --config file', async () => {
    const dir = folder('unknown-key-explicit', {
      'team.json': '{"inputPeriod": "week", "sort": "n"}',
    });
    expect(await refusal(dir, ['--config', 'team.json'])).toMatch(
      /^rasgap: team\.json: the config file has an unknown setting "sort"\. Fix: /,
    );
  });

  it('bad JSON in rasgap.config.json', async () => {
    const dir = folder('bad-json', {
      'rasgap.config.json': '{"columns": {"indicative": "RAS £",}',
    });
    expect(await refusal(dir)).toMatch(
      new RegExp(
        `^rasgap: ${escape(join(dir, 'rasgap.config.json'))}: the config file is not valid JSON \\(.+\\)\\. Fix: write it as a JSON object`,
      ),
    );
  });

  it('bad JSON in a --config file', async () => {
    const dir = folder('bad-json-explicit', { 'team.json': "{ inputPeriod: 'week' }" });
    expect(await refusal(dir, ['--config', 'team.json'])).toMatch(
      /^rasgap: team\.json: the config file is not valid JSON \(.+\)\. Fix: /,
    );
  });

  it('a setting of the wrong type', async () => {
    const dir = folder('wrong-type', { 'rasgap.config.json': '{"tolerance": true}' });
    expect(await refusal(dir)).toBe(
      `rasgap: ${join(dir, 'rasgap.config.json')}: the config setting "tolerance" has the wrong type. Fix: see "Config file" in docs/cli.md for the type of each setting`,
    );
  });

  it('a JSON array instead of an object', async () => {
    const dir = folder('array', { 'rasgap.config.json': '[]' });
    expect(await refusal(dir)).toBe(
      `rasgap: ${join(dir, 'rasgap.config.json')}: the config file must hold a JSON object. Fix: write it as {"columns": {"indicative": "RAS £"}, "period": "year"}`,
    );
  });

  it('a --config file that does not exist', async () => {
    expect(await refusal(auto, ['--config', 'nowhere.json'])).toBe(
      'rasgap: nowhere.json: cannot read the config file. Fix: check the path given to --config',
    );
  });

  it('inspect refuses the same file the same way', async () => {
    const dir = join(root, 'unknown-key');
    const run = await rasgapIn(dir, ['inspect', 'export.csv']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^rasgap: .*rasgap\.config\.json: the config file has an unknown setting "colums"\./,
    );
  });

  // Known doubtful behaviour (reported): a bad value inside the file is blamed on a command-line
  // flag the person never typed, and the file is not named. Turn into `it` when fixed.
  it('a bad value (an unknown role in columns) names the config file', async () => {
    const dir = folder('bad-role', {
      'rasgap.config.json': '{"columns": {"indicitive": "RAS £", "actual": "Agreed £"}}',
    });
    expect(await refusal(dir)).toContain('rasgap.config.json');
  });
});

describe("the config file's format", () => {
  it('"format": "html" is accepted, as --format html is', async () => {
    const dir = folder('format-html', {
      'export.csv': EXPORT,
      'rasgap.config.json': '{"format": "html", "columns": {"actual": "Agreed £"}}',
    });
    const run = await rasgapIn(dir, ['analyse', 'export.csv']);
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('a format that does not exist is refused, listing only real ones', async () => {
    const dir = folder('format-text', {
      'export.csv': EXPORT,
      'rasgap.config.json': '{"format": "text"}',
    });
    const run = await rasgapIn(dir, ['analyse', 'export.csv']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `rasgap: ${join(dir, 'rasgap.config.json')}: the config setting "format" is not valid: "text". Fix: use one of table, json, csv, markdown, html\n`,
    );
  });
});

describe('a group map from the config file', () => {
  it('skips a CSV header row whose second cell is not a client group', async () => {
    const dir = folder('map-header', {
      'export.csv': EXPORT,
      'map.csv': 'Team Category,canonical\nReablement,Physical Support: Personal care support\n',
      'rasgap.config.json': '{"groupMap": "map.csv", "columns": {"actual": "Agreed £"}}',
    });
    const report = await analyseIn(dir, ['--format', 'json']);
    expect(report.options.groupMap).toEqual({
      Reablement: 'Physical Support: Personal care support',
    });
  });

  // Was a bug: "Fix: check the path given to --group-map", an option never typed.
  it('a missing map names the config file and its groupMap setting, not --group-map', async () => {
    const dir = folder('map-missing', {
      'export.csv': EXPORT,
      'rasgap.config.json':
        '{"groupMap": "maps/our-groups.csv", "columns": {"actual": "Agreed £"}}',
    });
    const run = await rasgapIn(dir, ['analyse', 'export.csv']);
    expect(run.status).toBe(1);
    const config = join(dir, 'rasgap.config.json');
    expect(run.stderr).toBe(
      `rasgap: ${join(dir, 'maps/our-groups.csv')}: cannot read the group map. Fix: check "groupMap" in ${config} (a path there is relative to that file's folder)\n`,
    );
    expect(run.stderr).not.toContain('--group-map');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('--group-map that is not a map', () => {
  it('refuses a FIFO (checked before opening it, so the run cannot block) and an oversized file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasgap-groupmap-'));
    try {
      const fifo = join(dir, 'map.fifo');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      const big = join(dir, 'big.csv');
      writeFileSync(big, Buffer.alloc(10 * 1024 * 1024 + 1, 'a'));
      for (const [map, message] of [
        [fifo, 'the group map is not a regular file'],
        [big, 'the group map is 10.0 MB, more than a map of labels can be (at most 10 MB)'],
      ]) {
        const result = await rasgap(
          [
            'analyse',
            fileURLToPath(new URL('../../fixtures/small-export.csv', import.meta.url)),
            '--group-map',
            map,
          ],
          {},
          { cwd: root, asTyped: true },
        );
        expect(result.status).toBe(1);
        expect(result.stderr).toBe(
          `rasgap: ${map}: ${message}. Fix: ${
            map === fifo
              ? 'give --group-map the path of a JSON or CSV file'
              : 'check that --group-map names the map, not an export'
          }\n`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('inputPeriod per amount and separateFiles in the config file', () => {
  it('reads ["indicative=week", "actual=year"] and separateFiles, and refuses a bad period', async () => {
    const dir = folder('periods-per-amount', {
      'rasgap.config.json': JSON.stringify({
        columns: { indicative: 'RAS £', actual: 'Agreed £' },
        inputPeriod: ['indicative=week', 'actual=week'],
        separateFiles: true,
      }),
      'bad/rasgap.config.json': JSON.stringify({ inputPeriod: ['actual=constructor'] }),
    });
    const run = await rasgapIn(dir, ['analyse', 'export.csv', '--format', 'json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.options).toMatchObject({
      inputPeriod: 'indicative=week actual=week',
      separateFiles: true,
    });
    expect(report.inputs[0].periods).toEqual({
      indicative: { period: 'week', source: 'option' },
      actual: { period: 'week', source: 'option' },
    });
    const bad = await rasgapIn(join(dir, 'bad'), ['analyse', '../export.csv']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('the config setting "inputPeriod" is not valid');
  });
});
