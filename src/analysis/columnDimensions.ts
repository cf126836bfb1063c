/**
 * Checks of `column:NAME` breakdowns that the person running them should hear about: a column of
 * many distinct values (free text, ids, a code per case) makes groups too small to publish, which
 * disclosure then leaves out; a group map of the column's values into a few groups is the fix.
 */
import type { RecordTable } from '../ingest/records.js';
import { plainWarning, type Warning } from '../ingest/warnings.js';
import { columnName, isColumnDimension, type Dimension } from './dimensions.js';

/** More groups than this in a column breakdown are too many to read, and most will be small. */
export const MANY_COLUMN_GROUPS = 50;

/**
 * One warning per column dimension of `dimensions` whose groups over the records used are more
 * than MANY_COLUMN_GROUPS, or mostly under `minCount` people. No count is given: how many groups
 * are small would say how many are left out of the published breakdown.
 *
 * @example
 * columnDimensionWarnings(table, analysis.used, ['column:Case Note'], 5)
 * // [warning: 'column:Case Note has more than 50 distinct values ...']
 */
export function columnDimensionWarnings(
  table: RecordTable,
  used: Uint8Array,
  dimensions: readonly Dimension[],
  minCount: number,
): Warning[] {
  const warnings: Warning[] = [];
  const seen = new Set<string>();
  for (const dimension of dimensions) {
    if (!isColumnDimension(dimension) || seen.has(dimension)) continue;
    seen.add(dimension);
    const key = columnName(dimension).trim().replace(/\s+/g, ' ').toLowerCase();
    const column = (table.namedColumns ?? []).find((item) => item.key === key);
    if (column === undefined) continue;
    const counts = new Uint32Array(column.labels.length);
    for (let row = 0; row < table.count; row++) if (used[row] === 1) counts[column.codes[row]]++;
    let groups = 0;
    let small = 0;
    for (const count of counts) {
      if (count === 0) continue;
      groups++;
      if (count < minCount) small++;
    }
    const fix = `map its values into a few groups before the run (or leave out --by ${dimension})`;
    if (groups > MANY_COLUMN_GROUPS) {
      warnings.push(
        plainWarning(
          `${dimension} has more than ${MANY_COLUMN_GROUPS} distinct values among the records used: a breakdown by it is hard to read and its small groups are left out of what is published; ${fix}`,
        ),
      );
    } else if (minCount > 1 && groups > 1 && small * 2 > groups) {
      warnings.push(
        plainWarning(
          `most groups of ${dimension} have fewer than ${minCount} people, so they are left out of what is published; ${fix}`,
        ),
      );
    }
  }
  return warnings;
}
