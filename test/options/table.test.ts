// The option table and its one normaliser: the same value checked the same way from the Node API,
// the command line and the config file, the error naming the option in `error.option`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { RasgapError } from '../../src/errors.js';
import { analyse } from '../../src/index.js';
import { checkAnalyseOptions, normaliseOptions } from '../../src/options.js';
import { CONFIG_OPTIONS, OPTIONS, optionsOf } from '../../src/options/table.js';
import { rasgap } from '../cli/run.js';

function thrown(action: () => unknown): RasgapError {
  try {
    action();
  } catch (error) {
    if (error instanceof RasgapError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

async function rejected(action: () => Promise<unknown>): Promise<RasgapError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof RasgapError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('the option table', () => {
  it('declares each key, and each flag of a command, once', () => {
    const keys = OPTIONS.map((entry) => entry.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const command of ['analyse', 'compare', 'inspect', 'generate'] as const) {
      const flags = optionsOf(command).flatMap((entry) => entry.flags!.match(/--?[\w-]+/g) ?? []);
      expect(new Set(flags).size, command).toBe(flags.length);
    }
  });

  it('keeps the config keys of earlier versions, in their order', () => {
    expect(CONFIG_OPTIONS.map((entry) => entry.key)).toEqual([
      'columns',
      'inputPeriod',
      'period',
      'groupMap',
      'tolerance',
      'by',
      'bands',
      'from',
      'to',
      'where',
      'duplicates',
      'encoding',
      'delimiter',
      'asOf',
      'format',
      'confidence',
      'scale',
      'tests',
      'minCount',
      'roundCounts',
      'dominanceP',
      'suppression',
      'sheet',
      'separateFiles',
      'every',
    ]);
  });

  it('gives the defaults when nothing is given', () => {
    expect(checkAnalyseOptions({})).toMatchObject({
      columns: {},
      by: undefined,
      tolerance: { kind: 'pounds', pounds: 0 },
      duplicates: 'latest',
      confidence: 0.95,
      scale: 'difference',
      tests: true,
      minCount: 5,
      roundCounts: null,
      dominanceP: 10,
      suppression: true,
      strictPrivacy: false,
      separateFiles: false,
      command: null,
    });
  });

  it('reads text as the CLI gives it and values as a program gives them alike', () => {
    const fromText = checkAnalyseOptions({
      columns: ['indicative=RAS £'],
      by: ['client-group,age-band'],
      minCount: '3',
      confidence: '90%',
      tolerance: '2%',
    });
    const fromValues = checkAnalyseOptions({
      columns: { indicative: 'RAS £' },
      by: [['clientGroup', 'ageBand']],
      minCount: 3,
      confidence: 0.9,
      tolerance: { kind: 'percent', percent: 2 },
    });
    expect(fromText).toEqual(fromValues);
  });
});

describe('error.option', () => {
  it.each([
    ['minCount', { minCount: '0' }, '--min-count takes a whole number of at least 1, got "0"'],
    [
      'dominanceP',
      { dominanceP: 120 },
      '--dominance-p takes a percentage from 0 to 100, got "120"',
    ],
    ['by', { by: ['team'] }, '--by does not know "team"'],
    ['tolerance', { tolerance: 'some' }, '--tolerance takes pounds or a percentage, got "some"'],
    [
      'inputPeriod',
      { inputPeriod: 'budget=week' },
      '--input-period does not know the amount "budget"',
    ],
  ] as const)(
    '%s: set by the normaliser for the Node API, the message kept',
    (option, input, message) => {
      const error = thrown(() => checkAnalyseOptions(input as never));
      expect(error).toMatchObject({ code: 'USAGE', option, message });
    },
  );

  it('analyse() in the Node API rejects with it before reading any file', async () => {
    const error = await rejected(() => analyse(['no-such-file.csv'], { minCount: 0 }));
    expect(error).toMatchObject({ code: 'USAGE', option: 'minCount', exitCode: 1 });
  });

  it('a config file: worded by its setting, naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasgap-options-'));
    writeFileSync(join(dir, 'rasgap.config.json'), JSON.stringify({ minCount: 0 }));
    const error = await rejected(() => loadConfig(undefined, dir));
    expect(error).toMatchObject({
      code: 'USAGE',
      option: 'minCount',
      file: join(dir, 'rasgap.config.json'),
      message:
        'the config setting "minCount" is not valid: takes a whole number of at least 1, got "0"',
      fix: 'e.g. 5',
    });
    writeFileSync(join(dir, 'rasgap.config.json'), JSON.stringify({ sheets: 'Data' }));
    expect(await rejected(() => loadConfig(undefined, dir))).toMatchObject({ option: 'sheets' });
    writeFileSync(join(dir, 'rasgap.config.json'), JSON.stringify({ tests: 'no' }));
    expect(await rejected(() => loadConfig(undefined, dir))).toMatchObject({ option: 'tests' });
  });

  it('the CLI prints the same message as the API throws', async () => {
    const run = await rasgap(['analyse', 'fixtures/small-export.csv', '--min-count', '0']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'rasgap: --min-count takes a whole number of at least 1, got "0". Fix: e.g. --min-count 5\n',
    );
  });

  it('normaliseOptions checks only the entries it is given', () => {
    const generate = optionsOf('generate');
    expect(normaliseOptions({ rows: '10' }, generate)).toEqual({
      rows: 10,
      seed: 1,
      output: undefined,
    });
    expect(thrown(() => normaliseOptions({ seed: '-1' }, generate))).toMatchObject({
      option: 'seed',
      message: '--seed takes a whole number of at least 0, got "-1"',
    });
  });
});
