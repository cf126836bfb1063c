// What the CLI takes from its io: colour and the table width decided from the streams and the
// environment it is given (not from the process), paths resolved against io.cwd, and the table
// options (--wide, --columns) handed to the renderer with the width.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { inputPath, tableWidth, useColour, type CliIo } from '../../src/cli/io.js';
import type { TableStyle } from '../../src/report/table.js';
import { capture, rasgap, root } from './run.js';

const styles: TableStyle[] = [];
// The table's renderer, which every path to a terminal table goes through.
vi.mock('../../src/report/table.js', async (original) => {
  const actual = await original<typeof import('../../src/report/table.js')>();
  return {
    ...actual,
    renderTable: (...args: Parameters<typeof actual.renderTable>) => {
      styles.push(args[1]);
      return actual.renderTable(...args);
    },
  };
});

function io(env: Record<string, string>, stdout: { isTTY?: boolean; columns?: number }): CliIo {
  return { cwd: root, env, stdout: capture(stdout), stderr: capture() };
}

describe('colour', () => {
  it.each([
    ['a terminal', {}, { isTTY: true }, true, true],
    ['a pipe', {}, {}, true, false],
    ['a terminal, NO_COLOR=1', { NO_COLOR: '1' }, { isTTY: true }, true, false],
    [
      'a terminal, NO_COLOR empty (not set, as no-color.org says)',
      { NO_COLOR: '' },
      { isTTY: true },
      true,
      true,
    ],
    ['a pipe, FORCE_COLOR=1', { FORCE_COLOR: '1' }, {}, true, true],
    ['a terminal, FORCE_COLOR=0', { FORCE_COLOR: '0' }, { isTTY: true }, true, false],
    [
      'NO_COLOR and FORCE_COLOR: NO_COLOR wins',
      { NO_COLOR: '1', FORCE_COLOR: '1' },
      {},
      true,
      false,
    ],
    ['a terminal, but writing --output FILE', {}, { isTTY: true }, false, false],
  ])('%s', (_name, env, stdout, toStdout, expected) => {
    expect(useColour(io(env, stdout), toStdout)).toBe(expected);
  });

  it('io.isTTY says stdout is a terminal when the stream does not', () => {
    expect(useColour({ ...io({}, {}), isTTY: true }, true)).toBe(true);
  });
});

describe('the process is left alone', () => {
  it('colour comes from io.env, not from the process', async () => {
    const run = await rasgap(['analyse', 'fixtures/small-export.csv', '-q'], {
      NO_COLOR: '',
      FORCE_COLOR: '1',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(String.fromCharCode(27));
  });

  it('the exit code is returned, not set on process.exitCode', async () => {
    const before = process.exitCode;
    const run = await rasgap(['inspect', 'fixtures/no-indicative.csv']);
    expect(run.status).toBe(2);
    expect(process.exitCode).toBe(before);
  });
});

describe('the table width', () => {
  it.each([
    ['a terminal of 120 columns', {}, { isTTY: true, columns: 120 }, true, 120],
    ['a terminal that does not say, COLUMNS=100', { COLUMNS: '100' }, { isTTY: true }, true, 100],
    ['a terminal that does not say', {}, { isTTY: true }, true, 80],
    ['a pipe', {}, {}, true, undefined],
    ['a pipe, COLUMNS=90', { COLUMNS: '90' }, {}, true, 90],
    ['a pipe, COLUMNS not a number', { COLUMNS: 'wide' }, {}, true, undefined],
    ['--output FILE from a terminal', {}, { isTTY: true, columns: 120 }, false, undefined],
  ])('%s', (_name, env, stdout, toStdout, expected) => {
    expect(tableWidth(io(env, stdout), toStdout)).toBe(expected);
  });
});

describe('paths', () => {
  it('are kept as typed when io.cwd is where the process resolves them, else made absolute', () => {
    expect(inputPath(process.cwd(), 'fixtures/small-export.csv')).toBe('fixtures/small-export.csv');
    expect(inputPath('/data/q3', 'export.csv')).toBe('/data/q3/export.csv');
    expect(inputPath('/data/q3', '/elsewhere/export.csv')).toBe('/elsewhere/export.csv');
    expect(inputPath('/data/q3', '-')).toBe('-');
  });

  it('inputs and outputs are found in io.cwd', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasgap-io-'));
    writeFileSync(join(dir, 'export.csv'), readFileSync(join(root, 'fixtures/small-export.csv')));
    const run = await rasgap(
      ['analyse', 'export.csv', '--format', 'json', '-o', 'out.json', '-q'],
      {},
      { cwd: dir },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).overall.n).toBe(6);
  });
});

describe('the table style handed to the renderer', () => {
  const args = ['analyse', 'fixtures/small-export.csv', '-q'];
  const last = (): TableStyle => styles[styles.length - 1];

  it('a terminal: its width; colour unless NO_COLOR', async () => {
    await rasgap(args, { COLUMNS: '' }, { terminal: { columns: 100 } });
    expect(last()).toEqual({ colour: false, width: 100, wide: undefined, columns: undefined });
    await rasgap(args, { NO_COLOR: '' }, { terminal: { columns: 120 } });
    expect(last()).toMatchObject({ colour: true, width: 120 });
  });

  it('piped: no width unless COLUMNS is set', async () => {
    await rasgap(args, { COLUMNS: '' });
    expect(last().width).toBeUndefined();
    await rasgap(args, { COLUMNS: '90' });
    expect(last().width).toBe(90);
  });

  it('--wide and --columns a,b,c', async () => {
    await rasgap([...args, '--wide']);
    expect(last().wide).toBe(true);
    await rasgap([...args, '--columns', 'n,down, median', '--columns', 'p']);
    expect(last().columns).toEqual(['n', 'down', 'median', 'p']);
    const none = await rasgap([...args, '--columns', ' , ']);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(
      /^rasgap: --columns needs at least one column\. Fix: use a comma-separated list of n, up, same, down, .*\n$/,
    );
    const unknown = await rasgap([...args, '--columns', 'n,pvalue']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^rasgap: unknown column "pvalue" in --columns\. Fix: /);
  });

  it('other formats get no width', async () => {
    await rasgap([...args, '--format', 'markdown'], {}, { terminal: { columns: 100 } });
    expect(last().width).toBeUndefined();
  });
});

describe('notes on stderr', () => {
  // Was a bug: the exclusion summary and warnings ran past the edge of an 80-column terminal.
  const words = (text: string): string[] => text.split(/\s+/).filter((word) => word !== '');
  const args = ['analyse', 'fixtures/year-of-birth.csv', '--format', 'json'];

  it('wraps them at spaces to the width of stderr when it is a terminal', async () => {
    const piped = await rasgap(args);
    expect(piped.stderr.split('\n').some((line) => line.length > 60)).toBe(true);
    for (const [columns, env, width] of [
      [60, {}, 60],
      [undefined, { COLUMNS: '70' }, 70],
    ] as const) {
      const shown = await rasgap(args, env, { stderrTerminal: { columns } });
      const lines = shown.stderr.replace(/\n$/, '').split('\n');
      expect(lines.filter((line) => line.length > width)).toEqual([]);
      // The same words, none broken: only spaces became line breaks.
      expect(words(shown.stderr)).toEqual(words(piped.stderr));
      // A warning's continuation lines are indented under it.
      const at = lines.findIndex((line) => line.startsWith('warning: '));
      expect(lines[at + 1]).toMatch(/^ {2}\S/);
    }
  });

  it('never when stderr is piped, whatever COLUMNS says', async () => {
    const piped = await rasgap(args, { COLUMNS: '40' });
    const lines = piped.stderr.replace(/\n$/, '').split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^warning: .{100,}/);
  });
});
