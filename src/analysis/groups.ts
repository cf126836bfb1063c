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

/** Combined codes up to this many are looked up in an array (256 KB), more in a map. */
const DENSE_SPAN = 1 << 16;

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

  // One pass to number each combined code's group by first appearance and count it, a second
  // to fill each group's rows. Codes are looked up in an array when there are few enough of
  // them, in a map otherwise (a map per row cost more than the rest of the grouping).
  const span = radix.reduce((product, size) => product * size, 1);
  const denseSlots = span <= DENSE_SPAN ? new Int32Array(span).fill(-1) : null;
  const sparseSlots = denseSlots ? null : new Map<number, number>();
  const codeOf: number[] = [];
  const sizes: number[] = [];
  const slotOf = new Uint32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    let code = 0;
    for (let d = 0; d < chosen.length; d++) code = code * radix[d] + chosen[d].codes[rows[k]];
    let slot = denseSlots ? denseSlots[code] : (sparseSlots!.get(code) ?? -1);
    if (slot < 0) {
      slot = codeOf.length;
      codeOf.push(code);
      sizes.push(0);
      if (denseSlots) denseSlots[code] = slot;
      else sparseSlots!.set(code, slot);
    }
    sizes[slot]++;
    slotOf[k] = slot;
  }
  const members = sizes.map((size) => new Uint32Array(size));
  const filled = new Uint32Array(sizes.length);
  for (let k = 0; k < rows.length; k++) {
    const slot = slotOf[k];
    members[slot][filled[slot]++] = rows[k];
  }

  const result = codeOf.map((code, slot) => {
    const parts: number[] = [];
    let rest = code;
    for (let d = chosen.length - 1; d >= 0; d--) {
      parts[d] = rest % radix[d];
      rest = Math.floor(rest / radix[d]);
    }
    const key: Partial<Record<Dimension, string>> = {};
    dimensions.forEach((dimension, d) => (key[dimension] = chosen[d].labels[parts[d]]));
    return { key, label: dimensions.map((d) => key[d]).join(' / '), rows: members[slot], parts };
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
