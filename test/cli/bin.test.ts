// bin/rasgap.cjs itself, as a child process: the only tests that start one (every other test calls
// run() in-process). `--version` answers before the CLI loads, so that it costs little more than
// starting Node (the time is in docs/performance.md, not tested here); the real process's streams,
// exit codes, a reader that goes away (EPIPE) and writes cut short by a file-size limit.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, rasgapProcess, root } from './run.js';

const version = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
).version;
const small = join(root, 'fixtures/small-export.csv');
const sample = join(root, 'fixtures/sample-export.csv');

/** Resolves with the exit status and stderr once the child has ended. */
function ended(child: ChildProcess): Promise<{ status: number | null; stderr: string }> {
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((done) => child.on('close', (status) => done({ status, stderr })));
}

/** Runs rasgap under sh with a file-size limit, so that writes fail with EFBIG part way. */
function withFileSizeLimit(args: string[], redirect = ''): ReturnType<typeof spawnSync> {
  // SIGXFSZ is ignored (inherited across exec) so that the write fails instead of killing Node.
  const quoted = args.map((arg) => `'${arg}'`).join(' ');
  return spawnSync(
    'sh',
    ['-c', `trap '' XFSZ; ulimit -f 16; exec '${process.execPath}' '${cli}' ${quoted} ${redirect}`],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
}

describe('bin/rasgap.cjs', () => {
  it.each(['--version', '-V'])('%s prints the package version and exits 0', (flag) => {
    const run = rasgapProcess([flag]);
    expect(run).toMatchObject({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('passes anything else to the CLI', () => {
    const run = rasgapProcess(['--version', '--debug']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
    expect(rasgapProcess(['--help']).stdout).toContain('Usage: rasgap');
  });

  it('exits 1 for a usage error and 2 for bad input, with one line and no stack trace', () => {
    const usage = rasgapProcess(['analyse', small, '--min-count', '0']);
    expect(usage.status).toBe(1);
    expect(usage.stderr).toBe(
      'rasgap: --min-count takes a whole number of at least 1, got "0". Fix: e.g. --min-count 5\n',
    );
    const data = rasgapProcess(['analyse', 'fixtures/nope.csv']);
    expect(data.status).toBe(2);
    expect(data.stderr.trim().split('\n')).toHaveLength(1);
    expect(data.stderr).toMatch(/^rasgap: fixtures\/nope\.csv: /);
  });

  it('piped (no terminal) and without NO_COLOR: no colour, the whole table, relative paths as typed', () => {
    const env = { ...process.env };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    delete env.COLUMNS;
    const result = spawnSync(
      process.execPath,
      [cli, 'analyse', 'fixtures/small-export.csv', '--min-count', '1', '-q'],
      { cwd: root, encoding: 'utf8', env },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toContain(String.fromCharCode(27));
    expect(result.stdout).toContain('fixtures/small-export.csv');
    expect(result.stdout).toContain('Total actual');
  });
});

/**
 * A copy of the package's bin/ and package.json, and with `built` its dist/ (the files' times
 * kept) and a link to node_modules, so that files can be moved or left out.
 */
function packageCopy(built: boolean): string {
  const copy = mkdtempSync(join(tmpdir(), built ? 'rasgap-built-' : 'rasgap-unbuilt-'));
  cpSync(join(root, 'bin'), join(copy, 'bin'), { recursive: true });
  cpSync(join(root, 'package.json'), join(copy, 'package.json'));
  if (built) {
    cpSync(join(root, 'dist'), join(copy, 'dist'), { recursive: true, preserveTimestamps: true });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  }
  return copy;
}

/** What bin/load.cjs makes of the build in `folder`, in a fresh Node (as bin/rasgap.cjs runs). */
function loaderState(folder: string): { current: boolean; rejected: boolean | null; run: string } {
  const result = spawnSync(
    process.execPath,
    [
      '-e',
      "const load = require('./bin/load.cjs'); const current = load.bundleIsCurrent(); const { script, run } = load.loadCli(); process.stdout.write(JSON.stringify({ current, rejected: script.cachedDataRejected ?? null, run: typeof run }));",
    ],
    { cwd: folder, encoding: 'utf8' },
  );
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { current: boolean; rejected: boolean | null; run: string };
}

describe('the one-file build that bin/rasgap.cjs loads (dist/rasgap.cjs, scripts/bundle.mjs)', () => {
  it('is compiled from its code cache: V8 accepts the cache the build wrote', () => {
    // The cache must match this V8 and its flags, or every run compiles the whole CLI again
    // (about 20 ms more, docs/performance.md).
    expect(loaderState(root)).toMatchObject({ rejected: false, run: 'function' });
  });

  it('runs from dist/ when tsc has written it since the bundle, and offers V8 no older cache', () => {
    const copy = packageCopy(true);
    expect(loaderState(copy)).toMatchObject({ current: true, rejected: false });
    // The bundle written after its cache (rebuilt by hand, say): the cache is not offered, as V8
    // checks only the source's length.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(copy, 'dist/rasgap.cjs'), later, later);
    expect(loaderState(copy)).toMatchObject({ current: true, rejected: null });
    // tsc run after the bundle: the CLI runs from dist/, with the same output.
    const latest = new Date(Date.now() + 120_000);
    utimesSync(join(copy, 'dist/cli/main.js'), latest, latest);
    expect(loaderState(copy).current).toBe(false);
    const args = [small, '--min-count', '1', '-q'];
    const fromDist = spawnSync(
      process.execPath,
      [join(copy, 'bin/rasgap.cjs'), 'analyse', ...args],
      { cwd: root, encoding: 'utf8' },
    );
    expect(fromDist.status, fromDist.stderr).toBe(0);
    expect(fromDist.stdout).toBe(rasgapProcess(['analyse', ...args]).stdout);
  });

  it('says so in one line when nothing is built', () => {
    const copy = packageCopy(false);
    const run = spawnSync(process.execPath, [join(copy, 'bin/rasgap.cjs'), 'analyse', small], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(70);
    expect(run.stderr).toBe(
      'rasgap: the CLI is not built (no dist/ folder). Fix: run npm run build (npm install runs it)\n',
    );
  });

  it('leaves a path it cannot look at (a file under a file) to the CLI: one line, exit 2', () => {
    const run = rasgapProcess(['analyse', `${small}/x`]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('(ENOTDIR)');
  });

  it('reads a workbook and loads HiGHS, which it leaves outside the bundle', () => {
    const run = rasgapProcess(['analyse', 'fixtures/foi-workbook.xlsx', '-q']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('foi-workbook.xlsx');
    // Hidden cells: the suppression search ran its audit.
    expect(run.stdout).toContain('[c]');
  });
});

describe('stdout closed by its reader (`| head`): a real pipe', () => {
  it('generate: stops quietly with exit 0 once the reader has gone', async () => {
    const child = spawn(process.execPath, [cli, 'generate', '--rows', '200000']);
    const done = ended(child);
    let received = 0;
    child.stdout!.on('data', (chunk: Buffer) => {
      received += chunk.length;
      child.stdout!.destroy();
    });
    expect(await done).toEqual({ status: 0, stderr: '' });
    expect(received).toBeGreaterThan(0);
  });

  it('analyse: exit 0, and nothing more is printed (no exclusion summary)', async () => {
    const child = spawn(process.execPath, [cli, 'analyse', sample, '--format', 'html']);
    child.stdout!.destroy();
    expect(await ended(child)).toEqual({ status: 0, stderr: '' });
  });
});

describe('a write that fails part way (a file-size limit, as a full disk would)', () => {
  it('analyse --output: exit 3, one line, the old file kept, no temporary file left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasgap-bin-'));
    const output = join(dir, 'report.html');
    writeFileSync(output, 'the previous report\n');
    const run = withFileSizeLimit([
      'analyse',
      sample,
      '--format',
      'html',
      '-q',
      '--output',
      output,
    ]);
    expect(run.status).toBe(3);
    expect(String(run.stderr).trim().split('\n')).toEqual([
      `rasgap: ${output}: cannot write the output: file too large (EFBIG). Fix: write to a disk or account that allows larger files`,
    ]);
    expect(readFileSync(output, 'utf8')).toBe('the previous report\n');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('generate --output, written in batches: exit 3 and no temporary file left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasgap-bin-'));
    const run = withFileSizeLimit(['generate', '--rows', '5000', '--output', join(dir, 'x.csv')]);
    expect(run.status).toBe(3);
    expect(String(run.stderr)).toContain('cannot write the output: file too large (EFBIG)');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('stdout redirected to a file: exit 3 with one line, not a stack trace or a cut-short file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasgap-bin-'));
    const run = withFileSizeLimit(
      ['analyse', sample, '--format', 'html', '-q'],
      `> '${join(dir, 'out.html')}'`,
    );
    expect(run.status).toBe(3);
    expect(String(run.stderr).trim().split('\n')).toEqual([
      'rasgap: cannot write the output to standard output: file too large (EFBIG). Fix: check where standard output goes (disk space, device), or use --output FILE',
    ]);
  });
});
