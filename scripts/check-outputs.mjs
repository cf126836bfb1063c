// Outputs unchanged: runs `rasgap analyse` and `rasgap inspect` on every fixture (and option
// variants, several files, generated exports and quoting/line-ending variants) with this build
// and with the build of a base commit, and compares stdout, stderr, the exit code and the
// exclusions file byte for byte (SOURCE_DATE_EPOCH set). The base is built at run time from
// `git archive <ref>` under the system's temp folder (kept there between runs, by commit).
//
// Usage: npm run build && node scripts/check-outputs.mjs [--base REF] [--only sample]
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
// By default the commit this branch left main at, so that others' changes on main are not counted.
const baseRef = option('--base', 'merge-base HEAD main');
const only = option('--only', '');
const commit = execFileSync(
  'git',
  baseRef.startsWith('merge-base ') ? baseRef.split(' ') : ['rev-parse', baseRef],
  { cwd: root, encoding: 'utf8' },
).trim();
const work = join(tmpdir(), 'rasgap-check-outputs');
const baseRoot = join(work, `base-${commit.slice(0, 12)}`);
const inputs = join(work, 'inputs');
mkdirSync(inputs, { recursive: true });

/** Builds the base commit once: its sources and build script, this tree's node_modules. */
function buildBase() {
  // Written once the whole build has finished: a build cut short is done again.
  const built = join(baseRoot, '.check-outputs-built');
  if (existsSync(built)) return;
  rmSync(baseRoot, { recursive: true, force: true });
  mkdirSync(baseRoot, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C ${baseRoot}`], { cwd: root });
  symlinkSync(join(root, 'node_modules'), join(baseRoot, 'node_modules'));
  // The base's own build script: tsc, and from the one-file CLI on, its bundle and code cache.
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: baseRoot, stdio: 'inherit' });
  writeFileSync(built, commit);
}

/** The launcher of a build: bin/rasgap.cjs, or bin/rasgap.js in builds before it. */
function launcher(cliRoot) {
  const cjs = join(cliRoot, 'bin', 'rasgap.cjs');
  return existsSync(cjs) ? cjs : join(cliRoot, 'bin', 'rasgap.js');
}

function runCli(cliRoot, args, outDir) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [launcher(cliRoot), ...args], {
      cwd: outDir,
      env: { ...process.env, SOURCE_DATE_EPOCH: '1764633600', NO_COLOR: '1', CI: '1' },
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }),
    );
  });
}

/** Exports the fixtures do not cover: quoting, CRLF, generated files of some size. */
function makeInputs() {
  const sample = readFileSync(join(root, 'fixtures', 'sample-export.csv'), 'utf8');
  const crlf = join(inputs, 'sample-crlf.csv');
  writeFileSync(crlf, sample.replace(/\r?\n/g, '\r\n'));
  const quoted = join(inputs, 'sample-quoted.csv');
  writeFileSync(
    quoted,
    sample
      .split('\n')
      .map((line, i) =>
        line === ''
          ? line
          : line
              .split(',')
              .map((field, j) =>
                // Quotes everywhere, a doubled quote and a newline inside some fields.
                i > 0 && j === 0 && i % 37 === 0 ? `"${field} ""x""\nsecond line"` : `"${field}"`,
              )
              .join(','),
      )
      .join('\n'),
  );
  const generated = [];
  for (const [rows, seed] of [
    [20000, 7],
    [150000, 42],
  ]) {
    const path = join(inputs, `generated-${rows}-${seed}.csv`);
    if (!existsSync(path)) {
      execFileSync(process.execPath, [
        launcher(baseRoot),
        'generate',
        '--rows',
        String(rows),
        '--seed',
        String(seed),
        '--output',
        path,
      ]);
    }
    generated.push(path);
  }
  return { crlf, quoted, generated };
}

function cases() {
  const fixtures = join(root, 'fixtures');
  const files = readdirSync(fixtures)
    .filter((name) => /\.(csv|txt|xlsx|xls|zip)$/.test(name) && name !== 'group-map.csv')
    .map((name) => join(fixtures, name));
  const { crlf, quoted, generated } = makeInputs();
  const list = [];
  for (const file of [...files, crlf, quoted, ...generated]) {
    list.push(['analyse', file, '--format', 'json', '--exclusions', 'excluded.csv']);
    list.push(['inspect', file, '--format', 'json']);
  }
  const sample = join(fixtures, 'sample-export.csv');
  const inference = join(fixtures, 'inference-export.csv');
  const big = generated[1];
  for (const file of [sample, inference, big]) {
    list.push(['analyse', file]);
    list.push([
      'analyse',
      file,
      '--format',
      'json',
      '--by',
      'client-group,age-band',
      '--by',
      'client-group',
      '--by',
      'age-band',
    ]);
    list.push(['analyse', file, '--format', 'json', '--no-tests']);
    list.push([
      'analyse',
      file,
      '--format',
      'json',
      '--duplicates',
      'keep-all',
      '--period',
      'year',
    ]);
    list.push(['analyse', file, '--format', 'json', '--tolerance', '2%', '--scale', 'ratio']);
    list.push([
      'analyse',
      file,
      '--format',
      'json',
      '--no-suppression',
      '--by',
      'raw-client-group',
    ]);
  }
  list.push(['analyse', sample, '--format', 'markdown', '--tolerance', '5']);
  list.push(['analyse', sample, '--format', 'csv', '--by', 'age-band']);
  list.push([
    'analyse',
    sample,
    '--format',
    'json',
    '--group-map',
    join(fixtures, 'group-map.csv'),
  ]);
  list.push(['analyse', sample, '--format', 'html']);
  const q = ['quarter-1.csv', 'quarter-2.csv'].map((name) => join(fixtures, name));
  const c = ['council-a.csv', 'council-b.csv'].map((name) => join(fixtures, name));
  list.push(['analyse', ...q, '--format', 'json', '--exclusions', 'excluded.csv']);
  list.push(['analyse', ...q, '--format', 'json', '--separate-files', '--by', 'source']);
  list.push([
    'analyse',
    ...c,
    '--format',
    'json',
    '--by',
    'source',
    '--exclusions',
    'excluded.csv',
  ]);
  list.push(['inspect', ...q, '--format', 'json']);
  list.push(['analyse', sample, ...generated, '--format', 'json', '--by', 'source']);
  list.push([
    'analyse',
    join(fixtures, 'periods-unstated.csv'),
    '--format',
    'json',
    '--input-period',
    'week',
  ]);
  list.push([
    'analyse',
    join(fixtures, 'year-of-birth.csv'),
    '--format',
    'json',
    '--as-of',
    '31/03/2025',
  ]);
  list.push([
    'analyse',
    join(fixtures, 'semicolon.csv'),
    '--format',
    'json',
    '--delimiter',
    'semicolon',
  ]);
  list.push([
    'analyse',
    join(fixtures, 'windows-1252.csv'),
    '--format',
    'json',
    '--encoding',
    'windows-1252',
  ]);
  return list.filter((args) => args.join(' ').includes(only));
}

async function outputsOf(cliRoot, list, label) {
  const results = new Array(list.length);
  let next = 0;
  // Two at a time: the machine has two cores, shared.
  const worker = async () => {
    while (next < list.length) {
      const at = next++;
      const dir = join(work, `run-${label}-${at}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const result = await runCli(cliRoot, list[at], dir);
      const excluded = join(dir, 'excluded.csv');
      result.excluded = existsSync(excluded) ? readFileSync(excluded) : null;
      rmSync(dir, { recursive: true, force: true });
      results[at] = result;
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

/** The base's outputs are kept by commit and case, so a check runs only this build. */
async function cachedBase(list) {
  const store = join(baseRoot, 'outputs');
  mkdirSync(store, { recursive: true });
  const key = (args) => createHash('sha256').update(args.join('\u0000')).digest('hex').slice(0, 20);
  const missing = list.filter((args) => !existsSync(join(store, `${key(args)}.json`)));
  const fresh = await outputsOf(baseRoot, missing, 'base');
  missing.forEach((args, i) => {
    const { code, stdout, stderr, excluded } = fresh[i];
    const saved = { code, stdout: stdout.toString('base64'), stderr: stderr.toString('base64') };
    if (excluded !== null) saved.excluded = excluded.toString('base64');
    writeFileSync(join(store, `${key(args)}.json`), JSON.stringify(saved));
  });
  return list.map((args) => {
    const saved = JSON.parse(readFileSync(join(store, `${key(args)}.json`), 'utf8'));
    return {
      code: saved.code,
      stdout: Buffer.from(saved.stdout, 'base64'),
      stderr: Buffer.from(saved.stderr, 'base64'),
      excluded: saved.excluded === undefined ? null : Buffer.from(saved.excluded, 'base64'),
    };
  });
}

buildBase();
const list = cases();
const started = Date.now();
const base = await cachedBase(list);
const head = await outputsOf(root, list, 'head');
let differ = 0;
for (let i = 0; i < list.length; i++) {
  const name = list[i].map((arg) => arg.replace(root, '').replace(inputs, '<inputs>')).join(' ');
  const parts = ['code', 'stdout', 'stderr', 'excluded'].filter((part) => {
    const a = base[i][part];
    const b = head[i][part];
    return Buffer.isBuffer(a) && Buffer.isBuffer(b) ? !a.equals(b) : a !== b;
  });
  if (parts.length > 0) {
    differ++;
    console.log(`DIFFERS (${parts.join(', ')}): ${name}`);
    const dump = join(work, `differs-${i}`);
    mkdirSync(dump, { recursive: true });
    for (const part of parts) {
      writeFileSync(join(dump, `base.${part}`), String(base[i][part]));
      writeFileSync(join(dump, `head.${part}`), String(head[i][part]));
    }
  }
}
console.log(
  `${list.length - differ} of ${list.length} runs identical to ${baseRef} (${commit.slice(0, 12)}) in stdout, stderr, exit code and exclusions, in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
process.exitCode = differ === 0 ? 0 : 1;
