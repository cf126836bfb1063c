import { RasgapError } from '../errors.js';
import type { RecordTable } from '../ingest/records.js';

/**
 * How big a gap still counts as "unchanged", on top of the rounding of the amounts as written
 * (see `roundingSlack`): pounds (in the output period) or a percentage of the indicative budget.
 * The default, 0 pounds, means equal to the precision the export recorded.
 */
export type Tolerance = { kind: 'pounds'; pounds: number } | { kind: 'percent'; percent: number };

/**
 * @example
 * parseTolerance('5')  // { kind: 'pounds', pounds: 5 }
 * parseTolerance('2%') // { kind: 'percent', percent: 2 }
 */
export function parseTolerance(text: string): Tolerance {
  const trimmed = text.trim().replace(/^£/, '');
  const match = /^(\d+(?:\.\d+)?)\s*(%?)$/.exec(trimmed);
  if (!match) {
    throw new RasgapError('USAGE', `--tolerance takes pounds or a percentage, got "${text}"`, {
      fix: 'use e.g. --tolerance 5 (pounds) or --tolerance 2%',
    });
  }
  const value = Number(match[1]);
  return match[2] === '%' ? { kind: 'percent', percent: value } : { kind: 'pounds', pounds: value };
}

/** How the tolerance reads in output, e.g. `£5.00` or `2%`. */
export function describeTolerance(tolerance: Tolerance): string {
  return tolerance.kind === 'percent' ? `${tolerance.percent}%` : `£${tolerance.pounds.toFixed(2)}`;
}

/**
 * Per record, how far apart its two amounts may be (in table units) and still agree to the
 * precision the export recorded them in: half a unit of the last decimal place written, times
 * the periods per year the amount was converted with, for the coarser of the two. An annual
 * column in whole pounds beside a weekly one in pence: £5,843 a year against £112.37 a week
 * (£5,843.24 a year) agree, as each is within £0.50 a year of the other.
 *
 * The precision of an amount is that of its column: the most decimal places written in that
 * column of that file among amounts of the same period. Spreadsheets drop trailing zeros
 * (`239.4`, `100` in a column in pence), so a single cell's digits understate it.
 *
 * Amounts in the same period and the same precision differ by whole units, so they get no slack
 * at all in effect: only differing precisions or periods can make two amounts agree this way.
 *
 * @example
 * const slack = roundingSlack(table); // Float64Array, one value per record
 */
export function roundingSlack(table: RecordTable): Float64Array {
  const { indicative, actual } = amountSlacks(table);
  const slack = new Float64Array(table.count);
  for (let row = 0; row < table.count; row++) slack[row] = Math.max(indicative(row), actual(row));
  return slack;
}

/** What `inspect` says of the precision the amounts were written in. */
export interface RoundingSummary {
  /** Most decimal places written in each amount column (3 means finer than pence). */
  indicativeDecimals: number;
  actualDecimals: number;
  /**
   * Records whose two amounts were written to different precision or in different periods, so
   * that a gap within the coarser one's rounding counts as unchanged (see `roundingSlack`).
   */
  records: number;
  /** The largest such allowance, in table units (pence a year when the periods are known). */
  largestSlack: number;
}

/**
 * The precision of each amount column and where it lets a gap count as unchanged, by the same
 * rule as `roundingSlack`.
 *
 * @example
 * roundingSummary(table) // { indicativeDecimals: 2, actualDecimals: 0, records: 40, largestSlack: 50 }
 */
export function roundingSummary(table: RecordTable): RoundingSummary {
  const { indicative, actual } = amountSlacks(table);
  let indicativeDecimals = 0;
  let actualDecimals = 0;
  let records = 0;
  let largestSlack = 0;
  for (let row = 0; row < table.count; row++) {
    indicativeDecimals = Math.max(indicativeDecimals, table.indicativeDecimals[row]);
    actualDecimals = Math.max(actualDecimals, table.actualDecimals[row]);
    // Equal allowances mean the same period and precision: the amounts differ by whole units.
    const planned = indicative(row);
    const agreed = actual(row);
    if (planned !== agreed) {
      records++;
      largestSlack = Math.max(largestSlack, planned, agreed);
    }
  }
  return { indicativeDecimals, actualDecimals, records, largestSlack };
}

/**
 * Each amount's half-unit of rounding, in table units, at its column's precision: worked out per
 * row when asked rather than kept in two arrays as long as the table.
 */
function amountSlacks(table: RecordTable): {
  indicative: (row: number) => number;
  actual: (row: number) => number;
} {
  const n = table.count;
  const { source, indicativeDecimals, actualDecimals, indicativePerYear, actualPerYear } = table;
  // Most decimal places per (file, role, periods per year): 2 x 256 slots per file.
  let sources = 0;
  for (let row = 0; row < n; row++) if (source[row] + 1 > sources) sources = source[row] + 1;
  const places = new Uint8Array(sources * 512);
  const slot = (file: number, role: number, perYear: number): number =>
    file * 512 + role * 256 + perYear;
  for (let row = 0; row < n; row++) {
    const a = slot(source[row], 0, indicativePerYear[row]);
    if (indicativeDecimals[row] > places[a]) places[a] = indicativeDecimals[row];
    const b = slot(source[row], 1, actualPerYear[row]);
    if (actualDecimals[row] > places[b]) places[b] = actualDecimals[row];
  }
  return {
    indicative: (row) =>
      halfUnit(places[slot(source[row], 0, indicativePerYear[row])]) * indicativePerYear[row],
    actual: (row) =>
      halfUnit(places[slot(source[row], 1, actualPerYear[row])]) * actualPerYear[row],
  };
}

/** Half the last place written, in pence: 50 for whole pounds, 5 for `.5`, 0.5 for pence or finer. */
function halfUnit(decimals: number): number {
  return decimals >= 2 ? 0.5 : decimals === 1 ? 5 : 50;
}
