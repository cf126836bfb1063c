import { wordWarning } from '../../src/ingest/warnings.js';
import { describe, it, expect } from 'vitest';
import { RasgapError } from '../../src/errors.js';
import {
  AGE_BAND_OLDER,
  AGE_BAND_UNDER_18,
  AGE_BAND_UNKNOWN,
  AGE_BAND_WORKING_AGE,
} from '../../src/ingest/age.js';
import { parseDate } from '../../src/ingest/dates.js';
import { ExclusionLedger } from '../../src/ingest/exclusions.js';
import { ExportReader, type ReaderOptions } from '../../src/ingest/reader.js';
import { hashRow, RecordTableBuilder } from '../../src/ingest/records.js';

/**
 * Feeds records to a fresh ExportReader, numbering them from line 1. A string record is split on
 * commas (test data has no quoted fields); an array is taken as the fields.
 */
function read(
  records: (string | string[])[],
  options: ReaderOptions = {},
  builder = new RecordTableBuilder(),
) {
  const ledger = new ExclusionLedger();
  const reader = new ExportReader('export.csv', 0, builder, ledger, options);
  records.forEach((record, i) => {
    reader.accept(typeof record === 'string' ? record.split(',') : record, i + 1);
  });
  reader.finish();
  return { reader, table: builder.build(), entries: ledger.entries };
}

function errorOf(fn: () => unknown): RasgapError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RasgapError);
    return error as RasgapError;
  }
  throw new Error('expected a RasgapError, but nothing was thrown');
}

const HEADER = 'Person ID,Client Group,Age,Indicative Budget,Actual Budget';

describe('ExportReader: finding the header', () => {
  it('skips title lines and blank lines above the header', () => {
    const { reader, table, entries } = read([
      'Adult social care personal budgets 2023/24',
      'Council:,Exampleshire', // two cells, still a title
      '',
      HEADER,
      'P1,Learning Disability Support,34,100.00,120.00',
    ]);
    expect(reader.header?.line).toBe(4);
    expect(reader.titleLines).toBe(2);
    expect(reader.blankLines).toBe(1);
    expect(reader.rowsRead).toBe(1);
    expect(table.count).toBe(1);
    expect(table.line[0]).toBe(5);
    expect(entries).toEqual([]);
  });

  it('reports the header as written (trimmed), the column of each role and the periods', () => {
    const { reader } = read([
      ' Person ID ,Client Group,Age Band,Indicative Budget (annual),Actual Budget,Team',
      'P1,LD,18-64,5200,100',
    ]);
    expect(reader.header).toEqual({
      line: 1,
      headers: [
        'Person ID',
        'Client Group',
        'Age Band',
        'Indicative Budget (annual)',
        'Actual Budget',
        'Team',
      ],
      columns: {
        personId: 'Person ID',
        clientGroup: 'Client Group',
        ageBand: 'Age Band',
        indicative: 'Indicative Budget (annual)',
        actual: 'Actual Budget',
      },
      periods: {
        indicative: { period: 'year', source: 'header' },
        actual: { period: null, source: 'not-stated' },
      },
    });
    expect(reader.titleLines).toBe(0);
  });

  it('finds a header named only by --column overrides', () => {
    const { reader, table } = read(['Budgets,', 'Ref,RAS £ pw,Cost of plan pw', 'P1,10,12'], {
      columns: { indicative: 'RAS £ pw', actual: 'Cost of plan pw' },
    });
    expect(reader.header?.line).toBe(2);
    expect(reader.header?.columns).toEqual({ indicative: 'RAS £ pw', actual: 'Cost of plan pw' });
    expect(table.indicative[0]).toBe(1000 * 52);
    expect(table.actual[0]).toBe(1200 * 52);
  });

  it('throws COLUMN_AMBIGUOUS as soon as it meets a header with two indicative columns', () => {
    const builder = new RecordTableBuilder();
    const reader = new ExportReader('export.csv', 0, builder, new ExclusionLedger());
    const error = errorOf(() =>
      reader.accept(['ID', 'IB', 'Indicative Budget', 'Actual Budget'], 2),
    );
    expect(error.code).toBe('COLUMN_AMBIGUOUS');
    expect(error.line).toBe(2);
    expect(error.file).toBe('export.csv');
  });
});

describe('ExportReader: files with no usable header', () => {
  it('throws EMPTY_FILE when no record arrived', () => {
    const reader = new ExportReader('e.csv', 0, new RecordTableBuilder(), new ExclusionLedger());
    const error = errorOf(() => reader.finish());
    expect(error.code).toBe('EMPTY_FILE');
    expect(error.file).toBe('e.csv');
  });

  it('throws EMPTY_FILE when there are only blank lines', () => {
    const error = errorOf(() => read(['', ' ', '']));
    expect(error.code).toBe('EMPTY_FILE');
  });

  it('throws NO_HEADER naming --delimiter when no line has two or more cells', () => {
    const error = errorOf(() => read(['Personal budgets', 'No data this quarter']));
    expect(error.code).toBe('NO_HEADER');
    expect(error.fix).toContain('--delimiter');
  });

  it('throws COLUMN_NOT_FOUND naming the first candidate header when the amounts are missing', () => {
    const error = errorOf(() =>
      read(['A title', 'Person ID,Client Group,Budget', 'P1,LD,100', 'P2,MH,200']),
    );
    expect(error.code).toBe('COLUMN_NOT_FOUND');
    expect(error.line).toBe(2);
    expect(error.message).toContain('"Person ID", "Client Group", "Budget"');
    expect(error.fix).toContain('--column indicative=');
  });

  it('gives up searching after 50 lines, using the first candidate', () => {
    const builder = new RecordTableBuilder();
    const reader = new ExportReader('export.csv', 0, builder, new ExclusionLedger());
    reader.accept(['Ref', 'Weekly amount', 'Agreed amount (annual)'], 1);
    for (let line = 2; line <= 49; line++) reader.accept([`P${line}`, '1', '2'], line);
    const error = errorOf(() => reader.accept(['P50', '1', '2'], 50));
    expect(error.code).toBe('COLUMN_NOT_FOUND');
    expect(error.line).toBe(1);
    expect(error.message).toContain('"Ref", "Weekly amount", "Agreed amount (annual)"');
  });

  it('finds a header on the 50th non-blank line', () => {
    const records: string[] = [];
    for (let i = 1; i <= 49; i++) records.push(`Note ${i}`);
    records.push('IB,PB', '1,2');
    const { reader, table } = read(records);
    expect(reader.header?.line).toBe(50);
    expect(reader.titleLines).toBe(49);
    expect(table.count).toBe(1);
  });
});

describe('ExportReader: rows that are not people', () => {
  it('ignores blank lines between rows', () => {
    const { reader, table, entries } = read([
      HEADER,
      'P1,LD,34,100,120',
      '',
      [' '],
      'P2,MH,70,200,180',
    ]);
    expect(reader.blankLines).toBe(2);
    expect(reader.rowsRead).toBe(2);
    expect(table.count).toBe(2);
    expect([...table.line]).toEqual([2, 5]);
    expect(entries).toEqual([]);
  });

  it.each([
    ['Total,,,5000,6000', 'Total'],
    ['TOTAL,,,5000,6000', 'TOTAL'],
    ['Totals,,,5000,6000', 'Totals'],
    ['Total:,,,5000,6000', 'Total:'],
    [',Grand Total,,5000,6000', 'Grand Total'],
    [' , All clients ,,5000,6000', 'All clients'],
    ['All,,,5000,6000', 'All'],
    ['Overall,,,5000,6000', 'Overall'],
  ])('excludes the summary row %j as a total row', (row, label) => {
    const { table, entries, reader } = read([HEADER, 'P1,LD,34,100,120', row]);
    expect(table.count).toBe(1);
    expect(entries).toEqual([{ source: 0, line: 3, reason: 'total-row', detail: `"${label}"` }]);
    expect(reader.rowsRead).toBe(2);
  });

  it('does not take a person whose id merely starts with "Total" for a total row', () => {
    const { table, entries } = read([HEADER, 'Totally-7,LD,34,100,120', 'P2,Total,34,100,120']);
    expect(table.count).toBe(2);
    expect(entries).toEqual([]);
  });

  it('excludes a row with fewer fields than the header as malformed', () => {
    const { table, entries } = read([HEADER, 'P1,LD,34,100', 'P2,MH,70,200,180']);
    expect(table.count).toBe(1);
    expect(entries).toEqual([
      { source: 0, line: 2, reason: 'malformed-row', detail: '4 fields where the header has 5' },
    ]);
  });

  it('excludes a row with extra data as malformed', () => {
    const { table, entries } = read([HEADER, 'P1,LD,34,100,120,oops']);
    expect(table.count).toBe(0);
    expect(entries).toEqual([
      { source: 0, line: 2, reason: 'malformed-row', detail: '6 fields where the header has 5' },
    ]);
  });

  it('accepts a row padded with empty trailing cells', () => {
    const { table, entries } = read([HEADER, 'P1,LD,34,100,120,,', 'P2,LD,34,100,120, , ']);
    expect(entries).toEqual([]);
    expect(table.count).toBe(2);
    expect([...table.line]).toEqual([2, 3]);
  });
});

describe('ExportReader: amounts that cannot be used', () => {
  it('excludes each kind with its reason, line and a detail naming the column', () => {
    const { table, entries } = read([
      HEADER,
      'P1,LD,34,,120', // blank indicative
      'P2,LD,34,100,', // blank actual
      'P3,LD,34,[c],120', // suppressed indicative
      'P4,LD,34,100,*', // suppressed actual
      'P5,LD,34,tbc,120', // invalid indicative
      'P6,LD,34,100,(12.00)', // negative actual
      'P7,LD,34,  ,<5', // both unusable: the indicative one is named
      'P8,LD,34,100,120',
    ]);
    expect(table.count).toBe(1);
    expect(table.line[0]).toBe(9);
    expect(entries).toEqual([
      { source: 0, line: 2, reason: 'missing-value', detail: 'indicative: blank' },
      { source: 0, line: 3, reason: 'missing-value', detail: 'actual: blank' },
      { source: 0, line: 4, reason: 'suppressed-value', detail: 'indicative: "[c]"' },
      { source: 0, line: 5, reason: 'suppressed-value', detail: 'actual: "*"' },
      { source: 0, line: 6, reason: 'invalid-value', detail: 'indicative: "tbc"' },
      { source: 0, line: 7, reason: 'invalid-value', detail: 'actual: "(12.00)"' },
      { source: 0, line: 8, reason: 'missing-value', detail: 'indicative: blank' },
    ]);
  });

  it('keeps a zero indicative budget (it is reported, not excluded)', () => {
    const { table, entries } = read(['ID,IB weekly,PB weekly', 'P1,0,450.00']);
    expect(entries).toEqual([]);
    expect(table.indicative[0]).toBe(0);
    expect(table.actual[0]).toBe(45000 * 52);
  });

  it('records the source index on rows and exclusions', () => {
    const builder = new RecordTableBuilder();
    const ledger = new ExclusionLedger();
    const reader = new ExportReader('b.csv', 3, builder, ledger);
    reader.accept(['IB', 'PB'], 1);
    reader.accept(['1', '2'], 2);
    reader.accept(['x1', '2'], 3);
    reader.finish();
    expect([...builder.build().source]).toEqual([3]);
    expect(ledger.entries).toEqual([
      { source: 3, line: 3, reason: 'invalid-value', detail: 'indicative: "x1"' },
    ]);
  });
});

describe('ExportReader: amounts as pence per year', () => {
  it('keeps amounts as given (whole pence) when nothing says what period they are in', () => {
    const { table, reader } = read([
      ['ID', 'Indicative Budget', 'Actual Budget'],
      ['P1', '£1,234.56', ' £ 12 '],
    ]);
    expect(table.indicative[0]).toBe(123456);
    expect(table.actual[0]).toBe(1200);
    expect(reader.header?.periods).toEqual({
      indicative: { period: null, source: 'not-stated' },
      actual: { period: null, source: 'not-stated' },
    });
  });

  it('a period named per amount (--input-period actual=week) wins over the header', () => {
    const { table, reader } = read(['ID,Indicative Budget,Actual Budget (annual)', 'P1,100,100'], {
      inputPeriod: { indicative: 'year', actual: 'week' },
    });
    expect(reader.header?.periods).toEqual({
      indicative: { period: 'year', source: 'option' },
      actual: { period: 'week', source: 'option' },
    });
    expect([table.indicative[0], table.actual[0]]).toEqual([10000, 520000]);
    expect([table.indicativePerYear[0], table.actualPerYear[0]]).toEqual([1, 52]);
    expect([table.indicativeDecimals[0], table.actualDecimals[0]]).toEqual([0, 0]);
  });

  it('uses the inputPeriod option for amounts whose header does not say', () => {
    const { table, reader } = read(['ID,Indicative Budget,Actual Budget (annual)', 'P1,100,5200'], {
      inputPeriod: { both: 'week' },
    });
    expect(reader.header?.periods).toEqual({
      indicative: { period: 'week', source: 'option' },
      actual: { period: 'year', source: 'header' },
    });
    expect(table.indicative[0]).toBe(520000);
    expect(table.actual[0]).toBe(520000);
  });

  it('reads the period of each row from a frequency column', () => {
    const { table, reader, entries } = read([
      'ID,Indicative Budget,Actual Budget,Budget Frequency',
      'P1,100,100,Weekly',
      'P2,100,100,4 Weekly',
      'P3,100,100,Monthly',
      'P4,100,100,Annual',
      'P5,100,100,',
      'P6,100,100,Quarterly',
    ]);
    expect(reader.header?.periods).toEqual({
      indicative: { period: null, source: 'frequency-column' },
      actual: { period: null, source: 'frequency-column' },
    });
    expect([...table.indicative]).toEqual([520000, 130000, 120000, 10000]);
    expect([...table.actual]).toEqual([520000, 130000, 120000, 10000]);
    expect(entries).toEqual([
      { source: 0, line: 6, reason: 'unknown-period', detail: 'frequency: blank' },
      { source: 0, line: 7, reason: 'unknown-period', detail: 'frequency: "Quarterly"' },
    ]);
  });

  it('lets a period in the header win over the frequency column', () => {
    const { table } = read([
      'ID,Indicative Budget (annual),Actual Budget,Frequency',
      'P1,5200,100,Weekly',
      'P2,5200,100,Monthly',
    ]);
    expect([...table.indicative]).toEqual([520000, 520000]);
    expect([...table.actual]).toEqual([520000, 120000]);
  });

  it('reads weekly, annual, monthly and four-weekly from the headers', () => {
    const { table } = read([
      'Indicative Budget (weekly),Actual Budget (annual)',
      '100.00,5200.00',
      '0.01,0.01',
    ]);
    expect([...table.indicative]).toEqual([10000 * 52, 52]);
    expect([...table.actual]).toEqual([520000, 1]);

    const monthly = read(['IB monthly,PB 4 weekly', '100.00,100.00']).table;
    expect(monthly.indicative[0]).toBe(10000 * 12);
    expect(monthly.actual[0]).toBe(10000 * 13);
  });

  it('gives the same annual figure for the same budget written per week and per year', () => {
    const { table } = read(['ib_weekly,pb_annual', '412.50,21450.00']);
    expect(table.indicative[0]).toBe(table.actual[0]);
  });

  it('reads the period from a £pa or (p/a) header', () => {
    const { table, reader } = read(['Indicative Budget £pa,Actual Budget (p/a)', '5200,5200']);
    expect(reader.header?.periods.indicative).toEqual({ period: 'year', source: 'header' });
    expect(reader.header?.periods.actual).toEqual({ period: 'year', source: 'header' });
    expect(table.indicative[0]).toBe(520000);
    expect(table.actual[0]).toBe(520000);
  });
});

describe('ExportReader: client groups', () => {
  it('keeps the first spelling of each label ignoring case and spaces; blank is Unknown', () => {
    const { table } = read([
      HEADER,
      'P1,Learning Disability Support,34,1,1',
      'P2,learning disability support,34,1,1',
      'P3, LEARNING  DISABILITY SUPPORT ,34,1,1',
      'P4,,34,1,1',
      'P5,Mental Health Support,34,1,1',
      'P6,  ,34,1,1',
      'P7,Learning Disability Support,34,1,1',
    ]);
    expect(table.clientGroupLabels).toEqual([
      'Learning Disability Support',
      'Unknown',
      'Mental Health Support',
    ]);
    expect([...table.clientGroup]).toEqual([0, 0, 0, 1, 2, 1, 0]);
  });

  it('puts every row in Unknown when there is no client group column', () => {
    const { table } = read(['IB,PB', '1,2', '3,4']);
    expect(table.clientGroupLabels).toEqual(['Unknown']);
    expect([...table.clientGroup]).toEqual([0, 0]);
  });
});

describe('ExportReader: age bands', () => {
  it('reads an age band column', () => {
    const { table } = read([
      'ID,Age Band,IB,PB',
      'P1,18-64,1,1',
      'P2,65 and over,1,1',
      'P3,Older people,1,1',
      'P4,Working age,1,1',
      'P5,,1,1',
      'P6,60-69,1,1',
      'P7,Under 18,1,1',
    ]);
    expect([...table.ageBand]).toEqual([
      AGE_BAND_WORKING_AGE,
      AGE_BAND_OLDER,
      AGE_BAND_OLDER,
      AGE_BAND_WORKING_AGE,
      AGE_BAND_UNKNOWN,
      AGE_BAND_UNKNOWN,
      AGE_BAND_UNDER_18,
    ]);
  });

  it('reads an age column', () => {
    const { table } = read([
      HEADER,
      'P1,LD,17,1,1',
      'P2,LD,18,1,1',
      'P3,LD,64,1,1',
      'P4,LD,65,1,1',
      'P5,LD,,1,1',
      'P6,LD,unknown,1,1',
    ]);
    expect([...table.ageBand]).toEqual([
      AGE_BAND_UNDER_18,
      AGE_BAND_WORKING_AGE,
      AGE_BAND_WORKING_AGE,
      AGE_BAND_OLDER,
      AGE_BAND_UNKNOWN,
      AGE_BAND_UNKNOWN,
    ]);
  });

  it('falls back from an unknown age band to the age column', () => {
    const { table } = read([
      'ID,Age Band,Age,IB,PB',
      'P1,60-69,67,1,1',
      'P2,65+,40,1,1', // the band wins when it is known
      'P3,,,1,1',
    ]);
    expect([...table.ageBand]).toEqual([AGE_BAND_OLDER, AGE_BAND_OLDER, AGE_BAND_UNKNOWN]);
  });

  it('works the age out from date of birth and date agreed, to the day', () => {
    const { table } = read([
      'ID,Date of Birth,IB,PB,Date Agreed',
      'P1,15/06/1958,1,1,14/06/2023', // one day short of 65
      'P2,15/06/1958,1,1,15/06/2023', // 65th birthday
      'P3,1958-06-15,1,1,2023-12-01',
      'P4,15/06/2010,1,1,01/04/2023',
      'P5,,1,1,01/04/2023',
      'P6,15/06/1958,1,1,', // no date agreed and no asOf
    ]);
    expect([...table.ageBand]).toEqual([
      AGE_BAND_WORKING_AGE,
      AGE_BAND_OLDER,
      AGE_BAND_OLDER,
      AGE_BAND_UNDER_18,
      AGE_BAND_UNKNOWN,
      AGE_BAND_UNKNOWN,
    ]);
  });

  it('uses asOf for the age when a row has no date agreed', () => {
    const asOf = parseDate('01/04/2024');
    const { table } = read(
      ['ID,DOB,IB,PB,Date Agreed', 'P1,01/01/1959,1,1,', 'P2,01/01/1959,1,1,01/04/2023'],
      { asOf },
    );
    // 65 on the asOf date; 64 on the date agreed, which wins when present.
    expect([...table.ageBand]).toEqual([AGE_BAND_OLDER, AGE_BAND_WORKING_AGE]);

    const noDateColumn = read(['ID,DOB,IB,PB', 'P1,01/01/1959,1,1'], { asOf }).table;
    expect(noDateColumn.ageBand[0]).toBe(AGE_BAND_OLDER);
  });

  it('places a year of birth only when both possible ages fall in one band', () => {
    const { table } = read([
      'ID,Year of Birth,IB,PB,Date Agreed',
      'P1,1950,1,1,01/06/2023', // 72 or 73
      'P2,1990,1,1,01/06/2023', // 32 or 33
      'P3,1958,1,1,01/06/2023', // 64 or 65: ambiguous
      'P4,1957,1,1,01/06/2023', // 65 or 66
      'P5,1959,1,1,01/06/2023', // 63 or 64
      'P6,2005,1,1,01/06/2023', // 17 or 18: ambiguous
      'P7,,1,1,01/06/2023',
      'P8,19x0,1,1,01/06/2023',
      'P9,1950,1,1,', // no reference date
    ]);
    expect([...table.ageBand]).toEqual([
      AGE_BAND_OLDER,
      AGE_BAND_WORKING_AGE,
      AGE_BAND_UNKNOWN,
      AGE_BAND_OLDER,
      AGE_BAND_WORKING_AGE,
      AGE_BAND_UNKNOWN,
      AGE_BAND_UNKNOWN,
      AGE_BAND_UNKNOWN,
      AGE_BAND_UNKNOWN,
    ]);
  });

  it('is Unknown when the export has nothing about age', () => {
    const { table } = read(['IB,PB', '1,2']);
    expect(table.ageBand[0]).toBe(AGE_BAND_UNKNOWN);
  });
});

describe('ExportReader: dates, people and row hashes', () => {
  it('stores the date agreed as days, NaN when blank or not a date', () => {
    const { table } = read([
      'ID,IB,PB,Date Agreed',
      'P1,1,1,12/03/2023',
      'P2,1,1,2023-03-12',
      'P3,1,1,',
      'P4,1,1,31/02/2023',
      'P5,1,1,12/03/2023',
    ]);
    expect(table.dateAgreed[0]).toBe(Date.UTC(2023, 2, 12) / 86_400_000);
    expect(table.dateAgreed[1]).toBe(table.dateAgreed[0]);
    expect(table.dateAgreed[2]).toBeNaN();
    expect(table.dateAgreed[3]).toBeNaN();
    expect(table.dateAgreed[4]).toBe(table.dateAgreed[0]);
  });

  it('indexes person ids: the same id, ignoring padding, is the same person; blank is -1', () => {
    const { table } = read([
      'Client ID,IB,PB',
      'C1,1,1',
      'C2,1,1',
      ' C1 ,1,1',
      ',1,1',
      'C3,1,1',
      'C2,1,1',
    ]);
    expect(table.personIds.toArray()).toEqual(['C1', 'C2', 'C3']);
    expect([...table.person]).toEqual([0, 1, 0, -1, 2, 1]);
  });

  it('keeps person ids case-sensitive', () => {
    const { table } = read(['Client ID,IB,PB', 'ab1,1,1', 'AB1,1,1']);
    expect(table.personIds.toArray()).toEqual(['ab1', 'AB1']);
  });

  it('sets every person to -1 when there is no id column', () => {
    const { table } = read(['IB,PB', '1,1', '2,2']);
    expect(table.personIds.toArray()).toEqual([]);
    expect([...table.person]).toEqual([-1, -1]);
  });

  it('hashes identical rows alike and different rows differently', () => {
    const { table } = read([
      HEADER,
      'P1,LD,34,100,120',
      'P1,LD,34,100,120',
      'P1,LD,34,100,121',
      'P1,LD,3,4100,120', // same characters, different field boundary
      'P1,LD,34,100 ,120', // a trailing space counts
    ]);
    expect(table.rowHash[0]).toBe(table.rowHash[1]);
    expect(table.rowHash[0]).toBe(hashRow(['P1', 'LD', '34', '100', '120']));
    const distinct = new Set([
      table.rowHash[0],
      table.rowHash[2],
      table.rowHash[3],
      table.rowHash[4],
    ]);
    expect(distinct.size).toBe(4);
    for (const hash of table.rowHash) {
      expect(Number.isSafeInteger(hash)).toBe(true);
      expect(hash).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('ExportReader: many rows', () => {
  it('grows the table past its initial capacity without losing rows', () => {
    const records = ['Client ID,Client Group,Age,IB weekly,PB weekly'];
    for (let i = 0; i < 100; i++) records.push(`C${i % 7},G${i % 3},${20 + i},${i},${i + 1}`);
    const { table } = read(records, {}, new RecordTableBuilder(2));
    expect(table.count).toBe(100);
    expect(table.indicative[99]).toBe(9900 * 52);
    expect(table.actual[0]).toBe(100 * 52);
    expect(table.line[99]).toBe(101);
    expect(table.personIds).toHaveLength(7);
    expect(table.person[99]).toBe(99 % 7);
    expect(table.clientGroupLabels).toEqual(['G0', 'G1', 'G2']);
    expect(table.ageBand[0]).toBe(AGE_BAND_WORKING_AGE);
    expect(table.ageBand[99]).toBe(AGE_BAND_OLDER);
  });
});

describe('ExportReader: warnings and unlabelled totals', () => {
  const HEAD = 'Person ID,Client Group,Indicative Budget (weekly),Actual Budget (weekly)';

  it('a totals row with no label, equal to the sums above, is a total-row', () => {
    const { table, entries } = read([HEAD, '1,LD,100,110', '2,MH,200,190', ',,300,300']);
    expect(table.count).toBe(2);
    expect(entries).toEqual([
      {
        source: 0,
        line: 4,
        reason: 'total-row',
        detail: 'no label; the amounts are the sums of the rows above',
      },
    ]);
  });

  it('a blank-labelled row whose amounts are not the sums is a person', () => {
    const { table, entries } = read([HEAD, '1,LD,100,110', '2,MH,200,190', ',,300,299']);
    expect([table.count, entries]).toEqual([3, []]);
  });

  it('a row with an id is a person even when its amounts equal the sums', () => {
    const { table } = read([HEAD, '1,LD,100,110', '2,MH,200,190', '3,,300,300']);
    expect(table.count).toBe(3);
  });

  it('ages from a year of birth with no date agreed and no --as-of: counted and warned', () => {
    const { reader, table } = read([
      'Person ID,Year of Birth,Indicative Budget (weekly),Actual Budget (weekly)',
      '1,1950,100,90',
      '2,1990,100,110',
      '3,,100,110',
    ]);
    expect(Array.from(table.ageBand)).toEqual([3, 3, 3]);
    expect(reader.warnings().map(wordWarning)).toEqual([
      'export.csv: no age could be worked out from "Year of Birth" for 2 rows (age band Unknown): there is no date agreed column; pass --as-of DATE (e.g. --as-of 31/03/2025) to work ages out at that date',
    ]);
  });

  it('with --as-of there is nothing to warn about', () => {
    const { reader, table } = read(
      [
        'Person ID,Date of Birth,Indicative Budget (weekly),Actual Budget (weekly)',
        '1,15/06/1950,100,90',
        '2,15/06/1990,100,110',
      ],
      { asOf: Date.UTC(2025, 2, 31) / 86_400_000 },
    );
    expect(Array.from(table.ageBand)).toEqual([2, 1]);
    expect(reader.warnings().map(wordWarning)).toEqual([]);
  });

  it('a date agreed that does not parse is counted and warned about', () => {
    const { reader, table } = read([
      'Person ID,Date Agreed,Indicative Budget (weekly),Actual Budget (weekly)',
      '1,01/13/2023,100,90',
      '2,01/12/2023,100,110',
      '3,,100,110',
    ]);
    expect(Number.isNaN(table.dateAgreed[0])).toBe(true);
    expect(reader.warnings().map(wordWarning)).toEqual([
      'export.csv:2: 1 row has a date agreed in "Date Agreed" that is not a date (e.g. "01/13/2023"; dates are read day first, DD/MM/YYYY or YYYY-MM-DD); they are kept as undated, so a repeated person\'s latest record may be chosen wrongly: correct the dates',
    ]);
  });
});
