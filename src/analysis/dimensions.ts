/**
 * What records can be grouped by. Each dimension is a code per record and a label per code, so
 * grouping never touches strings per row. The period dimensions (financial year, quarter, month)
 * come from the date agreed.
 */
import { AGE_BANDS } from '../ingest/age.js';
import {
  canonicalClientGroup,
  compareClientGroups,
  type GroupMap,
} from '../ingest/clientGroups.js';
import type { RecordTable } from '../ingest/records.js';

/** The dimensions every export may have (`column:NAME` adds one per named column). */
export const DIMENSIONS = [
  'clientGroup',
  'ageBand',
  'rawClientGroup',
  'source',
  'financialYear',
  'quarter',
  'month',
] as const;
export type StaticDimension = (typeof DIMENSIONS)[number];
/** A column of the export named by its header (`column:Team`): labels as written, trimmed. */
export type ColumnDimension = `column:${string}`;
export type Dimension = StaticDimension | ColumnDimension;

/** The dimensions worked out from the date agreed, in chronological order of their labels. */
export const PERIOD_DIMENSIONS = ['financialYear', 'quarter', 'month'] as const;
export type PeriodDimension = (typeof PERIOD_DIMENSIONS)[number];

/** The label of records without a date agreed, in every period dimension (listed last). */
export const UNKNOWN_PERIOD = 'Unknown';

/** The names of dimensions on the command line (`--by client-group`). */
export const DIMENSION_FLAGS: Record<StaticDimension, string> = {
  clientGroup: 'client-group',
  ageBand: 'age-band',
  rawClientGroup: 'raw-client-group',
  source: 'source',
  financialYear: 'financial-year',
  quarter: 'quarter',
  month: 'month',
};

/**
 * The dimension as named on the command line: `client-group`, or `column:Team` as it is.
 *
 * @example dimensionFlag('ageBand') // 'age-band'
 */
export function dimensionFlag(dimension: Dimension): string {
  return isColumnDimension(dimension) ? dimension : DIMENSION_FLAGS[dimension];
}

/** @example isColumnDimension('column:Team') // true */
export function isColumnDimension(dimension: string): dimension is ColumnDimension {
  return dimension.startsWith('column:');
}

/** @example columnName('column:Team') // 'Team' */
export function columnName(dimension: ColumnDimension): string {
  return dimension.slice('column:'.length);
}

/** The header names of the column dimensions among `dimensions`, each once ignoring case. */
export function columnNames(dimensions: Iterable<Dimension>): string[] {
  const names = new Map<string, string>();
  for (const dimension of dimensions) {
    if (!isColumnDimension(dimension)) continue;
    const name = columnName(dimension);
    if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  return [...names.values()];
}

/**
 * A column dimension spelled as the header of the first file that has it (`column:team` ->
 * `column:Team`), so that a key is the same however it was typed; other dimensions as they are.
 *
 * @example canonicalDimension(table, 'column:team') // 'column:Team'
 */
export function canonicalDimension<D extends Dimension>(table: RecordTable, dimension: D): D {
  if (!isColumnDimension(dimension)) return dimension;
  const wanted = columnName(dimension).toLowerCase();
  const found = (table.namedColumns ?? []).find((column) => column.key === wanted);
  return (found ? `column:${found.name}` : dimension) as D;
}

/** @example isPeriodDimension('quarter') // true */
export function isPeriodDimension(dimension: string): dimension is PeriodDimension {
  return (PERIOD_DIMENSIONS as readonly string[]).includes(dimension);
}

export interface DimensionColumn {
  /** Code of each record (indexed by table row). */
  codes: ArrayLike<number>;
  /** Label of each code. */
  labels: readonly string[];
  /** Report order of two codes. */
  order: (a: number, b: number) => number;
}

export interface ClientGroupLabel {
  /** The label as written (first spelling seen, ignoring case). */
  label: string;
  /** The canonical label, or null when it is not known and is kept as written. */
  canonical: string | null;
  /** Records with usable amounts that carry it (null when suppressed as a small number). */
  count: number;
  suppressed?: string[];
}

/**
 * Builds the dimension columns for a table, mapping client groups to the canonical taxonomy
 * (after the council's own `groupMap`).
 *
 * @example
 * const { columns, clientGroups } = dimensionColumns(table, {});
 * columns.clientGroup.labels // ['Learning Disability Support', ...]
 */
export function dimensionColumns(
  table: RecordTable,
  groupMap: GroupMap,
): { columns: Record<Dimension, DimensionColumn>; clientGroups: ClientGroupLabel[] } {
  const rawCounts = new Uint32Array(table.clientGroupLabels.length);
  for (let row = 0; row < table.count; row++) rawCounts[table.clientGroup[row]]++;

  const canonicalLabels: string[] = [];
  const canonicalIndex = new Map<string, number>();
  const clientGroups: ClientGroupLabel[] = [];
  const rawToCanonical = table.clientGroupLabels.map((label, raw) => {
    const canonical = canonicalClientGroup(label, groupMap);
    clientGroups.push({ label, canonical, count: rawCounts[raw] });
    const shown = canonical ?? label;
    let index = canonicalIndex.get(shown);
    if (index === undefined) {
      index = canonicalLabels.length;
      canonicalLabels.push(shown);
      canonicalIndex.set(shown, index);
    }
    return index;
  });
  // A byte a record when the labels allow (they nearly always do): 1 MB rather than 4 a million.
  const canonicalCodes =
    canonicalLabels.length <= 256
      ? new Uint8Array(table.count)
      : canonicalLabels.length <= 65536
        ? new Uint16Array(table.count)
        : new Uint32Array(table.count);
  for (let row = 0; row < table.count; row++) {
    canonicalCodes[row] = rawToCanonical[table.clientGroup[row]];
  }

  const named: Record<ColumnDimension, DimensionColumn> = {};
  for (const column of table.namedColumns ?? []) {
    named[`column:${column.name}`] = {
      codes: column.codes,
      labels: column.labels,
      order: (a, b) => rawOrder(column.labels[a], column.labels[b]),
    };
  }
  const periods: Partial<Record<PeriodDimension, DimensionColumn>> = {};
  const lazyPeriod = (dimension: PeriodDimension): DimensionColumn =>
    (periods[dimension] ??= periodColumn(table.dateAgreed, dimension));
  const byLabel =
    (labels: readonly string[]) =>
    (a: number, b: number): number =>
      compareClientGroups(labels[a], labels[b]);
  return {
    columns: {
      clientGroup: {
        codes: canonicalCodes,
        labels: canonicalLabels,
        order: byLabel(canonicalLabels),
      },
      rawClientGroup: {
        codes: table.clientGroup,
        labels: table.clientGroupLabels,
        order: (a, b) => rawOrder(table.clientGroupLabels[a], table.clientGroupLabels[b]),
      },
      ageBand: { codes: table.ageBand, labels: AGE_BANDS, order: (a, b) => a - b },
      source: { codes: table.sourceGroup, labels: table.sourceGroupLabels, order: (a, b) => a - b },
      // Worked out when a breakdown or filter first asks (a table-long array each, and a pass
      // over every date): most runs use none of them.
      get financialYear() {
        return lazyPeriod('financialYear');
      },
      get quarter() {
        return lazyPeriod('quarter');
      },
      get month() {
        return lazyPeriod('month');
      },
      ...named,
    },
    clientGroups: clientGroups.sort((a, b) => b.count - a.count || rawOrder(a.label, b.label)),
  };
}

/** Labels as written: alphabetical (by code point, so the same in every locale), Unknown last. */
function rawOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'Unknown') return 1;
  if (b === 'Unknown') return -1;
  return a < b ? -1 : 1;
}

/**
 * The period of a date agreed as a whole number that counts periods: the financial year's first
 * calendar year (April to March), the quarter of financial years (April to June is Q1) as
 * 4 × year + quarter − 1, or the month as 12 × year + month − 1. NaN for no date. Consecutive
 * periods differ by 1, so a trend's scores are these less the first.
 *
 * @example
 * periodNumber(19448, 'financialYear') // 2023 (2023-04-01 is day 19448)
 * periodNumber(19447, 'quarter') // 2022 * 4 + 3: 2022-23 Q4
 */
export function periodNumber(days: number, dimension: PeriodDimension): number {
  if (!Number.isFinite(days)) return Number.NaN;
  const { year, month } = civilDate(Math.floor(days));
  // Months counted from April of the financial year's first year: April 0, March 11.
  const fromApril = (month + 8) % 12;
  const financialYear = month >= 4 ? year : year - 1;
  switch (dimension) {
    case 'financialYear':
      return financialYear;
    case 'quarter':
      return financialYear * 4 + Math.floor(fromApril / 3);
    case 'month':
      return year * 12 + month - 1;
  }
}

/**
 * The label of a period number: "2023-24", "2023-24 Q1" (April to June), "2023-04".
 *
 * @example
 * periodLabel(2023, 'financialYear') // '2023-24'
 * periodLabel(2023 * 4, 'quarter') // '2023-24 Q1'
 * periodLabel(2023 * 12 + 3, 'month') // '2023-04'
 */
export function periodLabel(period: number, dimension: PeriodDimension): string {
  const financialYear = (first: number): string =>
    `${first}-${String((first + 1) % 100).padStart(2, '0')}`;
  switch (dimension) {
    case 'financialYear':
      return financialYear(period);
    case 'quarter':
      return `${financialYear(Math.floor(period / 4))} Q${(period % 4) + 1}`;
    case 'month':
      return `${Math.floor(period / 12)}-${String((period % 12) + 1).padStart(2, '0')}`;
  }
}

/**
 * A period dimension: one label for every period from the first date agreed to the last (so
 * codes are in time order and a code difference is a number of periods), then Unknown.
 */
function periodColumn(dates: Float64Array, dimension: PeriodDimension): DimensionColumn {
  const numbers = new Float64Array(dates.length);
  let first = Infinity;
  let last = -Infinity;
  // Dates repeat: each day's period is worked out once.
  const seen = new Map<number, number>();
  for (let row = 0; row < dates.length; row++) {
    const day = dates[row];
    let period = seen.get(day);
    if (period === undefined) {
      period = periodNumber(day, dimension);
      seen.set(day, period);
    }
    numbers[row] = period;
    if (period < first) first = period;
    if (period > last) last = period;
  }
  const span = Number.isFinite(first) ? last - first + 1 : 0;
  const labels: string[] = [];
  for (let k = 0; k < span; k++) labels.push(periodLabel(first + k, dimension));
  labels.push(UNKNOWN_PERIOD);
  const codes = new Uint32Array(dates.length);
  for (let row = 0; row < dates.length; row++) {
    codes[row] = Number.isNaN(numbers[row]) ? span : numbers[row] - first;
  }
  return { codes, labels, order: (a, b) => a - b };
}

/**
 * Year and month (1-12) of a day counted from 1970-01-01, in integers (Hinnant's civil_from_days),
 * so that a million rows need no Date objects.
 */
function civilDate(days: number): { year: number; month: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month };
}
