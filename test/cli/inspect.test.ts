// End to end: `rasgap inspect` on every fixture (fixtures/make-fixtures.mjs writes them): what it
// detects, and the options it suggests for what it cannot.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rasgap } from './run.js';

const scratch = mkdtempSync(join(tmpdir(), 'rasgap-inspect-'));
/** Writes a small export to a scratch folder and returns its path. */
function file(name: string, lines: string[]): string {
  const path = join(scratch, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

interface ColumnInspection {
  number: number;
  header: string;
  role: string | null;
  period: { period: string | null; source: string } | null;
  decimals: number | null;
}

interface FileInspection {
  path: string;
  encoding: { encoding: string; evidence: string };
  delimiter: { delimiter: string; evidence: string };
  headerLine: number | null;
  titleLines: number;
  rowsRead: number;
  columns: ColumnInspection[];
  clientGroups: { label: string; canonical: string | null; count: number }[];
  repeatedIds: { people: number; rows: number };
  exclusions: { reason: string; count: number; lines: number[] }[];
  analysable: boolean;
  problems: string[];
  flags: string[];
  config: Record<string, unknown>;
  command: string | null;
  warnings: string[];
  rounding: { pounds: number; perYear: boolean; records: number; note: string } | null;
  pooled: {
    files: string[];
    peopleInSeveralFiles: number;
    councilColumns: (string | null)[];
    identical: { path: string; sameAs: string; fix: string }[];
    notes: string[];
  } | null;
}

/** Runs `rasgap inspect ARGS --format json` and returns the exit code and the one inspection. */
async function inspect(
  args: string[],
): Promise<{ status: number | null; stderr: string; file: FileInspection }> {
  const run = await rasgap(['inspect', ...args, '--format', 'json']);
  const parsed = JSON.parse(run.stdout) as FileInspection[];
  expect(parsed).toHaveLength(1);
  return { status: run.status, stderr: run.stderr, file: parsed[0] };
}

const WEEK = { period: 'week', source: 'header' };
const YEAR = { period: 'year', source: 'header' };
const PER_ROW = { period: null, source: 'frequency-column' };
const NOT_STATED = { period: null, source: 'not-stated' };

interface Expected {
  encoding: [string, string];
  delimiter: string;
  headerLine: number;
  titleLines: number;
  rowsRead: number;
  /** header, role, period of each column in order */
  columns: [string, string | null, object | null][];
  exclusions: Record<string, number[]>;
}

const FIXTURES: Record<string, Expected> = {
  'cp1252-pounds.csv': {
    encoding: ['windows-1252', 'not-utf-8'],
    delimiter: ',',
    headerLine: 1,
    titleLines: 0,
    rowsRead: 10,
    columns: [
      ['Client ID', 'personId', null],
      ['Client Group', 'clientGroup', null],
      ['Age', 'age', null],
      ['Indicative Budget (weekly)', 'indicative', WEEK],
      ['Actual Budget (weekly)', 'actual', WEEK],
    ],
    exclusions: { 'missing-value': [11] },
  },
  'utf16be-tabs.txt': {
    encoding: ['utf-16be', 'bom'],
    delimiter: '\t',
    headerLine: 1,
    titleLines: 0,
    rowsRead: 8,
    columns: [
      ['Person ID', 'personId', null],
      ['Primary Support Reason', 'clientGroup', null],
      ['Age Band', 'ageBand', null],
      ['Indicative Personal Budget (weekly)', 'indicative', WEEK],
      ['Final Budget (weekly)', 'actual', WEEK],
      ['Date Agreed', 'dateAgreed', null],
    ],
    exclusions: { 'suppressed-value': [8] },
  },
  'semicolon.csv': {
    encoding: ['utf-8', 'valid-utf-8'],
    delimiter: ';',
    headerLine: 1,
    titleLines: 0,
    rowsRead: 8,
    columns: [
      ['Person ID', 'personId', null],
      ['Client Group', 'clientGroup', null],
      ['Age', 'age', null],
      ['RAS Allocation (weekly)', 'indicative', WEEK],
      ['Agreed Personal Budget (weekly)', 'actual', WEEK],
      ['Notes', null, null],
    ],
    exclusions: { 'invalid-value': [9] },
  },
  'foi-titles-total.csv': {
    encoding: ['utf-8', 'valid-utf-8'],
    delimiter: ',',
    headerLine: 4,
    titleLines: 2,
    rowsRead: 13,
    columns: [
      ['Client ID', 'personId', null],
      ['Client Group', 'clientGroup', null],
      ['Age', 'age', null],
      ['Indicative Budget (weekly)', 'indicative', WEEK],
      ['Actual Budget (weekly)', 'actual', WEEK],
    ],
    exclusions: {
      'malformed-row': [11],
      'total-row': [16, 17],
      'suppressed-value': [6, 7, 9, 14],
    },
  },
  'frequency-mixed.csv': {
    encoding: ['utf-8', 'valid-utf-8'],
    delimiter: ',',
    headerLine: 1,
    titleLines: 0,
    rowsRead: 9,
    columns: [
      ['Person ID', 'personId', null],
      ['Client Group', 'clientGroup', null],
      ['Age', 'age', null],
      ['Budget Frequency', 'frequency', null],
      ['Indicative Budget', 'indicative', PER_ROW],
      ['Actual Budget', 'actual', PER_ROW],
    ],
    exclusions: { 'unknown-period': [6, 10] },
  },
  'annual-header.csv': {
    encoding: ['utf-8', 'valid-utf-8'],
    delimiter: ',',
    headerLine: 1,
    titleLines: 0,
    rowsRead: 7,
    columns: [
      ['Person ID', 'personId', null],
      ['Client Group', 'clientGroup', null],
      ['Age', 'age', null],
      ['Indicative Budget (annual)', 'indicative', YEAR],
      ['Final Budget per annum', 'actual', YEAR],
    ],
    exclusions: { 'invalid-value': [8] },
  },
  'no-period.csv': {
    encoding: ['utf-8', 'valid-utf-8'],
    delimiter: ',',
    headerLine: 1,
    titleLines: 0,
    rowsRead: 7,
    columns: [
      ['Client ID', 'personId', null],
      ['Client Group', 'clientGroup', null],
      ['Age', 'age', null],
      ['Indicative Budget', 'indicative', NOT_STATED],
      ['Actual Budget', 'actual', NOT_STATED],
    ],
    exclusions: { 'missing-value': [8] },
  },
  'year-of-birth.csv': {
    encoding: ['utf-8', 'valid-utf-8'],
    delimiter: ',',
    headerLine: 1,
    titleLines: 0,
    rowsRead: 8,
    columns: [
      ['Person ID', 'personId', null],
      ['Client Group', 'clientGroup', null],
      ['Year of Birth', 'yearOfBirth', null],
      ['Indicative Budget (weekly)', 'indicative', WEEK],
      ['Actual Budget (weekly)', 'actual', WEEK],
      ['Date Agreed', 'dateAgreed', null],
    ],
    exclusions: {},
  },
  'council-a.csv': {
    encoding: ['utf-8', 'valid-utf-8'],
    delimiter: ',',
    headerLine: 1,
    titleLines: 0,
    rowsRead: 6,
    columns: [
      ['Client ID', 'personId', null],
      ['PSR', 'clientGroup', null],
      ['Age', 'age', null],
      ['RAS Allocation (weekly)', 'indicative', WEEK],
      ['Agreed Personal Budget (weekly)', 'actual', WEEK],
      ['Council', 'council', null],
    ],
    exclusions: { 'suppressed-value': [7] },
  },
  'council-b.csv': {
    encoding: ['utf-8', 'valid-utf-8'],
    delimiter: ';',
    headerLine: 1,
    titleLines: 0,
    rowsRead: 6,
    columns: [
      ['Service User Reference', 'personId', null],
      ['Client Category', 'clientGroup', null],
      ['Age Band', 'ageBand', null],
      ['IB (annual)', 'indicative', YEAR],
      ['PB (annual)', 'actual', YEAR],
      ['Local Authority', 'council', null],
    ],
    exclusions: { 'suppressed-value': [7] },
  },
  'legacy-groups.csv': {
    encoding: ['utf-8', 'valid-utf-8'],
    delimiter: ',',
    headerLine: 1,
    titleLines: 0,
    rowsRead: 10,
    columns: [
      ['Person ID', 'personId', null],
      ['Client Group', 'clientGroup', null],
      ['Age', 'age', null],
      ['Indicative Budget (weekly)', 'indicative', WEEK],
      ['Actual Budget (weekly)', 'actual', WEEK],
    ],
    exclusions: {},
  },
  'small-export.csv': {
    encoding: ['utf-8', 'valid-utf-8'],
    delimiter: ',',
    headerLine: 1,
    titleLines: 0,
    rowsRead: 13,
    columns: [
      ['Person ID', 'personId', null],
      ['Client Group', 'clientGroup', null],
      ['Age', 'age', null],
      ['Indicative Budget (weekly)', 'indicative', WEEK],
      ['Actual Budget (weekly)', 'actual', WEEK],
      ['Date Agreed', 'dateAgreed', null],
    ],
    // Repeated rows and people are settled as analyse settles them: the same 6 rows excluded.
    exclusions: {
      'total-row': [14],
      'missing-value': [7],
      'suppressed-value': [6],
      'invalid-value': [8, 12],
      'duplicate-row': [11],
      superseded: [2],
    },
  },
  'windows-1252.csv': {
    encoding: ['windows-1252', 'not-utf-8'],
    delimiter: ',',
    headerLine: 1,
    titleLines: 0,
    rowsRead: 2,
    columns: [
      ['Client ID', 'personId', null],
      ['Primary Support Reason', 'clientGroup', null],
      ['Age', 'age', null],
      ['Indicative Budget (weekly)', 'indicative', WEEK],
      ['Actual Budget (weekly)', 'actual', WEEK],
    ],
    exclusions: {},
  },
  'utf16le-tabs.txt': {
    encoding: ['utf-16le', 'bom'],
    delimiter: '\t',
    headerLine: 1,
    titleLines: 0,
    rowsRead: 2,
    columns: [
      ['Client ID', 'personId', null],
      ['Client Group', 'clientGroup', null],
      ['Age Band', 'ageBand', null],
      ['RAS Allocation (weekly)', 'indicative', WEEK],
      ['Agreed Personal Budget (weekly)', 'actual', WEEK],
    ],
    exclusions: {},
  },
};

describe('rasgap inspect on each fixture', () => {
  for (const [name, expected] of Object.entries(FIXTURES)) {
    it(`${name}: exit 0, and what it detects`, async () => {
      const { status, stderr, file } = await inspect([`fixtures/${name}`]);
      expect(status).toBe(0);
      expect(stderr).toBe('');
      expect(file.path).toBe(`fixtures/${name}`);
      expect([file.encoding.encoding, file.encoding.evidence]).toEqual(expected.encoding);
      expect(file.delimiter).toEqual({ delimiter: expected.delimiter, evidence: 'sniffed' });
      expect([file.headerLine, file.titleLines, file.rowsRead]).toEqual([
        expected.headerLine,
        expected.titleLines,
        expected.rowsRead,
      ]);
      expect(file.columns.map((c) => [c.header, c.role, c.period])).toEqual(expected.columns);
      expect(file.columns.map((c) => c.number)).toEqual(expected.columns.map((_, i) => i + 1));
      expect(Object.fromEntries(file.exclusions.map((e) => [e.reason, e.lines]))).toEqual(
        expected.exclusions,
      );
      for (const item of file.exclusions) expect(item.count).toBe(item.lines.length);
      expect(file.analysable).toBe(true);
      expect(file.problems).toEqual([]);
      // Only the file whose amounts state no period needs an option.
      expect(file.flags).toEqual(name === 'no-period.csv' ? ['--input-period week'] : []);
    });
  }

  it('sample-export.csv: the bundled sample, repeated ids and all', async () => {
    const { status, file } = await inspect(['fixtures/sample-export.csv']);
    expect(status).toBe(0);
    expect([file.encoding.encoding, file.delimiter.delimiter, file.headerLine]).toEqual([
      'utf-8',
      ',',
      1,
    ]);
    expect(file.rowsRead).toBe(2000);
    expect(file.repeatedIds).toEqual({ people: 85, rows: 173 });
    expect(file.exclusions.map((e) => [e.reason, e.count])).toEqual([
      ['missing-value', 31],
      ['suppressed-value', 40],
      ['invalid-value', 7],
      ['duplicate-row', 8],
      ['superseded', 74],
    ]);
    // 160 in all, as analyse excludes (README quick start: 2,000 read, 1,840 used).
    expect(file.exclusions.reduce((sum, e) => sum + e.count, 0)).toBe(160);
    expect(file.flags).toEqual([]);
  });

  it('small-export.csv: counts the people listed more than once', async () => {
    // A1 twice (lines 2 and 9), A8 twice (lines 10 and 11).
    expect((await inspect(['fixtures/small-export.csv'])).file.repeatedIds).toEqual({
      people: 2,
      rows: 4,
    });
  });
});

describe('rasgap inspect: what it cannot detect', () => {
  it('no-indicative.csv exits 2 and asks which amount is which rather than guess', async () => {
    const { status, file } = await inspect(['fixtures/no-indicative.csv']);
    expect(status).toBe(2);
    expect(file.analysable).toBe(false);
    // "Budget A" and "Budget B" say nothing of which is the RAS budget: no command is offered.
    expect(file.flags).toEqual([]);
    expect(file.command).toBeNull();
    expect(file.config).toEqual({});
    expect(file.problems).toEqual([
      'no indicative budget column found; the headers are: "Client ID", "PSR", "Age", "Budget A", "Budget B". Fix: name it with --column indicative="<header>"',
      'columns that look like amounts: "Budget A", "Budget B"; their headers do not say which is the indicative (RAS) budget and which the actual one, so choose: --column indicative="Budget A" --column actual="Budget B", or the other way round',
    ]);
    expect(file.columns.map((c) => c.role)).toEqual(['personId', 'clientGroup', 'age', null, null]);
  });

  it('no-indicative.csv: the suggested flags make it analysable', async () => {
    const { status, file } = await inspect([
      'fixtures/no-indicative.csv',
      '--column',
      'indicative=Budget A',
      '--column',
      'actual=Budget B',
    ]);
    expect(status).toBe(0);
    expect(file.analysable).toBe(true);
    expect(file.columns.map((c) => c.role)).toEqual([
      'personId',
      'clientGroup',
      'age',
      'indicative',
      'actual',
    ]);
    // The headers name no period either.
    expect(file.flags).toEqual(['--input-period week']);
  });

  it('no-indicative.csv, as text: no command to paste while the amounts are not chosen', async () => {
    const run = await rasgap(['inspect', 'fixtures/no-indicative.csv']);
    expect(run.status).toBe(2);
    expect(run.stdout).not.toContain('to read it');
    expect(run.stdout).toContain('so choose: --column indicative="Budget A"');
  });

  it('no-indicative.csv with one amount named: the other is the one money column left', async () => {
    const { status, file } = await inspect([
      'fixtures/no-indicative.csv',
      '-c',
      'indicative=Budget A',
    ]);
    expect(status).toBe(2);
    expect(file.flags).toEqual(['--column actual="Budget B"']);
    // The flag already given is kept, in the command and in the config fragment.
    expect(file.command).toBe(
      'rasgap analyse fixtures/no-indicative.csv --column indicative="Budget A" --column actual="Budget B"',
    );
    expect(file.config).toEqual({ columns: { indicative: 'Budget A', actual: 'Budget B' } });
  });

  it('no-period.csv suggests --input-period, as a flag and as config', async () => {
    const { status, file } = await inspect(['fixtures/no-period.csv']);
    expect(status).toBe(0);
    expect(file.flags).toEqual(['--input-period week']);
    expect(file.config).toEqual({ inputPeriod: 'week' });
    const text = (await rasgap(['inspect', 'fixtures/no-period.csv'])).stdout;
    expect(text).toContain('indicative, period not stated');
    expect(text).toContain(
      '  to read it    rasgap analyse fixtures/no-period.csv --input-period week\n',
    );
  });

  it('no-period.csv with --input-period month: the period is taken from the option', async () => {
    const { status, file } = await inspect(['fixtures/no-period.csv', '--input-period', 'month']);
    expect(status).toBe(0);
    expect(file.flags).toEqual([]);
    expect(file.columns.slice(3).map((c) => c.period)).toEqual([
      { period: 'month', source: 'option' },
      { period: 'month', source: 'option' },
    ]);
  });
});

describe('rasgap inspect: client groups', () => {
  it('legacy-groups.csv: maps the legacy labels and reports Reablement as not recognised', async () => {
    const { file } = await inspect(['fixtures/legacy-groups.csv']);
    expect(file.clientGroups).toEqual([
      { label: 'LD', canonical: 'Learning Disability Support', count: 2 },
      { label: 'Older people', canonical: 'Older people (legacy, age-based)', count: 2 },
      { label: 'Reablement', canonical: null, count: 2 },
      { label: 'Dementia', canonical: 'Support with Memory & Cognition', count: 1 },
      { label: 'MH', canonical: 'Mental Health Support', count: 1 },
      { label: 'PD', canonical: 'Physical Support', count: 1 },
      { label: 'Sensory impairment', canonical: 'Sensory Support', count: 1 },
    ]);
    const text = (await rasgap(['inspect', 'fixtures/legacy-groups.csv'])).stdout;
    expect(text).toMatch(
      / {4}Reablement +2 {2}not recognised: kept as written \(map it with --group-map\)\n/,
    );
  });

  it('legacy-groups.csv with --group-map: Reablement is mapped', async () => {
    const { file } = await inspect([
      'fixtures/legacy-groups.csv',
      '--group-map',
      'fixtures/group-map.csv',
    ]);
    expect(file.clientGroups).toContainEqual({
      label: 'Reablement',
      canonical: 'Physical Support: Personal care support',
      count: 2,
    });
    expect(file.clientGroups.filter((group) => group.canonical === null)).toEqual([]);
  });

  it('cp1252-pounds.csv: the en dash label is decoded and mapped', async () => {
    const { file } = await inspect(['fixtures/cp1252-pounds.csv']);
    expect(file.clientGroups).toContainEqual({
      label: 'Physical Support – Personal care support',
      canonical: 'Physical Support: Personal care support',
      count: 3,
    });
  });

  // Known bug (reported): inspect tallies the Total and Grand total rows as two people with a
  // blank (Unknown) client group. Turn into `it` when fixed.
  it('foi-titles-total.csv: the Total rows are not counted as client groups', async () => {
    const { file } = await inspect(['fixtures/foi-titles-total.csv']);
    expect(file.clientGroups.map((group) => group.label)).not.toContain('Unknown');
  });
});

describe('rasgap inspect: suggesting roles from the values', () => {
  const freq = file('freq.csv', [
    'Ref,Service Category,Years Old,Indicative Budget,Actual Budget,Freq,Agreed On',
    'A101,Learning Disability,34,100,110,Weekly,01/04/2023',
    'A102,Mental Health,70,400,380,Monthly,15/05/2023',
    'A103,Physical Support,81,250,250,Weekly,20/06/2023',
    'A104,LD,45,5200,5400,Annual,02/07/2023',
    'A105,Dementia,88,300,280,4 Weekly,03/08/2023',
  ]);

  it('a column of Weekly/Monthly is suggested as the frequency, never --input-period', async () => {
    const { status, file: found } = await inspect([freq]);
    expect(status).toBe(0);
    expect(found.flags).toEqual([
      '--column frequency="Freq"',
      '--column date-agreed="Agreed On"',
      '--column client-group="Service Category"',
      '--column age="Years Old"',
      '--column person-id="Ref"',
    ]);
    expect(found.flags.some((flag) => flag.startsWith('--input-period'))).toBe(false);
    expect(found.command).toBe(`rasgap analyse ${freq} ${found.flags.join(' ')}`);
  });

  it('the suggested flags read each amount at its own period', async () => {
    const run = await rasgap([
      'analyse',
      freq,
      ...(await found(freq)),
      '--format',
      'json',
      '--no-tests',
    ]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as {
      inputs: { columns: Record<string, string> }[];
      overall: { n: number; totalIndicative: number; totalActual: number };
    };
    expect(report.inputs[0].columns).toMatchObject({
      frequency: 'Freq',
      personId: 'Ref',
      age: 'Years Old',
    });
    // Per week: 100 + 400*12/52 + 250 + 5200/52 + 300*13/52 = 100 + 92.31 + 250 + 100 + 75.
    expect(report.overall.n).toBe(5);
    expect(report.overall.totalIndicative).toBeCloseTo(617.31, 2);
    expect(report.overall.totalActual).toBeCloseTo(110 + (380 * 12) / 52 + 250 + 5400 / 52 + 70, 2);
  });

  it('ids and ages are not suggested as amounts; the amount columns are, by their headers', async () => {
    const path = file('ref-years.csv', [
      // "Plan £" names no amount ("Agreed £" now would, by its words).
      'Ref,Team Category,Years,RAS £,Plan £,When',
      '1001,LD,34,100.00,110.00,01/04/2023',
      '1002,MH,70,400.00,380.00,15/05/2023',
      '1003,PD,81,250.00,250.00,20/06/2023',
      '1004,LD,45,520.00,540.00,02/07/2023',
      '1005,SMC,88,300.00,280.00,03/08/2023',
    ]);
    const { status, file: found } = await inspect([path]);
    expect(status).toBe(2);
    // "RAS £" is the indicative by its header; "Plan £" is the one money column left.
    expect(found.columns.map((c) => c.role)).toEqual([null, null, null, 'indicative', null, null]);
    expect(found.flags).toEqual([
      '--column date-agreed="When"',
      '--column client-group="Team Category"',
      '--column age="Years"',
      '--column person-id="Ref"',
      '--column actual="Plan £"',
    ]);
    expect(found.flags.join(' ')).not.toMatch(/(indicative|actual)="(Ref|Years)"/);
    const again = await inspect([path, ...found.flags.flatMap(toArgs)]);
    expect(again.status).toBe(0);
    expect(again.file.columns.map((c) => c.role)).toEqual([
      'personId',
      'clientGroup',
      'age',
      'indicative',
      'actual',
      'dateAgreed',
    ]);
  });

  it('two plain number columns with no money words: it asks rather than guesses', async () => {
    const path = file('plain.csv', [
      'Ref,Years,Col A,Col B',
      'X1,34,100,110',
      'X2,70,400,380',
      'X3,81,250,250',
    ]);
    const { status, file: found } = await inspect([path]);
    expect(status).toBe(2);
    expect(found.command).toBeNull();
    expect(found.flags.join(' ')).not.toMatch(/indicative|actual/);
    expect(found.problems[1]).toBe(
      'columns that look like amounts: "Col A", "Col B"; their headers do not say which is the indicative (RAS) budget and which the actual one, so choose: --column indicative="Col A" --column actual="Col B", or the other way round',
    );
  });

  it('no usable rows: says so and offers no command', async () => {
    const path = file('nousable.csv', ['ID,Indicative Budget,Actual Budget', '1,*,2', '2,,3']);
    const { status, file: found } = await inspect([path]);
    expect(status).toBe(2);
    expect(found.problems).toEqual(['no row has two usable amounts']);
    expect(found.command).toBeNull();
    expect((await rasgap(['inspect', path])).stdout).not.toContain('to read it');
  });

  it('a header with no rows: no command either', async () => {
    const path = file('hdronly.csv', ['ID,Indicative Budget,Actual Budget']);
    const { status, file: found } = await inspect([path]);
    expect(status).toBe(2);
    expect(found.problems).toEqual(['the file has a header but no data rows below it']);
    expect(found.command).toBeNull();
  });

  it('a year of birth with no date agreed: suggests --as-of and warns', async () => {
    const path = file('yob.csv', [
      'Person ID,Year of Birth,Indicative Budget (weekly),Actual Budget (weekly)',
      '1,1950,100,90',
      '2,1990,100,110',
    ]);
    const { status, file: found } = await inspect([path]);
    expect(status).toBe(0);
    expect(found.flags).toEqual(['--as-of DD/MM/YYYY']);
    expect(found.config).toEqual({ asOf: 'DD/MM/YYYY' });
    expect(found.warnings).toEqual([
      `${path}: no age could be worked out from "Year of Birth" for 2 rows (age band Unknown): there is no date agreed column; pass --as-of DATE (e.g. --as-of 31/03/2025) to work ages out at that date`,
    ]);
    const dated = await inspect([path, '--as-of', '31/03/2025']);
    expect([dated.file.flags, dated.file.warnings]).toEqual([[], []]);
  });

  it('a group map target that is not in the taxonomy is warned about', async () => {
    const map = join(scratch, 'map.json');
    writeFileSync(map, JSON.stringify({ Reablement: 'Learning Disabilty Support' }));
    const { file: found } = await inspect(['fixtures/legacy-groups.csv', '--group-map', map]);
    expect(found.warnings).toEqual([
      'the group map sends "Reablement" to "Learning Disabilty Support", which is not a client group in the taxonomy (closest: "Learning Disability Support"); it is kept as a group of its own: if that was not meant, correct the map',
    ]);
  });
});

// Expected figures: /usr/bin/python3 (pandas 1.5.3), commands in test/ingest/inspect.test.ts:
// 6 ids of quarter-1.csv are in quarter-2.csv; whole-pound-annual.csv's weekly column has 2
// decimal places at most and its annual one none.
describe('rasgap inspect: precision and several files, text and JSON alike', () => {
  it("whole-pound-annual.csv: each amount column's decimals, and the rounding line", async () => {
    const run = await rasgap(['inspect', 'fixtures/whole-pound-annual.csv', '--format', 'json']);
    const [json] = JSON.parse(run.stdout) as FileInspection[];
    expect(json.columns.map((column) => column.decimals)).toEqual([null, null, null, 2, 0]);
    expect(json.rounding).toMatchObject({ pounds: 0.5, perYear: true, records: 40 });
    const text = await rasgap(['inspect', 'fixtures/whole-pound-annual.csv']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`  precision     ${json.rounding!.note}\n`);
    expect(json.rounding!.note).toContain('up to ±£0.50 a year, counts as unchanged');
  });

  it('two quarters and a copy: ids in both counted, the copy refused with its fix, exit 2', async () => {
    const copy = join(scratch, 'q1-again.csv');
    writeFileSync(copy, readFileSync('fixtures/quarter-1.csv'));
    const args = ['inspect', 'fixtures/quarter-1.csv', 'fixtures/quarter-2.csv', copy];
    const run = await rasgap([...args, '--format', 'json']);
    expect(run.status).toBe(2);
    const json = JSON.parse(run.stdout) as FileInspection[];
    expect(json.map((file) => file.analysable)).toEqual([true, true, false]);
    const pooled = json[0].pooled!;
    expect(pooled).toMatchObject({
      peopleInSeveralFiles: 6,
      councilColumns: [null, null, null],
      identical: [{ path: copy, sameAs: 'fixtures/quarter-1.csv' }],
    });
    const text = await rasgap(args);
    expect(text.status).toBe(2);
    for (const note of pooled.notes) expect(text.stdout).toContain(`  - ${note}\n`);
    expect(text.stdout).toContain(`Fix: ${pooled.identical[0].fix}`);
    expect(text.stdout).toContain('if they are different councils, pass --separate-files');
    const apart = await rasgap([...args.slice(0, 3), '--separate-files', '--format', 'json']);
    expect((JSON.parse(apart.stdout) as FileInspection[])[0].pooled?.peopleInSeveralFiles).toBe(0);
  });
});

/** The flags inspect suggested for a file, as arguments. */
async function found(path: string): Promise<string[]> {
  return (await inspect([path])).file.flags.flatMap(toArgs);
}

/** `--column role="Header"` -> ['--column', 'role=Header'] (as a shell would pass it). */
function toArgs(flag: string): string[] {
  const space = flag.indexOf(' ');
  return [flag.slice(0, space), flag.slice(space + 1).replace(/"/g, '')];
}
