import { describe, expect, it } from 'vitest';
import { groupCodes, splitOrders, type MeasureOrders } from '../../src/analysis/orders.js';

describe('groupCodes', () => {
  it('uses the narrowest integers that hold the groups, over the given buffer', () => {
    const buffer = new ArrayBuffer(4 * 10);
    expect(groupCodes(buffer, 10, 256)).toBeInstanceOf(Uint8Array);
    expect(groupCodes(buffer, 10, 257)).toBeInstanceOf(Uint16Array);
    expect(groupCodes(buffer, 10, 65537)).toBeInstanceOf(Int32Array);
    expect(groupCodes(buffer, 10, 300).buffer).toBe(buffer);
    expect(groupCodes(buffer, 10, 300)).toHaveLength(10);
  });
});

describe('splitOrders', () => {
  it("keeps each group's rows in the order's order, whatever the codes' width", () => {
    // Rows 0-9; an order of them; groups by row % 3, placed as group 0, 1 or 2 (or 300-302).
    const order = Uint32Array.of(7, 2, 9, 0, 4, 1, 8, 3, 6, 5);
    const orders: MeasureOrders = {
      gap: order,
      pct: order.slice(0, 6),
      absGap: order.slice(3),
      indicative: order.slice().reverse(),
      actual: order,
    };
    const expected = (list: Uint32Array, group: number): number[] =>
      Array.from(list).filter((row) => row % 3 === group);
    for (const groups of [3, 300, 70000]) {
      const codes = groupCodes(new ArrayBuffer(40), 10, groups);
      for (let row = 0; row < 10; row++) codes[row] = (row % 3) + (groups - 3);
      const split = splitOrders(orders, codes, groups);
      for (let group = 0; group < 3; group++) {
        const got = split[groups - 3 + group];
        expect(Array.from(got.gap), `${groups}`).toEqual(expected(orders.gap, group));
        expect(Array.from(got.pct)).toEqual(expected(orders.pct, group));
        expect(Array.from(got.absGap)).toEqual(expected(orders.absGap, group));
        expect(Array.from(got.indicative)).toEqual(expected(orders.indicative, group));
      }
    }
  });
});
