/**
 * gaps -> groups: which records belong to each client group, age band, or crossing of them.
 */
import { AGE_BANDS } from '../ingest/age.js';
import type { RecordTable } from '../ingest/records.js';

export const DIMENSIONS = ['clientGroup', 'ageBand'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Group {
  key: Partial<Record<Dimension, string>>;
  label: string;
  rows: Uint32Array;
}

/**
 * Splits the used rows by one or more dimensions. Age bands keep their natural order; client
 * groups are sorted by label with "Unknown" last, so the same input always gives the same order.
 *
 * @example
 * groupRows(table, usedRows, ['ageBand']).map((g) => g.label) // ['18-64', '65+']
 */
export function groupRows(
  table: RecordTable,
  rows: Uint32Array,
  dimensions: readonly Dimension[],
): Group[] {
  const codeOf = dimensions.map((dimension) =>
    dimension === 'ageBand' ? table.ageBand : table.clientGroup,
  );
  const labelsOf = dimensions.map((dimension) =>
    dimension === 'ageBand' ? (AGE_BANDS as readonly string[]) : table.clientGroupLabels,
  );
  const radix = labelsOf.map((labels) => Math.max(labels.length, 1));

  // One pass to count each combined code, a second to fill each group's rows.
  const counts = new Map<number, number>();
  const combined = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    let code = 0;
    for (let d = 0; d < dimensions.length; d++) code = code * radix[d] + codeOf[d][rows[k]];
    combined[k] = code;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const groups = new Map<number, { rows: Uint32Array; filled: number }>();
  for (const [code, count] of counts) groups.set(code, { rows: new Uint32Array(count), filled: 0 });
  for (let k = 0; k < rows.length; k++) {
    const group = groups.get(combined[k])!;
    group.rows[group.filled++] = rows[k];
  }

  const result = [...groups.entries()].map(([code, group]) => {
    const parts: number[] = [];
    let rest = code;
    for (let d = dimensions.length - 1; d >= 0; d--) {
      parts[d] = rest % radix[d];
      rest = Math.floor(rest / radix[d]);
    }
    const key: Partial<Record<Dimension, string>> = {};
    dimensions.forEach((dimension, d) => (key[dimension] = labelsOf[d][parts[d]]));
    return { key, label: dimensions.map((d) => key[d]).join(' / '), rows: group.rows, parts };
  });
  result.sort((a, b) => {
    for (let d = 0; d < dimensions.length; d++) {
      const order = compareLabels(dimensions[d], a.parts[d], b.parts[d], labelsOf[d]);
      if (order !== 0) return order;
    }
    return 0;
  });
  return result.map(({ key, label, rows: groupRowsOf }) => ({ key, label, rows: groupRowsOf }));
}

function compareLabels(
  dimension: Dimension,
  a: number,
  b: number,
  labels: readonly string[],
): number {
  if (dimension === 'ageBand') return a - b;
  const labelA = labels[a];
  const labelB = labels[b];
  if (labelA === labelB) return 0;
  if (labelA === 'Unknown') return 1;
  if (labelB === 'Unknown') return -1;
  return labelA < labelB ? -1 : 1;
}
