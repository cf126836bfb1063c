/**
 * gaps -> groups: which records belong to each value of a dimension, or crossing of dimensions.
 */
import type { Dimension, DimensionColumn } from './dimensions.js';

export { DIMENSIONS, type Dimension } from './dimensions.js';

export interface Group {
  key: Partial<Record<Dimension, string>>;
  label: string;
  rows: Uint32Array;
}

/**
 * Splits the used rows by one or more dimensions, in each dimension's report order, so the same
 * input always gives the same order.
 *
 * @example
 * groupRows(columns, usedRows, ['ageBand']).map((g) => g.label) // ['18-64', '65+']
 */
export function groupRows(
  columns: Record<Dimension, DimensionColumn>,
  rows: Uint32Array,
  dimensions: readonly Dimension[],
): Group[] {
  const chosen = dimensions.map((dimension) => columns[dimension]);
  const radix = chosen.map((column) => Math.max(column.labels.length, 1));

  // One pass to count each combined code, a second to fill each group's rows.
  const counts = new Map<number, number>();
  // Codes below 2^32 (nearly always: the product of the dimensions' label counts) fit in 4 bytes.
  const span = radix.reduce((product, size) => product * size, 1);
  const combined = span <= 2 ** 32 ? new Uint32Array(rows.length) : new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    let code = 0;
    for (let d = 0; d < chosen.length; d++) code = code * radix[d] + chosen[d].codes[rows[k]];
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
    for (let d = chosen.length - 1; d >= 0; d--) {
      parts[d] = rest % radix[d];
      rest = Math.floor(rest / radix[d]);
    }
    const key: Partial<Record<Dimension, string>> = {};
    dimensions.forEach((dimension, d) => (key[dimension] = chosen[d].labels[parts[d]]));
    return { key, label: dimensions.map((d) => key[d]).join(' / '), rows: group.rows, parts };
  });
  result.sort((a, b) => {
    for (let d = 0; d < chosen.length; d++) {
      const order = chosen[d].order(a.parts[d], b.parts[d]);
      if (order !== 0) return order;
    }
    return 0;
  });
  return result.map(({ key, label, rows: groupRowsOf }) => ({ key, label, rows: groupRowsOf }));
}
