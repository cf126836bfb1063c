// Builds small RecordTables by hand for the analysis and report tests, the way the reader fills one.
import { AGE_BANDS } from '../../src/ingest/age.js';
import { ExclusionLedger } from '../../src/ingest/exclusions.js';
import { RecordTableBuilder, type RecordTable } from '../../src/ingest/records.js';

export interface TestRow {
  /** Pence per year, as the reader stores amounts of a known period. */
  indicative: number;
  actual: number;
  clientGroup?: string;
  /** One of AGE_BANDS; Unknown when left out. */
  ageBand?: (typeof AGE_BANDS)[number];
  source?: number;
  /** Defaults to the row's position + 2 (line 1 is the header). */
  line?: number;
  /** The `--by source` label (a council); `file <source>` when left out. */
  sourceGroup?: string;
  /** Days since 1970-01-01; NaN (no date) when left out. */
  date?: number;
  /** Person id; no id (person -1) when left out. */
  person?: string;
  /** Row hash; a distinct value per row when left out. */
  hash?: number;
}

/** Whole pounds (or pence) per week -> whole pence per year, as the reader converts weekly amounts. */
export function weekly(pounds: number): number {
  return Math.round(pounds * 100) * 52;
}

export function buildTable(rows: readonly TestRow[]): RecordTable {
  const builder = new RecordTableBuilder(2);
  // The reader keeps one id map per file, so the same id in two files is two people.
  const people = new Map<string, number>();
  rows.forEach((r, k) => {
    const row = builder.next();
    builder.indicative[row] = r.indicative;
    builder.actual[row] = r.actual;
    builder.clientGroup[row] = builder.clientGroupOf(r.clientGroup ?? '');
    builder.ageBand[row] = AGE_BANDS.indexOf(r.ageBand ?? 'Unknown');
    builder.source[row] = r.source ?? 0;
    builder.sourceGroup[row] = builder.sourceGroupOf(r.sourceGroup ?? `file ${r.source ?? 0}`);
    builder.setPoints(row, Number.NaN);
    builder.line[row] = r.line ?? k + 2;
    builder.dateAgreed[row] = r.date ?? Number.NaN;
    builder.rowHash[row] = r.hash ?? 1_000_000 + k;
    if (r.person === undefined) builder.person[row] = -1;
    else {
      const key = `${r.source ?? 0}\u0000${r.person}`;
      let index = people.get(key);
      if (index === undefined) {
        index = builder.addPerson(r.person);
        people.set(key, index);
      }
      builder.person[row] = index;
    }
  });
  return builder.build();
}

/** All row indices 0..count-1. */
export function allRows(table: RecordTable): Uint32Array {
  return Uint32Array.from({ length: table.count }, (_, k) => k);
}

export const MH = 'Mental Health Support';
export const LD = 'Learning Disability Support';

/**
 * Two small exports as the reader would leave them: a.csv (source 0) has 5 data rows, one of them
 * (line 3) already excluded for a blank amount, and person P1 twice; b.csv (source 1) has 3 rows.
 * Amounts are pounds per week.
 */
export function twoFiles(): { table: RecordTable; ledger: ExclusionLedger; rowsRead: number[] } {
  const table = buildTable([
    {
      source: 0,
      line: 2,
      person: 'P1',
      date: 10,
      ageBand: '65+',
      clientGroup: MH,
      indicative: weekly(100),
      actual: weekly(90),
    },
    {
      source: 0,
      line: 4,
      person: 'P1',
      date: 20,
      ageBand: '65+',
      clientGroup: MH,
      indicative: weekly(100),
      actual: weekly(95),
    },
    {
      source: 0,
      line: 5,
      person: 'P2',
      ageBand: '18-64',
      clientGroup: LD,
      indicative: weekly(200),
      actual: weekly(230),
    },
    { source: 0, line: 6, ageBand: '18-64', clientGroup: MH, indicative: 0, actual: weekly(50) },
    {
      source: 1,
      line: 2,
      person: 'P1',
      ageBand: '65+',
      clientGroup: LD,
      indicative: weekly(150),
      actual: weekly(150.5),
    },
    {
      source: 1,
      line: 3,
      person: 'P3',
      ageBand: '18-64',
      clientGroup: LD,
      indicative: weekly(80),
      actual: weekly(80),
    },
    {
      source: 1,
      line: 4,
      person: 'P4',
      clientGroup: MH,
      indicative: weekly(120),
      actual: weekly(100),
    },
  ]);
  const ledger = new ExclusionLedger();
  ledger.add(0, 3, 'missing-value', 'actual: blank');
  return { table, ledger, rowsRead: [5, 3] };
}
