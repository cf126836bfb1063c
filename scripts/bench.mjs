// npm run bench: rasgap's default analysis side by side with a pandas script that computes the
// same summary (scripts/bench_pandas.py), on generated exports of 20,000, 1,000,000 and 3,000,000
// rows (`--full` adds 10,000,000), run back to back, alternating, K times each; medians of wall
// time and of CPU time (user + system: steadier than wall time on a shared machine), the largest
// peak resident memory, and the ratios. Then start-up and the disclosure audit's
// cases. Figures go in docs/performance.md.
// pandas holds about 0.85 GB a million rows, so it runs up to --pandas-max-rows (3,000,000) only.
// Usage: npm run bench [-- --runs K] [--rows N,N,...] [--full] [--python /path/to/python3]
//        [--pandas-max-rows N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const full = process.argv.includes('--full');
const runs = Number(argument('--runs', '3'));
const sizes = argument('--rows', full ? '20000,1000000,3000000,10000000' : '20000,1000000,3000000')
  .split(',')
  .map(Number);
const pandasMaxRows = Number(argument('--pandas-max-rows', '3000000'));
const cli = join(root, 'bin', 'rasgap.cjs');
const pandasScript = join(root, 'scripts', 'bench_pandas.py');
const folder = mkdtempSync(join(tmpdir(), 'rasgap-bench-'));

// Reports a Python process's peak memory on exit, as scripts/peak-memory.mjs does for Node.
const PYTHON_PEAK = [
  'import resource, runpy, sys',
  'sys.argv = sys.argv[1:]',
  'try:',
  '    runpy.run_path(sys.argv[0], run_name="__main__")',
  'finally:',
  '    usage = resource.getrusage(resource.RUSAGE_SELF)',
  '    sys.stderr.write("\\nBENCH_MAX_RSS_KB=%d\\nBENCH_CPU_US=%d\\n" % (usage.ru_maxrss, (usage.ru_utime + usage.ru_stime) * 1e6))',
].join('\n');

/** A Python that has pandas: --python, then python3 on the PATH, then /usr/bin/python3. */
function findPython() {
  const given = argument('--python', process.env.BENCH_PYTHON);
  for (const candidate of given ? [given] : ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(candidate, ['-c', 'import pandas; print(pandas.__version__)'], {
      encoding: 'utf8',
    });
    if (probe.status === 0) return { python: candidate, version: probe.stdout.trim() };
  }
  return null;
}

function timed(command, args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
  }
  const peak = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(result.stderr)?.[1] ?? NaN);
  const cpu = Number(/BENCH_CPU_US=(\d+)/.exec(result.stderr)?.[1] ?? NaN) / 1e6;
  return { seconds, cpu, peakMb: peak / 1024, stdout: result.stdout };
}

const rasgap = (args) =>
  timed(process.execPath, ['--import', join(root, 'scripts', 'peak-memory.mjs'), cli, ...args]);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const rowsText = (n) => n.toLocaleString('en-GB');
const pad = (text, width) => String(text).padStart(width);

/** The counts both tools report, to show they computed the same summary. */
function sameSummary(rasgapJson, pandasJson) {
  const ours = JSON.parse(rasgapJson).overall;
  const theirs = JSON.parse(pandasJson).overall;
  const fields = ['n', 'up', 'down', 'unchanged', 'totalIndicative', 'totalActual', 'medianGap'];
  const differ = fields.filter((field) => ours[field] !== theirs[field]);
  return differ.length === 0
    ? `same n, up, down, unchanged, totals and median gap (n = ${rowsText(ours.n)})`
    : `DIFFERENT ${differ.map((f) => `${f}: ${ours[f]} vs ${theirs[f]}`).join(', ')}`;
}

/** Cells hidden out of the additive cells of a JSON report: the price of protection. */
function hiddenCells(path) {
  const { disclosure } = JSON.parse(readFileSync(path, 'utf8'));
  return `${disclosure.cellsHidden.toLocaleString('en-GB')} of ${(disclosure.cellsHidden + disclosure.cellsPublished).toLocaleString('en-GB')} cells hidden`;
}

try {
  const pythonFound = findPython();
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg()[0].toFixed(1)} at start`,
  );
  console.log(
    pythonFound
      ? `pandas ${pythonFound.version} (${pythonFound.python}): scripts/bench_pandas.py, up to ${rowsText(pandasMaxRows)} rows (--pandas-max-rows)`
      : 'pandas: not installed for python3 or /usr/bin/python3 (pass --python PATH); its columns are left empty',
  );
  console.log(
    `rasgap analyse FILE -q (default analysis: table, intervals, tests, agreement, publishing rules); ${runs} runs each, back to back, medians\n`,
  );
  const header = `${pad('rows', 11)} | ${pad('rasgap s', 9)} ${pad('cpu s', 6)} ${pad('peak MB', 8)} | ${pad('pandas s', 9)} ${pad('cpu s', 6)} ${pad('peak MB', 8)} | ${pad('ratio', 6)} ${pad('cpu', 5)} | wall times (rasgap / pandas)`;
  console.log(header);
  console.log('-'.repeat(header.length + 20));
  const medians = new Map();
  for (const rows of sizes) {
    const file = join(folder, `export-${rows}.csv`);
    rasgap(['generate', '--rows', String(rows), '--seed', '42', '--output', file]);
    const python = rows <= pandasMaxRows ? pythonFound : null;
    const ours = [];
    const theirs = [];
    for (let run = 0; run < runs; run++) {
      ours.push(rasgap(['analyse', file, '-q', '--output', join(folder, 'out.txt')]));
      if (python) theirs.push(timed(python.python, ['-c', PYTHON_PEAK, pandasScript, file]));
    }
    const time = median(ours.map((r) => r.seconds));
    const cpu = median(ours.map((r) => r.cpu));
    const peak = Math.max(...ours.map((r) => r.peakMb));
    medians.set(rows, time);
    const list = (results) => results.map((r) => r.seconds.toFixed(2)).join(' ');
    const them = python
      ? {
          time: median(theirs.map((r) => r.seconds)),
          cpu: median(theirs.map((r) => r.cpu)),
          peak: Math.max(...theirs.map((r) => r.peakMb)),
        }
      : null;
    const or = (value, digits) => (them ? value.toFixed(digits) : '–');
    console.log(
      `${pad(rowsText(rows), 11)} | ${pad(time.toFixed(2), 9)} ${pad(cpu.toFixed(2), 6)} ${pad(peak.toFixed(0), 8)} | ${pad(or(them?.time, 2), 9)} ${pad(or(them?.cpu, 2), 6)} ${pad(or(them?.peak, 0), 8)} | ${pad(or(time / them?.time, 2), 6)} ${pad(or(cpu / them?.cpu, 2), 5)} | ${list(ours)} / ${python ? list(theirs) : '–'}`,
    );
    if (python && rows <= 1_000_000) {
      // The summary both computed, compared once per size (a separate, untimed run).
      const json = rasgap(['analyse', file, '-q', '--no-suppression', '--format', 'json']);
      console.log(`${pad('', 11)}   ${sameSummary(json.stdout, theirs[0].stdout)}`);
    }
    rmSync(file, { force: true });
  }
  const one = medians.get(1_000_000);
  if (one !== undefined && medians.has(3_000_000)) {
    console.log(
      `\ngrowth: 3M rows took ${(medians.get(3_000_000) / one).toFixed(2)}× the 1M time (linear: 3.0)`,
    );
  }
  if (one !== undefined && medians.has(10_000_000)) {
    console.log(`growth: 10M rows took ${(medians.get(10_000_000) / one).toFixed(2)}× the 1M time`);
  }

  // Start-up: --version against a bare Node.
  const bare = median(
    Array.from({ length: 5 }, () => timed(process.execPath, ['-e', '0']).seconds),
  );
  const version = median(
    Array.from({ length: 5 }, () => timed(process.execPath, [cli, '--version']).seconds),
  );
  console.log(
    `\nrasgap --version ${version.toFixed(3)} s, node -e 0 ${bare.toFixed(3)} s: ${(version / bare).toFixed(2)}× (median of 5)`,
  );

  // The disclosure audit: 30 councils' exports (3,000 rows each) by client group × council with
  // both single breakdowns, and the bundled sample crossed (issue 9's target: 2 s or less).
  const councils = Array.from({ length: 30 }, (_, i) => join(folder, `council-${i + 1}.csv`));
  councils.forEach((path, i) =>
    rasgap(['generate', '--rows', '3000', '--seed', String(i + 1), '--output', path]),
  );
  const bySource = ['--by', 'client-group,source', '--by', 'client-group', '--by', 'source'];
  const audit = (name, args, output) => {
    const results = Array.from({ length: runs }, () =>
      rasgap([...args, '--quiet', '--format', 'json', '--output', output]),
    );
    console.log(
      `${name}: median ${median(results.map((r) => r.seconds)).toFixed(2)} s over ${runs} runs, peak memory ${Math.max(...results.map((r) => r.peakMb)).toFixed(0)} MB, ${hiddenCells(output)}`,
    );
  };
  audit(
    `analyse 30 councils × 3,000 rows ${bySource.join(' ')}`,
    ['analyse', ...councils, ...bySource],
    join(folder, 'national.json'),
  );
  const crossedBy = ['--by', 'client-group,age-band', '--by', 'client-group', '--by', 'age-band'];
  const sample = join(root, 'fixtures', 'sample-export.csv');
  if (existsSync(sample)) {
    audit(
      `analyse fixtures/sample-export.csv ${crossedBy.join(' ')}`,
      ['analyse', sample, ...crossedBy],
      join(folder, 'sample-crossed.json'),
    );
  }
  if (full) {
    // Every council of England: 150 exports (1,000 rows each) by client group × council.
    const all = Array.from({ length: 150 }, (_, i) => join(folder, `la-${i + 1}.csv`));
    all.forEach((path, i) =>
      rasgap(['generate', '--rows', '1000', '--seed', String(100 + i), '--output', path]),
    );
    const output = join(folder, 'england.json');
    const england = rasgap([
      'analyse',
      ...all,
      '--quiet',
      ...bySource,
      '--format',
      'json',
      '--output',
      output,
    ]);
    console.log(
      `analyse 150 councils × 1,000 rows ${bySource.join(' ')}: ${england.seconds.toFixed(2)} s (one run), peak memory ${england.peakMb.toFixed(0)} MB, ${hiddenCells(output)}`,
    );
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
