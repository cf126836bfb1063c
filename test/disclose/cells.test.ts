import { describe, expect, it } from 'vitest';
import { relationsOfCells } from '../../src/disclose/cells.js';

describe('relationsOfCells', () => {
  it('lists, for each cell, the relations it is a term of, in order', () => {
    const term = (cell: number, coefficient = 1) => ({ cell, coefficient });
    // n = up + down + unchanged (cells 0 = n, 1 up, 2 down, 3 unchanged); zeroIndicative (4) <= n.
    const relations = [
      [term(0), term(1, -1), term(2, -1), term(3, -1)],
      [term(4), term(0, -1)],
    ];
    expect(relationsOfCells(6, relations)).toEqual([[0, 1], [0], [0], [0], [1], []]);
  });

  it('names a cell twice where a relation names it twice (merge the terms first if it must not)', () => {
    expect(
      relationsOfCells(2, [
        [
          { cell: 1, coefficient: 1 },
          { cell: 1, coefficient: -2 },
        ],
      ]),
    ).toEqual([[], [0, 0]]);
  });
});
