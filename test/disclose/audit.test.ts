import { readFileSync } from 'node:fs';
import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Auditor, disclosedCells, PENNY } from '../../src/disclose/audit.js';
import { isCount, type CellBounds, type CellSystem } from '../../src/disclose/cells.js';
import { loadHighs } from '../../src/disclose/highs.js';
import { referenceExtreme } from './reference.js';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

/** The verdicts of audit.ts's rules on each hidden cell's range from reference.ts. */
function referenceDisclosed(
  system: CellSystem,
  hidden: number[],
  bounds: ReadonlyMap<number, CellBounds>,
  protection: ReadonlyMap<number, number>,
): number[] {
  const extreme = (target: number, maximise: boolean): number =>
    referenceExtreme(highs, system, hidden, bounds, target, maximise);
  return hidden.filter((cell) => {
    const { field, value } = system.cells[cell];
    const low = value - extreme(cell, false);
    const high = extreme(cell, true) - value;
    const level = protection.get(cell) ?? 0;
    if (isCount(field)) return low < 1 - 1e-9 && high < 1 - 1e-9;
    if (level > 0) return low < level || high < level;
    return low + high < PENNY;
  });
}

describe('the audit', () => {
  // A case found by fuzzing (an independent review, 2026-12-02): a batch's tight boxes left
  // HiGHS's primal simplex stopped without an answer, and the audit counted cells 10 and 2 as
  // disclosed, whose ranges are [144.18, 222.22] and [0, 78.04].
  it('gives the verdicts of a fresh programme for each cell, also where the simplex stalls', () => {
    const saved = JSON.parse(
      readFileSync(new URL('./audit-stuck-simplex.json', import.meta.url), 'utf8'),
    ) as {
      system: Omit<CellSystem, 'at'>;
      bounds: [number, { min: number; max: number | null }][];
      protection: [number, number][];
      keys: number[];
    };
    const system: CellSystem = { ...saved.system, at: () => -1 };
    const bounds = new Map(
      saved.bounds.map(([cell, { min, max }]) => [cell, { min, max: max ?? Infinity }]),
    );
    const protection = new Map(saved.protection);
    const expected = referenceDisclosed(system, saved.keys, bounds, protection);
    expect(expected).not.toContain(10);
    expect(expected).not.toContain(2);
    const hidden = new Set(saved.keys);
    const sorted = (cells: number[]): number[] => [...cells].sort((a, b) => a - b);
    expect(sorted(disclosedCells(highs, system, hidden, bounds, protection))).toEqual(
      sorted(expected),
    );
  });

  it('counts a cell named twice in one relation once, with its coefficients summed', () => {
    // 2x = t and x + y = s, with x = 3, y = 4, t = 6, s = 7.
    const system: CellSystem = {
      cells: [3, 4, 6, 7].map((value, group) => ({ breakdown: 0, group, field: 'n', value })),
      identities: [
        [
          { cell: 0, coefficient: 1 },
          { cell: 0, coefficient: 1 },
          { cell: 2, coefficient: -1 },
        ],
        [
          { cell: 0, coefficient: 1 },
          { cell: 1, coefficient: 1 },
          { cell: 3, coefficient: -1 },
        ],
      ],
      inequalities: [],
      at: () => -1,
    };
    const auditor = new Auditor(highs, system);
    try {
      // x shown: t = 2x is pinned; then x hidden too, everything can move.
      expect(auditor.disclosed(new Set([2, 3, 1]))).toEqual([2]);
      expect(auditor.disclosed(new Set([2, 3, 1, 0]))).toEqual([]);
    } finally {
      auditor.dispose();
    }
    expect(disclosedCells(highs, system, new Set([0, 1, 2, 3]))).toEqual([]);
  });
});
