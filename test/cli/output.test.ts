// Where output goes: never over an input under another name, through symlinks to their targets,
// straight into a FIFO (no rename over it), no temporary file left when a write fails, and stdout
// errors as one line (exit 3) or, when the reader went away, a quiet exit 0.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  linkSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rasgap, root } from './run.js';

const cli = fileURLToPath(new URL('../../bin/rasgap.js', import.meta.url));
const small = join(root, 'fixtures/small-export.csv');
const sample = join(root, 'fixtures/sample-export.csv');

/** The JSON report without its `command` field, which names the output file. */
function figures(json: string): unknown {
  const { command, ...rest } = JSON.parse(json) as { command: string };
  expect(command).toMatch(/^rasgap analyse /);
  return rest;
}

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'rasgap-output-'));
}

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

describe('an output that is an input under another name is refused', () => {
  const dir = folder();
  const original = readFileSync(small, 'utf8');
  const input = join(dir, 'real.csv');
  writeFileSync(input, original);
  symlinkSync('real.csv', join(dir, 'alias.csv'));
  linkSync(input, join(dir, 'hard.csv'));

  it.each([
    ['--output real.csv, reading the symlink alias.csv', 'alias.csv', '--output', 'real.csv'],
    ['--output alias.csv, a symlink to the input', 'real.csv', '--output', 'alias.csv'],
    ['--output real.csv, reading the hard link hard.csv', 'hard.csv', '--output', 'real.csv'],
    ['--exclusions hard.csv, a hard link to the input', 'real.csv', '--exclusions', 'hard.csv'],
  ])('%s: exit 1, the input untouched', (_name, read, flag, written) => {
    const run = rasgap(['analyse', join(dir, read), flag, join(dir, written)]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      `rasgap: ${join(dir, written)}: the output would overwrite an input file (the same file as the input ${join(dir, read)}). Fix: choose another --output or --exclusions file name (exports, --group-map and --config files are never written over)`,
    ]);
    expect(readFileSync(input, 'utf8')).toBe(original);
    expect(lstatSync(join(dir, 'alias.csv')).isSymbolicLink()).toBe(true);
    expect(statSync(join(dir, 'hard.csv')).ino).toBe(statSync(input).ino);
  });

  it('refuses the CSV sidecar when it is an input', () => {
    symlinkSync('real.csv', join(dir, 'table.csv.meta.json'));
    const run = rasgap(['analyse', input, '--format', 'csv', '--output', join(dir, 'table.csv')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('table.csv.meta.json: the output would overwrite an input file');
    expect(readFileSync(input, 'utf8')).toBe(original);
    expect(readdirSync(dir).sort()).toEqual([
      'alias.csv',
      'hard.csv',
      'real.csv',
      'table.csv.meta.json',
    ]);
  });
});

// Was a bug (issue 11): `--output map.csv` replaced the --group-map file, `--output conf.json`
// the --config file, and `--output x --exclusions x` lost the report.
describe('settings files and a second output are not written over', () => {
  const dir = folder();
  const map = join(dir, 'map.csv');
  const config = join(dir, 'conf.json');
  const mapText = 'Reablement,Physical Support: Personal care support\n';
  const configText = JSON.stringify({ groupMap: 'map.csv' });
  writeFileSync(map, mapText);
  writeFileSync(config, configText);

  it.each([
    ['--output over the --group-map file', ['--group-map', map, '--output', map]],
    ['--exclusions over the --group-map file', ['--group-map', map, '--exclusions', map]],
    ['--output over the --config file', ['--config', config, '--output', config]],
    ['--output over the group map the config names', ['--config', config, '--output', map]],
  ])('%s: exit 1, the file untouched', (_name, args) => {
    const run = rasgap(['analyse', small, ...args]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the output would overwrite an input file');
    expect(readFileSync(map, 'utf8')).toBe(mapText);
    expect(readFileSync(config, 'utf8')).toBe(configText);
  });

  it('refuses --output and --exclusions on one file', () => {
    const out = join(dir, 'both.csv');
    const run = rasgap(['analyse', small, '--output', out, '--exclusions', out]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `rasgap: ${out}: two outputs would be written to one file. Fix: give --output and --exclusions different file names`,
    );
    expect(readdirSync(dir)).not.toContain('both.csv');
  });
});

describe('an output that is a symlink', () => {
  const expected = rasgap(['analyse', small, '--format', 'json'], { SOURCE_DATE_EPOCH: '1' });

  it('writes the file it points to, keeps the link, and keeps the file’s mode', () => {
    const dir = folder();
    writeFileSync(join(dir, 'target.json'), 'old\n');
    chmodSync(join(dir, 'target.json'), 0o600);
    symlinkSync('target.json', join(dir, 'link.json'));
    const run = rasgap(['analyse', small, '--format', 'json', '--output', join(dir, 'link.json')], {
      SOURCE_DATE_EPOCH: '1',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(readlinkSync(join(dir, 'link.json'))).toBe('target.json');
    expect(figures(readFileSync(join(dir, 'target.json'), 'utf8'))).toEqual(
      figures(expected.stdout),
    );
    expect(statSync(join(dir, 'target.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['link.json', 'target.json']);
  });

  it('creates the file a link to no file yet points to, through a chain of links', () => {
    const dir = folder();
    symlinkSync('second.json', join(dir, 'first.json'));
    symlinkSync('made.json', join(dir, 'second.json'));
    const run = rasgap(['analyse', small, '--format', 'json', '-o', join(dir, 'first.json')], {
      SOURCE_DATE_EPOCH: '1',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(figures(readFileSync(join(dir, 'made.json'), 'utf8'))).toEqual(figures(expected.stdout));
    expect(lstatSync(join(dir, 'first.json')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'second.json')).isSymbolicLink()).toBe(true);
  });

  it('a loop of links: exit 3, one line', () => {
    const dir = folder();
    symlinkSync('loop.json', join(dir, 'loop.json'));
    const run = rasgap(['analyse', small, '-o', join(dir, 'loop.json')]);
    expect(run.status).toBe(3);
    expect(run.stderr.trim().split('\n')).toEqual([
      `rasgap: ${join(dir, 'loop.json')}: cannot write the output: too many symbolic links (ELOOP). Fix: the symbolic links lead round in a loop: choose another path`,
    ]);
  });
});

describe('an output that is a FIFO', () => {
  it('is written in place and stays a FIFO', async () => {
    const dir = folder();
    const fifo = join(dir, 'report.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // A reader in another process, as `cat fifo` would be; opening blocks until rasgap writes.
    const received = openSync(join(dir, 'received.json'), 'w');
    const reader = spawn('cat', [fifo], { stdio: ['ignore', received, 'pipe'] });
    const args = [
      'analyse',
      small,
      '--min-count',
      '1',
      '--dominance-p',
      '0',
      '--format',
      'json',
      '-q',
      '-o',
      fifo,
    ];
    const writer = spawn(process.execPath, [cli, ...args], {
      cwd: root,
      env: { ...process.env, SOURCE_DATE_EPOCH: '1' },
    });
    const reading = ended(reader);
    const wrote = await ended(writer);
    // Had rasgap renamed a file over the FIFO, the reader would wait for ever: do not leave it.
    const timer = setTimeout(() => reader.kill(), 5000);
    const read = await reading;
    clearTimeout(timer);
    closeSync(received);
    expect(wrote).toEqual({ status: 0, stderr: '' });
    expect(read.status).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    const expected = rasgap(['analyse', small, '--format', 'json'], { SOURCE_DATE_EPOCH: '1' });
    expect(figures(readFileSync(join(dir, 'received.json'), 'utf8'))).toEqual(
      figures(expected.stdout),
    );
    expect(readdirSync(dir).sort()).toEqual(['received.json', 'report.fifo']);
  });
});

describe('a write that fails part way (a file-size limit, as a full disk would)', () => {
  it('analyse --output: exit 3, one line, the old file kept, no temporary file left', () => {
    const dir = folder();
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
    const dir = folder();
    const run = withFileSizeLimit(['generate', '--rows', '5000', '--output', join(dir, 'x.csv')]);
    expect(run.status).toBe(3);
    expect(String(run.stderr)).toContain('cannot write the output: file too large (EFBIG)');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('stdout redirected to a file: exit 3 with one line, not a stack trace or a cut-short file', () => {
    const dir = folder();
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

describe('stdout closed by its reader (`| head`)', () => {
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

  it.each(['html', 'table', 'json'])(
    'analyse --format %s: exit 0, and nothing more is printed (no exclusion summary)',
    async (format) => {
      const child = spawn(process.execPath, [cli, 'analyse', sample, '--format', format]);
      child.stdout!.destroy();
      expect(await ended(child)).toEqual({ status: 0, stderr: '' });
    },
  );

  it('compare: exit 0', async () => {
    const child = spawn(process.execPath, [cli, 'compare', sample, '--a', '65+', '--b', '18-64']);
    child.stdout!.destroy();
    expect(await ended(child)).toEqual({ status: 0, stderr: '' });
  });
});

describe('generate --output', () => {
  it('writes the same bytes as to stdout, by rename (no temporary file left)', () => {
    const dir = folder();
    const stdout = rasgap(['generate', '--rows', '300', '--seed', '7']);
    const run = rasgap([
      'generate',
      '--rows',
      '300',
      '--seed',
      '7',
      '--output',
      join(dir, 'g.csv'),
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'g.csv'), 'utf8')).toBe(stdout.stdout);
    expect(stdout.stdout.split('\n')[0]).toBe(
      'Person ID,Client Group,Age,Indicative Budget (weekly),Actual Budget (weekly),Date Agreed',
    );
    expect(readdirSync(dir)).toEqual(['g.csv']);
  });
});
