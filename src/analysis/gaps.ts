/**
 * records -> gaps. Per record: gap = actual - indicative, the percentage gap relative to the
 * indicative budget (NaN when the indicative is zero: never divide by zero), and the direction.
 */
import type { RecordTable } from '../ingest/records.js';
import type { Tolerance } from './tolerance.js';

export const UP = 1;
export const DOWN = -1;
export const UNCHANGED = 0;

export interface Gaps {
  /** actual - indicative, in the table's amount unit (pence per year when the period is known). */
  gap: Float64Array;
  /** gap / indicative x 100; NaN where the indicative budget is 0. */
  pctGap: Float64Array;
  /** UP, DOWN or UNCHANGED. */
  direction: Int8Array;
  /**
   * 1 where the record is UNCHANGED only because its amounts agree to the precision they were
   * written in (they differ, by more than the --tolerance alone allows).
   */
  withinRounding: Uint8Array;
}

/**
 * @param toleranceUnits the pounds tolerance expressed in the table's amount unit (pence per year
 *   for known periods), so that the comparison stays in exact whole numbers.
 * @param slack per record, how far apart its amounts may be and still agree to the precision they
 *   were written in (`roundingSlack`); the tolerance adds to it. Left out: none.
 *
 * @example
 * // indicative £100, actual £95 a week, tolerance 0: gap -£5, -5%, DOWN
 */
export function computeGaps(
  table: RecordTable,
  tolerance: Tolerance,
  toleranceUnits: number,
  slack?: Float64Array,
): Gaps {
  const n = table.count;
  const gap = new Float64Array(n);
  const pctGap = new Float64Array(n);
  const direction = new Int8Array(n);
  const withinRounding = new Uint8Array(n);
  const { indicative, actual } = table;
  const percent = tolerance.kind === 'percent' ? tolerance.percent : -1;
  for (let i = 0; i < n; i++) {
    const planned = indicative[i];
    const difference = actual[i] - planned;
    gap[i] = difference;
    pctGap[i] = planned === 0 ? Number.NaN : (difference / planned) * 100;
    const size = Math.abs(difference);
    // The relative slack absorbs binary rounding (2.3% of £10 is 23p exactly, but 2.3 * 52000
    // is 119599.99999999999 in floating point); real gaps differ by at least a penny.
    const allowed = percent >= 0 ? percent * planned * (1 + 1e-12) : toleranceUnits * 100;
    const rounding = slack === undefined ? 0 : slack[i] * 100;
    if (size * 100 <= allowed) direction[i] = UNCHANGED;
    else if (size * 100 <= allowed + rounding) {
      direction[i] = UNCHANGED;
      withinRounding[i] = 1;
    } else direction[i] = difference > 0 ? UP : DOWN;
  }
  return { gap, pctGap, direction, withinRounding };
}
