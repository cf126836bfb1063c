// Re-runs every R script whose output is pasted into a test and checks that the numbers in the
// test are exactly the numbers R prints now (same count, same order, same doubles): run it after
// changing a script or a fixture, from the repository root, with R installed:
//   node test/analysis/stats/r/check-pasted.mjs
// Exit 0 when every test agrees with its script; 1, naming the first difference, otherwise.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const R = (...args) => ['test/analysis/stats/r/' + args[0], ...args.slice(1)];
/** [test file, R commands (script and arguments), first and last text of the pasted block]. */
const CASES = [
  ['test/analysis/stats/special.test.ts', [R('special.R')], 'const LOG_GAMMA', '\ndescribe('],
  [
    'test/analysis/stats/distributions.test.ts',
    [R('distributions.R')],
    'const PNORM',
    '\ndescribe(',
  ],
  ['test/analysis/stats/ranks.test.ts', [R('ranks.R')], 'const SMALL', '\n/** -0 and 0'],
  ['test/analysis/stats/tests.test.ts', [R('tests.R')], 'const SIGN', '\ndescribe('],
  [
    'test/analysis/stats/hodgesLehmann.test.ts',
    [R('hodgesLehmann.R')],
    'const CASES',
    '\ndescribe(',
  ],
  ['test/analysis/stats/intervals.test.ts', [R('intervals.R')], 'const MEDIAN', '\ndescribe('],
  ['test/analysis/stats/agreement.test.ts', [R('agreement.R')], 'const FITS', '\ndescribe('],
  [
    'test/analysis/stats/cochranArmitage.test.ts',
    [R('cochranArmitage.R')],
    'const CASES',
    '\ndescribe(',
  ],
  ['test/analysis/stats/kendall.test.ts', [R('kendall.R')], 'const CASES', '\nconst SCIPY'],
  ['test/analysis/stats/funnel.test.ts', [R('funnel.R')], 'const CASES', '\ndescribe('],
  ['test/analysis/stats/gapBands.test.ts', [R('gapBands.R')], 'const CASES', '\ndescribe('],
  ['test/analysis/headToHead.test.ts', [R('headToHead.R')], 'const NEWCOMBE', '\ndescribe('],
  [
    'test/analysis/inference.test.ts',
    [
      R('inference.R', 'fixtures/inference-export.csv', 'difference'),
      R('inference.R', 'fixtures/inference-export.csv', 'ratio'),
      R('inference.R', 'fixtures/inference-small.csv', 'difference'),
      R('inference.R', 'fixtures/inference-small.csv', 'difference', '0.9'),
    ],
    'const EXPORT_DIFFERENCE',
    '\nasync function run',
  ],
  ['test/analysis/trend.test.ts', [R('trend.R')], 'const FINANCIAL_YEAR', '\nconst FIXTURE'],
  [
    'test/cli/compare.test.ts',
    [
      R('compare.R', 'fixtures/sample-export.csv'),
      R('compare.R', 'fixtures/sample-export.csv', '0.9'),
    ],
    'const A:',
    '\nconst COMMAND',
  ],
];

const NUMBER = /(?<![\w.])-?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|Infinity)(?!\w)/g;
/** The numbers of a text, leaving out comment lines. */
const numbers = (text) =>
  text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .flatMap((line) => line.match(NUMBER) ?? [])
    .map(Number);

let failed = false;
for (const [test, commands, from, to] of CASES) {
  const printed = commands
    .map((args) => execFileSync('Rscript', args, { encoding: 'utf8' }))
    .join('');
  const text = readFileSync(test, 'utf8');
  const start = text.indexOf(from);
  const pasted = text.slice(start, text.indexOf(to, start));
  const expected = numbers(printed);
  const actual = numbers(pasted);
  const first = expected.findIndex((value, i) => !Object.is(value + 0, actual[i] + 0));
  if (expected.length === actual.length && first === -1) {
    console.log(`${test}: ${actual.length} numbers, as R prints them`);
  } else {
    failed = true;
    console.log(
      `${test}: differs from R (${actual.length} numbers pasted, ${expected.length} printed; first difference at #${first}: ${actual[first]} pasted, ${expected[first]} printed)`,
    );
  }
}
process.exit(failed ? 1 : 0);
