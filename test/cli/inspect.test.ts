// End to end: `rasgap inspect` on every fixture (fixtures/make-fixtures.mjs writes them): what it
// detects, and the options it suggests for what it cannot.
import { describe, expect, it } from 'vitest';
import { rasgap } from './run.js';

interface ColumnInspection {
  number: number;
  header: string;
  role: string | null;
  period: { period: string | null; source: string } | null;
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
}

/** Runs `rasgap inspect ARGS --format json` and returns the exit code and the one inspection. */
function inspect(args: string[]): { status: number | null; stderr: string; file: FileInspection } {
  const run = rasgap(['inspect', ...args, '--format', 'json']);
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
    // Repeated rows and people are settled by analyse, not counted here as exclusions.
    exclusions: {
      'total-row': [14],
      'missing-value': [7],
      'suppressed-value': [6],
      'invalid-value': [8, 12],
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
    it(`${name}: exit 0, and what it detects`, () => {
      const { status, stderr, file } = inspect([`fixtures/${name}`]);
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

  it('sample-export.csv: the bundled sample, repeated ids and all', () => {
    const { status, file } = inspect(['fixtures/sample-export.csv']);
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
    ]);
    expect(file.flags).toEqual([]);
  });

  it('small-export.csv: counts the people listed more than once', () => {
    // A1 twice (lines 2 and 9), A8 twice (lines 10 and 11).
    expect(inspect(['fixtures/small-export.csv']).file.repeatedIds).toEqual({ people: 2, rows: 4 });
  });
});

describe('rasgap inspect: what it cannot detect', () => {
  it('no-indicative.csv exits 2 and suggests the two --column flags', () => {
    const { status, file } = inspect(['fixtures/no-indicative.csv']);
    expect(status).toBe(2);
    expect(file.analysable).toBe(false);
    expect(file.flags).toEqual(['--column indicative="Budget A"', '--column actual="Budget B"']);
    expect(file.config).toEqual({ columns: { indicative: 'Budget A', actual: 'Budget B' } });
    expect(file.problems).toEqual([
      'no indicative budget column found; the headers are: "Client ID", "PSR", "Age", "Budget A", "Budget B". Fix: name it with --column indicative="<header>"',
      'columns that hold amounts: "Budget A", "Budget B"; check which is the indicative (RAS) budget and which the actual one',
    ]);
    expect(file.columns.map((c) => c.role)).toEqual(['personId', 'clientGroup', 'age', null, null]);
  });

  it('no-indicative.csv: the suggested flags make it analysable', () => {
    const { status, file } = inspect([
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

  it('no-indicative.csv, as text: the command to paste', () => {
    const run = rasgap(['inspect', 'fixtures/no-indicative.csv']);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain(
      '  to read it    rasgap analyse fixtures/no-indicative.csv --column indicative="Budget A" --column actual="Budget B"\n',
    );
    expect(run.stdout).toContain(
      '  or in rasgap.config.json: {"columns":{"indicative":"Budget A","actual":"Budget B"}}\n',
    );
  });

  it('no-period.csv suggests --input-period, as a flag and as config', () => {
    const { status, file } = inspect(['fixtures/no-period.csv']);
    expect(status).toBe(0);
    expect(file.flags).toEqual(['--input-period week']);
    expect(file.config).toEqual({ inputPeriod: 'week' });
    const text = rasgap(['inspect', 'fixtures/no-period.csv']).stdout;
    expect(text).toContain('indicative, period not stated');
    expect(text).toContain(
      '  to read it    rasgap analyse fixtures/no-period.csv --input-period week\n',
    );
  });

  it('no-period.csv with --input-period month: the period is taken from the option', () => {
    const { status, file } = inspect(['fixtures/no-period.csv', '--input-period', 'month']);
    expect(status).toBe(0);
    expect(file.flags).toEqual([]);
    expect(file.columns.slice(3).map((c) => c.period)).toEqual([
      { period: 'month', source: 'option' },
      { period: 'month', source: 'option' },
    ]);
  });
});

describe('rasgap inspect: client groups', () => {
  it('legacy-groups.csv: maps the legacy labels and reports Reablement as not recognised', () => {
    const { file } = inspect(['fixtures/legacy-groups.csv']);
    expect(file.clientGroups).toEqual([
      { label: 'LD', canonical: 'Learning Disability Support', count: 2 },
      { label: 'Older people', canonical: 'Older people (legacy, age-based)', count: 2 },
      { label: 'Reablement', canonical: null, count: 2 },
      { label: 'Dementia', canonical: 'Support with Memory & Cognition', count: 1 },
      { label: 'MH', canonical: 'Mental Health Support', count: 1 },
      { label: 'PD', canonical: 'Physical Support', count: 1 },
      { label: 'Sensory impairment', canonical: 'Sensory Support', count: 1 },
    ]);
    const text = rasgap(['inspect', 'fixtures/legacy-groups.csv']).stdout;
    expect(text).toMatch(
      / {4}Reablement +2 {2}not recognised: kept as written \(map it with --group-map\)\n/,
    );
  });

  it('legacy-groups.csv with --group-map: Reablement is mapped', () => {
    const { file } = inspect([
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

  it('cp1252-pounds.csv: the en dash label is decoded and mapped', () => {
    const { file } = inspect(['fixtures/cp1252-pounds.csv']);
    expect(file.clientGroups).toContainEqual({
      label: 'Physical Support – Personal care support',
      canonical: 'Physical Support: Personal care support',
      count: 3,
    });
  });

  // Known bug (reported): inspect tallies the Total and Grand total rows as two people with a
  // blank (Unknown) client group. Turn into `it` when fixed.
  it('foi-titles-total.csv: the Total rows are not counted as client groups', () => {
    const { file } = inspect(['fixtures/foi-titles-total.csv']);
    expect(file.clientGroups.map((group) => group.label)).not.toContain('Unknown');
  });
});
