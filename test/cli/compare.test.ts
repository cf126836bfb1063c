import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, type Expected } from '../analysis/stats/helpers.js';
import { rasgap, type CliResult } from './run.js';
import { compare } from '../../src/compare.js';

// `rasgap compare` on the bundled sample, every figure against R 4.2.2. R reads the CSV itself with
// test/r/summary.R's rules (copied into the script) and works out each figure from its definition:
//   Rscript test/analysis/stats/r/compare.R fixtures/sample-export.csv
//   Rscript test/analysis/stats/r/compare.R fixtures/sample-export.csv 0.9   (for --confidence 0.9)
// (summary fields as test/r/summary.R; intervals, tests and agreement as
// test/analysis/inference.test.ts; the head-to-head with wilcox.test, the order statistics of
// outer(a, b, "-") and Newcombe's hybrid score interval from prop.test's Wilson limits).
// Figures to 1e-9 relative (1e-12 absolute where R's value is 0); the house rule is 1e-6.
const TOLERANCE = 1e-9;
const ABSOLUTE = 1e-12;

// Rscript test/analysis/stats/r/compare.R fixtures/sample-export.csv
const A: Expected = {
  label: '65+',
  n: 1073,
  up: 216,
  down: 652,
  unchanged: 205,
  upShare: 0.20130475302889095,
  downShare: 0.6076421248835042,
  unchangedShare: 0.19105312208760486,
  zeroIndicative: 11,
  totalIndicative: 297700.58,
  totalActual: 293475.5,
  netGap: -4225.08,
  netGapPct: -1.4192380814306778,
  meanGap: -3.937632805219012,
  medianGap: -7.81,
  q1Gap: -27.29,
  q3Gap: 0,
  meanPctGap: -5.123330286176257,
  medianPctGap: -4.313745965176862,
  confidence: 0.95,
  medianGapCi: [-10.18, -5.22],
  medianPctGapCi: [-5.205730731522186, -3.2681803818895863],
  meanGapCi: [-10.759945269443294, 2.884679659005272],
  upShareCi: [0.1783974761391652, 0.22634312448556096],
  downShareCi: [0.5780922562686346, 0.6364240015405516],
  signTestP: 1.5138984014349364e-51,
  wilcoxonP: 3.454742537613378e-49,
  wilcoxonMethod: 'normal',
  signTestPHolm: 4.5416952043048093e-51,
  wilcoxonPHolm: 1.0364227612840134e-48,
  agreement: {
    n: 1073,
    pearson: 0.8446888469148165,
    spearman: 0.9155926746835537,
    calibrationIntercept: 30.284683863261858,
    calibrationSlope: 0.8766527569906654,
    rSquared: 0.7134992481022823,
    scale: 'difference',
    bias: -3.9376328052190117,
    biasCi: [-10.759945269443296, 2.8846796590052723],
    lowerLimit: -227.1616144308332,
    upperLimit: 219.28634882039518,
    lowerLimitCi: [-238.82461875603954, -215.49861010562685],
    upperLimitCi: [207.62334449518883, 230.94935314560152],
    proportionalBiasSlope: 0.040264016564751724,
    proportionalBiasIntercept: -15.029489039051734,
    proportionalBiasP: 0.023317091242992378,
  },
};
const B: Expected = {
  label: '18-64',
  n: 746,
  up: 461,
  down: 150,
  unchanged: 135,
  upShare: 0.6179624664879356,
  downShare: 0.20107238605898123,
  unchangedShare: 0.18096514745308312,
  zeroIndicative: 5,
  totalIndicative: 428606.45,
  totalActual: 464034.77,
  netGap: 35428.32,
  netGapPct: 8.265932535546304,
  meanGap: 47.49104557640751,
  medianGap: 17.340000000000003,
  q1Gap: 0,
  q3Gap: 61.1775,
  meanPctGap: 7.63545121209824,
  medianPctGap: 5.742483903131496,
  confidence: 0.95,
  medianGapCi: [9.5, 22.28],
  medianPctGapCi: [3.50661586989472, 6.877970456005138],
  meanGapCi: [38.721103733664016, 56.260987419151],
  upShareCi: [0.5825754654758886, 0.6521408174525083],
  downShareCi: [0.1738754149233949, 0.2313321862921445],
  signTestP: 1.0149786777667395e-37,
  wilcoxonP: 3.2005127142510983e-43,
  wilcoxonMethod: 'normal',
  signTestPHolm: 2.029957355533479e-37,
  wilcoxonPHolm: 6.4010254285021966e-43,
  agreement: {
    n: 746,
    pearson: 0.982487428508098,
    spearman: 0.9709998795332311,
    calibrationIntercept: 7.170097335272323,
    calibrationSlope: 1.0701795957291067,
    rSquared: 0.965281547176455,
    scale: 'difference',
    bias: 47.49104557640751,
    biasCi: [38.721103733664016, 56.260987419151],
    lowerLimit: -191.65323380932963,
    upperLimit: 286.63532496214464,
    lowerLimitCi: [-206.64780218779237, -176.6586654308669],
    upperLimitCi: [271.64075658368193, 301.62989334060734],
    proportionalBiasSlope: 0.08619555005206123,
    proportionalBiasIntercept: -4.0784590864899,
    proportionalBiasP: 8.078482190798884e-33,
  },
};
const DIFFERENCE: Expected = {
  mannWhitneyU: 161922.5,
  mannWhitneyP: 3.142104785035722e-101,
  mannWhitneyMethod: 'normal',
  hodgesLehmann: -12.168524294076645,
  hodgesLehmannCi: [-13.169229508809446, -11.114014730239226],
  rankBiserial: -0.5884766602875434,
  medianPctGapDifference: -10.056229868308357,
  downShareDifference: 0.40656973882452296,
  downShareDifferenceCi: [0.3642749371899603, 0.446168623440777],
};
const READING = {
  a: '65+: median change -4.3%, 61% moderated down (n = 1,073)',
  shift: 'A typical % gap in 65+ is 12.2 percentage points lower than in 18-64',
  ci: '95% CI -13.2 pts to -11.1 pts',
};

// Rscript test/analysis/stats/r/compare.R fixtures/sample-export.csv 0.9
const A_90: Expected = {
  label: '65+',
  n: 1073,
  up: 216,
  down: 652,
  unchanged: 205,
  upShare: 0.20130475302889095,
  downShare: 0.6076421248835042,
  unchangedShare: 0.19105312208760486,
  zeroIndicative: 11,
  totalIndicative: 297700.58,
  totalActual: 293475.5,
  netGap: -4225.08,
  netGapPct: -1.4192380814306778,
  meanGap: -3.937632805219012,
  medianGap: -7.81,
  q1Gap: -27.29,
  q3Gap: 0,
  meanPctGap: -5.123330286176257,
  medianPctGap: -4.313745965176862,
  confidence: 0.9,
  medianGapCi: [-9.59, -5.5],
  medianPctGapCi: [-5.046932390151, -3.431086698895807],
  meanGapCi: [-9.661580041857764, 1.7863144314197414],
  upShareCi: [0.18193262951349973, 0.22217939361343697],
  downShareCi: [0.5828823247007942, 0.6318604563564253],
  signTestP: 1.5138984014349364e-51,
  wilcoxonP: 3.454742537613378e-49,
  wilcoxonMethod: 'normal',
  signTestPHolm: 4.5416952043048093e-51,
  wilcoxonPHolm: 1.0364227612840134e-48,
  agreement: {
    n: 1073,
    pearson: 0.8446888469148165,
    spearman: 0.9155926746835537,
    calibrationIntercept: 30.284683863261858,
    calibrationSlope: 0.8766527569906654,
    rSquared: 0.7134992481022823,
    scale: 'difference',
    bias: -3.9376328052190117,
    biasCi: [-9.661580041857764, 1.7863144314197412],
    lowerLimit: -191.27310360755845,
    upperLimit: 183.39783799712043,
    lowerLimitCi: [-200.055275924854, -182.49093129026292],
    upperLimitCi: [174.6156656798249, 192.18001031441597],
    proportionalBiasSlope: 0.040264016564751724,
    proportionalBiasIntercept: -15.029489039051734,
    proportionalBiasP: 0.023317091242992378,
  },
};
const B_90: Expected = {
  label: '18-64',
  n: 746,
  up: 461,
  down: 150,
  unchanged: 135,
  upShare: 0.6179624664879356,
  downShare: 0.20107238605898123,
  unchangedShare: 0.18096514745308312,
  zeroIndicative: 5,
  totalIndicative: 428606.45,
  totalActual: 464034.77,
  netGap: 35428.32,
  netGapPct: 8.265932535546304,
  meanGap: 47.49104557640751,
  medianGap: 17.340000000000003,
  q1Gap: 0,
  q3Gap: 61.1775,
  meanPctGap: 7.63545121209824,
  medianPctGap: 5.742483903131496,
  confidence: 0.9,
  medianGapCi: [10.9, 21.4],
  medianPctGapCi: [3.7218385275286625, 6.698051823783826],
  meanGapCi: [40.13388693082093, 54.84820422199408],
  upShareCi: [0.5883248160784484, 0.6467475719100757],
  downShareCi: [0.17803479805768324, 0.22627040056230652],
  signTestP: 1.0149786777667395e-37,
  wilcoxonP: 3.2005127142510983e-43,
  wilcoxonMethod: 'normal',
  signTestPHolm: 2.029957355533479e-37,
  wilcoxonPHolm: 6.4010254285021966e-43,
  agreement: {
    n: 746,
    pearson: 0.982487428508098,
    spearman: 0.9709998795332311,
    calibrationIntercept: 7.170097335272323,
    calibrationSlope: 1.0701795957291067,
    rSquared: 0.965281547176455,
    scale: 'difference',
    bias: 47.49104557640751,
    biasCi: [40.133886930820935, 54.84820422199408],
    lowerLimit: -153.20516027996453,
    upperLimit: 248.18725143277956,
    lowerLimitCi: [-164.49447396872722, -141.91584659120184],
    upperLimitCi: [236.89793774401687, 259.47656512154225],
    proportionalBiasSlope: 0.08619555005206123,
    proportionalBiasIntercept: -4.0784590864899,
    proportionalBiasP: 8.078482190798884e-33,
  },
};
const DIFFERENCE_90: Expected = {
  mannWhitneyU: 161922.5,
  mannWhitneyP: 3.142104785035722e-101,
  mannWhitneyMethod: 'normal',
  hodgesLehmann: -12.168524294076645,
  hodgesLehmannCi: [-13.022898053369621, -11.266093855628121],
  rankBiserial: -0.5884766602875434,
  medianPctGapDifference: -10.056229868308357,
  downShareDifference: 0.40656973882452296,
  downShareDifferenceCi: [0.37124287029648156, 0.4399951489229769],
};

const COMMAND = [
  'compare',
  'fixtures/sample-export.csv',
  '--by',
  'age-band',
  '--a',
  '65+',
  '--b',
  '18-64',
];

/** The command exactly as a person types it: run.ts's helper would add `--min-count 1`. */
async function exactly(args: string[]): Promise<CliResult> {
  return await rasgap(args, {}, { asTyped: true });
}

/** Fields of b that small-number suppression (on by default) hides, and what follows from them. */
// Hidden by secondary suppression to protect the Unknown band's small counts: 65+'s up and
// unchanged counts and what is worked out from them, and 18-64's zero-indicative count.
const SUPPRESSED_B = [
  'zeroIndicative',
  'up',
  'unchanged',
  'upShare',
  'unchangedShare',
  'upShareCi',
  'signTestP',
  'signTestPHolm',
  // The signed-rank test is a function of the gaps' signs, hidden beside a hidden count.
  'wilcoxonP',
  'wilcoxonPHolm',
  'wilcoxonMethod',
];
const SUPPRESSED_A: string[] = [];

describe('rasgap compare fixtures/sample-export.csv --by age-band --a 65+ --b 18-64 --format json', async () => {
  const run = await exactly([...COMMAND, '--format', 'json']);
  const report = JSON.parse(run.stdout);

  it('exits 0 with the two groups of the age-band breakdown', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(report.by).toBe('ageBand');
    expect(report.a.key).toEqual({ ageBand: '65+' });
    expect(report.b.key).toEqual({ ageBand: '18-64' });
    expect(report.rows).toMatchObject({ read: 2000, used: 1840, excluded: 160 });
  });

  // Secondary small-number suppression protects the Unknown band's small counts (it has 21
  // people), so some counts of the other bands and everything worked out from them are hidden
  // here, as they are in `analyse`; they are checked with --no-suppression below.
  it('a (65+): every figure as R, except the counts suppression hides (null)', () => {
    const skip = new Set(SUPPRESSED_A.map((field) => `a.${field}`));
    expect(compareFields(report.a, A, 'a', TOLERANCE, ABSOLUTE, skip)).toEqual([]);
    for (const field of SUPPRESSED_A) expect(report.a[field], field).toBeNull();
    expect([...(report.a.suppressed ?? [])].sort()).toEqual([...SUPPRESSED_A].sort());
  });

  it('b (18-64): every figure as R, except the counts suppression hides (null)', () => {
    const skip = new Set(SUPPRESSED_B.map((field) => `b.${field}`));
    expect(compareFields(report.b, B, 'b', TOLERANCE, ABSOLUTE, skip)).toEqual([]);
    for (const field of SUPPRESSED_B) expect(report.b[field], field).toBeNull();
    expect(report.disclosure.suppression).toBe(true);
  });

  it('difference: every figure as R, the share moved down too (both down counts are shown)', () => {
    expect(compareFields(report.difference, DIFFERENCE, 'difference', TOLERANCE, ABSOLUTE)).toEqual(
      [],
    );
    expect(report.difference.downShareDifference).not.toBeNull();
  });

  it('reading: the figures R gives, rounded as the report rounds them', () => {
    expect(report.reading).toContain(READING.a);
    expect(report.reading).toContain(READING.shift);
    expect(report.reading).toContain(READING.ci);
    expect(report.reading).toContain('Mann–Whitney p < 0.001');
  });
});

describe('rasgap compare ... --format json --no-suppression', async () => {
  const run = await exactly([...COMMAND, '--format', 'json', '--no-suppression']);
  const report = JSON.parse(run.stdout);

  it('exits 0, and a, b and every difference figure are R’s', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(compareFields(report.a, A, 'a', TOLERANCE, ABSOLUTE)).toEqual([]);
    expect(compareFields(report.b, B, 'b', TOLERANCE, ABSOLUTE)).toEqual([]);
    expect(compareFields(report.difference, DIFFERENCE, 'difference', TOLERANCE, ABSOLUTE)).toEqual(
      [],
    );
    expect(report.disclosure.suppression).toBe(false);
  });

  it('gives the same figures through run.ts (which adds --min-count 1)', async () => {
    const viaHelper = JSON.parse((await rasgap([...COMMAND, '--format', 'json'])).stdout);
    expect(compareFields(viaHelper.b, B, 'b', TOLERANCE, ABSOLUTE)).toEqual([]);
    expect(
      compareFields(viaHelper.difference, DIFFERENCE, 'difference', TOLERANCE, ABSOLUTE),
    ).toEqual([]);
  });
});

/** R's shift and interval as the report rounds them: `-12.2 pts [-13.2 pts, -11.1 pts]`. */
const pts = (value: number): string => `${value.toFixed(1)} pts`;
const [shiftLow, shiftHigh] = DIFFERENCE.hodgesLehmannCi as [number, number];
const SHIFT = `${pts(DIFFERENCE.hodgesLehmann as number)} [${pts(shiftLow)}, ${pts(shiftHigh)}]`;

describe('rasgap compare ... --confidence 0.9 --format json --no-suppression', async () => {
  const run = await exactly([
    ...COMMAND,
    '--confidence',
    '0.9',
    '--format',
    'json',
    '--no-suppression',
  ]);
  const report = JSON.parse(run.stdout);

  it('exits 0, and every interval is R’s at 90%', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(report.a.confidence).toBe(0.9);
    expect(compareFields(report.a, A_90, 'a', TOLERANCE, ABSOLUTE)).toEqual([]);
    expect(compareFields(report.b, B_90, 'b', TOLERANCE, ABSOLUTE)).toEqual([]);
    expect(
      compareFields(report.difference, DIFFERENCE_90, 'difference', TOLERANCE, ABSOLUTE),
    ).toEqual([]);
    expect(report.reading).toContain('90% CI');
  });
});

describe('rasgap compare ... as a table and as Markdown', async () => {
  const json = JSON.parse((await exactly([...COMMAND, '--format', 'json'])).stdout);

  it('the table shows both groups, the shift and the reading sentence', async () => {
    const run = await exactly(COMMAND);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('a: 65+');
    expect(run.stdout).toContain('b: 18-64');
    expect(run.stdout).toContain('Hodges–Lehmann shift in % gap [CI]');
    expect(run.stdout).toContain(SHIFT);
    expect(run.stdout).toContain('1,073');
    expect(run.stdout).toContain(json.reading);
    expect(run.stdout).toContain(READING.shift);
  });

  it('Markdown has the heading, both tables, the reading and the input’s SHA-256', async () => {
    const run = await exactly([...COMMAND, '--format', 'markdown']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.startsWith('# 65+ against 18-64\n')).toBe(true);
    expect(run.stdout).toContain('|  | a: 65+ | b: 18-64 |');
    expect(run.stdout).toContain(`| Hodges–Lehmann shift in % gap [CI] | ${SHIFT} |`);
    expect(run.stdout).toContain(`\n${json.reading}\n`);
    expect(run.stdout).toContain(`(SHA-256 ${json.inputs[0].sha256})`);
  });
});

describe('rasgap compare: errors', () => {
  it('an unknown group: exit 1, naming the groups there are', async () => {
    const run = await exactly([
      'compare',
      'fixtures/sample-export.csv',
      '--a',
      'Under 18',
      '--b',
      '18-64',
    ]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--a "Under 18" is not a group of age-band in this data');
    expect(run.stderr).toContain('the groups are: "18-64", "65+", "Unknown"');
  });

  it('an unknown client group: exit 1, naming the groups there are', async () => {
    const run = await exactly([
      'compare',
      'fixtures/sample-export.csv',
      '--by',
      'client-group',
      '--a',
      'LD',
      '--b',
      'Nonsense',
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--b "Nonsense" is not a group of client-group in this data');
    expect(run.stderr).toContain('"Learning Disability Support"');
    expect(run.stderr).toContain('"Mental Health Support"');
  });

  // Was a bug: `--a 65+ --b Foo` said --a "65+" was not a group of client-group.
  it('an unknown label beside an age band: names the option whose label is unknown', async () => {
    const run = await exactly([
      'compare',
      'fixtures/sample-export.csv',
      '--a',
      '65+',
      '--b',
      'Foo',
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^rasgap: --b "Foo" is not a group of client-group in this data \(nor an age band\)/,
    );
    expect(run.stderr).not.toContain('--a "65+"');
    await expect(
      compare(['fixtures/sample-export.csv'], { a: 'Foo', b: '65+' }),
    ).rejects.toMatchObject({
      option: 'a',
      message: expect.stringMatching(/^--a "Foo" is not a group/),
    });
    // An age band beside a client group that is there: the age band is the odd one out.
    await expect(
      compare(['fixtures/sample-export.csv'], { a: '65+', b: 'LD' }),
    ).rejects.toMatchObject({
      option: 'a',
      message: expect.stringMatching(/^--a "65\+" is not a group of client-group in this data;/),
    });
  });

  it('the same group twice, even when spelt differently: exit 1', async () => {
    const run = await exactly([
      'compare',
      'fixtures/sample-export.csv',
      '--a',
      '65+',
      '--b',
      '65 and over',
    ]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--a and --b name the same group, "65+"');
    expect(run.stderr).toContain('name two different groups: 18-64, 65+, Unknown');
  });

  it('no --a: exit 1, saying both groups are needed', async () => {
    const run = await exactly(['compare', 'fixtures/sample-export.csv', '--b', '18-64']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('compare needs two groups, --a and --b');
  });
});

describe('rasgap compare: the privacy guard, as analyse', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'rasgap-compare-')), 'priv.csv');
  // 9434765919 and 4010232137 pass the NHS modulus-11 check; SW1A 1AA is a full postcode.
  writeFileSync(
    file,
    [
      'Person ID,NHS No,Name,Postcode,Date of Birth,Client Group,Indicative Budget (weekly),Actual Budget (weekly)',
      ...Array.from(
        { length: 12 },
        (_, i) =>
          `P${i},${i % 2 ? '9434765919' : '4010232137'},Jane Smith,SW1A 1AA,0${1 + (i % 9)}/03/1950,${i % 2 ? 'LD' : 'MH'},100,${95 + i}`,
      ),
      '',
    ].join('\n'),
  );
  const args = ['compare', file, '--by', 'client-group', '--a', 'LD', '--b', 'MH'];

  it('warns on stderr naming each column and its count, never a value', async () => {
    const run = await rasgap([...args, '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    const warnings = run.stderr.trim().split('\n');
    expect(warnings).toEqual([
      `warning: ${file}: column "NHS No" looks like NHS numbers (10 digits passing the modulus-11 check): 12 of the first 12 rows; remove direct identifiers before sharing the file or the report`,
      `warning: ${file}: column "Name" looks like personal names: 12 of the first 12 rows; remove direct identifiers before sharing the file or the report`,
      `warning: ${file}: column "Postcode" looks like full postcodes: 12 of the first 12 rows; remove direct identifiers before sharing the file or the report`,
      `warning: ${file}: column "Date of Birth" looks like full dates of birth: 12 of the first 12 rows; remove direct identifiers before sharing the file or the report`,
      // The dates of birth give no age without a date agreed or --as-of.
      `warning: ${file}: no age could be worked out from "Date of Birth" for 12 rows (age band Unknown): there is no date agreed column; pass --as-of DATE (e.g. --as-of 31/03/2025) to work ages out at that date`,
    ]);
    for (const value of ['9434765919', '4010232137', 'SW1A', 'Jane', '1950']) {
      expect(run.stderr).not.toContain(value);
      expect(run.stdout).not.toContain(value);
    }
    const report = JSON.parse(run.stdout);
    expect(report.inputs[0].identifiers.map((f: { kind: string }) => f.kind)).toEqual([
      'nhs-number',
      'name',
      'postcode',
      'date-of-birth',
    ]);
    expect(report.a).toMatchObject({ label: 'Learning Disability Support', n: 6 });
    expect(report.b).toMatchObject({ label: 'Mental Health Support', n: 6 });
  });

  it('--strict-privacy: exit 2 with one line and nothing on stdout', async () => {
    const run = await rasgap([...args, '--strict-privacy']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      `rasgap: ${file}:1: column "NHS No" looks like NHS numbers (10 digits passing the modulus-11 check): 12 of the first 12 rows; remove direct identifiers before sharing the file or the report. Fix: remove or blank the column before analysing, or leave out --strict-privacy`,
    ]);
  });

  it('-q and --quiet: the comparison, and nothing on stderr', async () => {
    for (const quiet of ['-q', '--quiet']) {
      const run = await rasgap([...args, quiet, '--format', 'json']);
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout).a.n).toBe(6);
    }
  });

  it('says nothing about a clean export', async () => {
    const run = await exactly([...COMMAND, '--format', 'json']);
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain('looks like');
    expect(JSON.parse(run.stdout).inputs[0].identifiers).toEqual([]);
  });

  it('lists --strict-privacy and -q in --help', async () => {
    const help = (await rasgap(['compare', '--help'])).stdout;
    expect(help).toContain('--strict-privacy');
    expect(help).toContain('stop (exit 2) when a column looks like direct');
    expect(help).toContain('-q, --quiet');
  });
});
