// npm run bench: generate a 1,000,000-row export, then time `rasgap analyse` on it and record its
// peak memory. Figures go in the README's Benchmark section. Usage: npm run bench [-- --rows N --runs K]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const rows = argument('--rows', 1_000_000);
const runs = argument('--runs', 3);
const cli = join(root, 'bin', 'rasgap.js');
const folder = mkdtempSync(join(tmpdir(), 'rasgap-bench-'));
const file = join(folder, 'export.csv');

/** Cells hidden out of the additive cells of a JSON report: the price of protection. */
function hiddenCells(path) {
  const { disclosure } = JSON.parse(readFileSync(path, 'utf8'));
  return `${disclosure.cellsHidden.toLocaleString('en-GB')} of ${(disclosure.cellsHidden + disclosure.cellsPublished).toLocaleString('en-GB')} cells hidden`;
}

function run(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    ['--import', join(root, 'scripts', 'peak-memory.mjs'), cli, ...args],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    throw new Error(`rasgap ${args.join(' ')} exited ${result.status}`);
  }
  const peak = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(result.stderr)?.[1] ?? NaN);
  return { seconds, peakMb: peak / 1024 };
}

try {
  const generated = run(['generate', '--rows', String(rows), '--seed', '42', '--output', file]);
  const megabytes = statSync(file).size / 1e6;
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  console.log(
    `generate: ${rows.toLocaleString('en-GB')} rows, ${megabytes.toFixed(1)} MB in ${generated.seconds.toFixed(2)} s`,
  );
  const cases = [
    ['analyse (table)', ['analyse', file, '--quiet', '--output', join(folder, 'out.txt')]],
    [
      'analyse --format json',
      ['analyse', file, '--quiet', '--format', 'json', '--output', join(folder, 'out.json')],
    ],
    [
      'analyse --format json --no-tests',
      [
        'analyse',
        file,
        '--quiet',
        '--no-tests',
        '--format',
        'json',
        '--output',
        join(folder, 'plain.json'),
      ],
    ],
    [
      'analyse --format json, client group × age band and both singles (suppression audit)',
      [
        'analyse',
        file,
        '--quiet',
        '--by',
        'client-group,age-band',
        '--by',
        'client-group',
        '--by',
        'age-band',
        '--format',
        'json',
        '--output',
        join(folder, 'crossed.json'),
      ],
    ],
  ];
  for (const [name, args] of cases) {
    const results = Array.from({ length: runs }, () => run(args));
    const times = results.map((r) => r.seconds).sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const peak = Math.max(...results.map((r) => r.peakMb));
    console.log(
      `${name}: median ${median.toFixed(2)} s over ${runs} runs (${times.map((t) => t.toFixed(2)).join(', ')}), peak memory ${peak.toFixed(0)} MB, ${(rows / median / 1000).toFixed(0)}k rows/s`,
    );
  }
  // Suppression at national scale: 30 councils' exports (3,000 rows each) by client group ×
  // council, with both single breakdowns: the audit's linear programmes grow with the hidden cells.
  const councils = Array.from({ length: 30 }, (_, i) => join(folder, `council-${i + 1}.csv`));
  councils.forEach((path, i) =>
    run(['generate', '--rows', '3000', '--seed', String(i + 1), '--output', path]),
  );
  const bySource = ['--by', 'client-group,source', '--by', 'client-group', '--by', 'source'];
  const national = Array.from({ length: runs }, () =>
    run([
      'analyse',
      ...councils,
      '--quiet',
      ...bySource,
      '--format',
      'json',
      '--output',
      join(folder, 'national.json'),
    ]),
  );
  const times = national.map((r) => r.seconds).sort((a, b) => a - b);
  console.log(
    `analyse 30 councils × 3,000 rows ${bySource.join(' ')} --format json: median ${times[Math.floor(times.length / 2)].toFixed(2)} s over ${runs} runs, peak memory ${Math.max(...national.map((r) => r.peakMb)).toFixed(0)} MB, ${hiddenCells(join(folder, 'national.json'))}`,
  );
  // The bundled sample crossed with both margins: the issue-9 target is 2 s or less.
  const crossedBy = ['--by', 'client-group,age-band', '--by', 'client-group', '--by', 'age-band'];
  const sample = Array.from({ length: runs }, () =>
    run([
      'analyse',
      join(root, 'fixtures', 'sample-export.csv'),
      '--quiet',
      ...crossedBy,
      '--format',
      'json',
      '--output',
      join(folder, 'sample-crossed.json'),
    ]),
  );
  const sampleTimes = sample.map((r) => r.seconds).sort((a, b) => a - b);
  console.log(
    `analyse fixtures/sample-export.csv ${crossedBy.join(' ')} --format json (suppression with money and dominance): median ${sampleTimes[Math.floor(sampleTimes.length / 2)].toFixed(2)} s over ${runs} runs (${sampleTimes.map((t) => t.toFixed(2)).join(', ')}), ${hiddenCells(join(folder, 'sample-crossed.json'))}`,
  );
  // Every council of England: 150 councils' exports (1,000 rows each) by client group × council.
  const all = Array.from({ length: 150 }, (_, i) => join(folder, `la-${i + 1}.csv`));
  all.forEach((path, i) =>
    run(['generate', '--rows', '1000', '--seed', String(100 + i), '--output', path]),
  );
  const england = run([
    'analyse',
    ...all,
    '--quiet',
    ...bySource,
    '--format',
    'json',
    '--output',
    join(folder, 'england.json'),
  ]);
  console.log(
    `analyse 150 councils × 1,000 rows ${bySource.join(' ')} --format json: ${england.seconds.toFixed(2)} s (one run), peak memory ${england.peakMb.toFixed(0)} MB, ${hiddenCells(join(folder, 'england.json'))}`,
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
