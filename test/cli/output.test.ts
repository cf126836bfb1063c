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
import { describe, expect, it } from 'vitest';
import { run, type CliStream } from '../../src/cli/main.js';
import { capture, rasgap, root } from './run.js';

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
  ])('%s: exit 1, the input untouched', async (_name, read, flag, written) => {
    const run = await rasgap(['analyse', join(dir, read), flag, join(dir, written)]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      `rasgap: ${join(dir, written)}: the output would overwrite an input file (the same file as the input ${join(dir, read)}). Fix: choose another --output or --exclusions file name (exports, --group-map and --config files are never written over)`,
    ]);
    expect(readFileSync(input, 'utf8')).toBe(original);
    expect(lstatSync(join(dir, 'alias.csv')).isSymbolicLink()).toBe(true);
    expect(statSync(join(dir, 'hard.csv')).ino).toBe(statSync(input).ino);
  });

  it('refuses the CSV sidecar when it is an input', async () => {
    symlinkSync('real.csv', join(dir, 'table.csv.meta.json'));
    const run = await rasgap([
      'analyse',
      input,
      '--format',
      'csv',
      '--output',
      join(dir, 'table.csv'),
    ]);
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
  ])('%s: exit 1, the file untouched', async (_name, args) => {
    const run = await rasgap(['analyse', small, ...args]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the output would overwrite an input file');
    expect(readFileSync(map, 'utf8')).toBe(mapText);
    expect(readFileSync(config, 'utf8')).toBe(configText);
  });

  it('refuses --output and --exclusions on one file', async () => {
    const out = join(dir, 'both.csv');
    const run = await rasgap(['analyse', small, '--output', out, '--exclusions', out]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `rasgap: ${out}: two outputs would be written to one file. Fix: give --output and --exclusions different file names`,
    );
    expect(readdirSync(dir)).not.toContain('both.csv');
  });
});

describe('an output that is a symlink', async () => {
  const expected = await rasgap(['analyse', small, '--format', 'json'], { SOURCE_DATE_EPOCH: '1' });

  it('writes the file it points to, keeps the link, and keeps the file’s mode', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'target.json'), 'old\n');
    chmodSync(join(dir, 'target.json'), 0o600);
    symlinkSync('target.json', join(dir, 'link.json'));
    const run = await rasgap(
      ['analyse', small, '--format', 'json', '--output', join(dir, 'link.json')],
      {
        SOURCE_DATE_EPOCH: '1',
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(readlinkSync(join(dir, 'link.json'))).toBe('target.json');
    expect(figures(readFileSync(join(dir, 'target.json'), 'utf8'))).toEqual(
      figures(expected.stdout),
    );
    expect(statSync(join(dir, 'target.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['link.json', 'target.json']);
  });

  it('creates the file a link to no file yet points to, through a chain of links', async () => {
    const dir = folder();
    symlinkSync('second.json', join(dir, 'first.json'));
    symlinkSync('made.json', join(dir, 'second.json'));
    const run = await rasgap(
      ['analyse', small, '--format', 'json', '-o', join(dir, 'first.json')],
      {
        SOURCE_DATE_EPOCH: '1',
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(figures(readFileSync(join(dir, 'made.json'), 'utf8'))).toEqual(figures(expected.stdout));
    expect(lstatSync(join(dir, 'first.json')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'second.json')).isSymbolicLink()).toBe(true);
  });

  it('a loop of links: exit 3, one line', async () => {
    const dir = folder();
    symlinkSync('loop.json', join(dir, 'loop.json'));
    const run = await rasgap(['analyse', small, '-o', join(dir, 'loop.json')]);
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
    const reading = ended(reader);
    const wrote = await rasgap(args, { SOURCE_DATE_EPOCH: '1' }, { asTyped: true });
    // Had rasgap renamed a file over the FIFO, the reader would wait for ever: do not leave it.
    const timer = setTimeout(() => reader.kill(), 5000);
    const read = await reading;
    clearTimeout(timer);
    closeSync(received);
    expect(wrote).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(read.status).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    const expected = await rasgap(['analyse', small, '--format', 'json'], {
      SOURCE_DATE_EPOCH: '1',
    });
    expect(figures(readFileSync(join(dir, 'received.json'), 'utf8'))).toEqual(
      figures(expected.stdout),
    );
    expect(readdirSync(dir).sort()).toEqual(['received.json', 'report.fifo']);
  });
});

describe('stdout closed by its reader (`| head`)', () => {
  // A real pipe is in bin.test.ts; here stdout fails every write as a closed pipe does (EPIPE,
  // then the stream destroyed).
  const closedPipe = (): CliStream & { writes: number } => {
    const stream = {
      writes: 0,
      destroyed: false,
      write(_text: string, callback?: (error?: Error | null) => void) {
        stream.writes++;
        stream.destroyed = true;
        callback?.(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
        return false;
      },
    };
    return stream;
  };

  it.each([
    ['generate', ['generate', '--rows', '200000']],
    ['analyse --format html', ['analyse', sample, '--format', 'html']],
    ['analyse --format table', ['analyse', sample, '--format', 'table']],
    ['analyse --format json', ['analyse', sample, '--format', 'json']],
    ['compare', ['compare', sample, '--a', '65+', '--b', '18-64']],
  ])(
    '%s: exit 0, one write tried, nothing on stderr (no exclusion summary)',
    async (_name, args) => {
      const stdout = closedPipe();
      const stderr = capture();
      const status = await run(args, { cwd: root, env: {}, stdout, stderr });
      expect({ status, stderr: stderr.text() }).toEqual({ status: 0, stderr: '' });
      expect(stdout.writes).toBe(1);
    },
  );

  it('a stdout error other than a closed pipe: exit 3, one line', async () => {
    const stderr = capture();
    const stdout: CliStream = {
      write: (_text, callback) =>
        callback?.(Object.assign(new Error('no space left on device, write'), { code: 'ENOSPC' })),
    };
    const status = await run(['generate', '--rows', '10'], { cwd: root, env: {}, stdout, stderr });
    expect(status).toBe(3);
    expect(stderr.text()).toBe(
      'rasgap: cannot write the output to standard output: no space left on device (ENOSPC). Fix: check where standard output goes (disk space, device), or use --output FILE\n',
    );
  });
});

describe('generate --output', () => {
  it('writes the same bytes as to stdout, by rename (no temporary file left)', async () => {
    const dir = folder();
    const stdout = await rasgap(['generate', '--rows', '300', '--seed', '7']);
    const run = await rasgap([
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
