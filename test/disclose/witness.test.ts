import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Auditor, PENNY } from '../../src/disclose/audit.js';
import {
  cellSystem,
  isCount,
  relationsOfCells,
  type CellBounds,
  type CellField,
  type CellSystem,
  type RowCells,
} from '../../src/disclose/cells.js';
import { loadHighs } from '../../src/disclose/highs.js';
import { nullSpace, witnessed, type CellLimits } from '../../src/disclose/witness.js';
import { referenceExtreme } from './reference.js';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

/** A 2 × 2 table of counts with its row and column totals: cells 0-3 inside, 4-5 rows, 6-7 columns. */
function twoByTwo(values: [number, number, number, number]): {
  relations: { terms: { cell: number; coefficient: number }[]; equal: boolean }[];
  value: (cell: number) => number;
} {
  const [a, b, c, d] = values;
  const all = [a, b, c, d, a + b, c + d, a + c, b + d];
  const sum = (x: number, y: number, total: number) => ({
    terms: [
      { cell: x, coefficient: 1 },
      { cell: y, coefficient: 1 },
      { cell: total, coefficient: -1 },
    ],
    equal: true,
  });
  return {
    relations: [sum(0, 1, 4), sum(2, 3, 5), sum(0, 2, 6), sum(1, 3, 7)],
    value: (cell) => all[cell],
  };
}

const countLimits =
  (value: (cell: number) => number, bounds: Map<number, CellBounds> = new Map()) =>
  (cell: number): CellLimits => ({
    value: value(cell),
    lower: bounds.get(cell)?.min ?? 0,
    upper: bounds.get(cell)?.max ?? Infinity,
    reach: 1 - 1e-9,
    count: true,
    bothSides: false,
  });

describe('nullSpace', () => {
  it('gives k - rank directions, each keeping every row', () => {
    const rows = [Float64Array.of(1, 1, 0, -1), Float64Array.of(0, 2, 2, -2)];
    const copy = rows.map((row) => row.slice());
    const basis = nullSpace(rows, 4);
    expect(basis).toHaveLength(2);
    for (const direction of basis) {
      for (const row of copy) {
        expect(row.reduce((sum, a, j) => sum + a * direction[j], 0)).toBeCloseTo(0, 12);
      }
    }
  });
});

/** What witnesses free in a 2 × 2 table (totals shown) with the given cells hidden. */
function freedInTable(
  values: [number, number, number, number],
  hidden: Set<number>,
  bounds: Map<number, CellBounds> = new Map(),
): { above: number[]; below: number[] } {
  const { relations, value } = twoByTwo(values);
  const relationsOf = relationsOfCells(
    8,
    relations.map((r) => r.terms),
  );
  const limits = countLimits(value, bounds);
  const { above, below } = witnessed(relations, relationsOf, value, hidden, hidden, limits);
  return { above: [...above].sort(), below: [...below].sort() };
}

describe('witnessed', () => {
  it('frees the four hidden cells of a 2 × 2 table with its totals shown (one cycle)', () => {
    const { above, below } = freedInTable([3, 7, 6, 2], new Set([0, 1, 2, 3]));
    expect(new Set([...above, ...below])).toEqual(new Set([0, 1, 2, 3]));
  });

  it('frees nothing a total pins: one hidden cell in a row', () => {
    expect(freedInTable([3, 7, 6, 2], new Set([0]))).toEqual({ above: [], below: [] });
  });

  it('moves no cell past what a reader knows of it: a cycle through a zero goes one way only', () => {
    // a = 0 cannot go down, so the cycle runs a+1, b-1, c-1, d+1: b and c are freed below only.
    const hidden = new Set([0, 1, 2, 3]);
    expect(freedInTable([0, 7, 6, 2], hidden)).toEqual({ above: [0, 3], below: [1, 2] });
    // With b known to be at least 7 (its true value), no point moves anything.
    const atLeast = new Map([[1, { min: 7, max: Infinity }]]);
    expect(freedInTable([0, 7, 6, 2], hidden, atLeast)).toEqual({ above: [], below: [] });
  });
});

describe('witnessed beside large values (cases from an independent review)', () => {
  // A protected total of £0.005 (reach £0.0005) beside £1bn: the checks must allow no slack
  // that grows with the values, or the £1bn lends the small cell room it does not have.
  const money = (value: number, lower = 0, upper = Infinity): CellLimits => ({
    value,
    lower,
    upper,
    reach: 0.0005,
    count: false,
    bothSides: true,
  });
  const terms = (...pairs: [number, number][]) =>
    pairs.map(([cell, coefficient]) => ({ cell, coefficient }));

  it('frees nothing a bound at its true value pins: a + b = T, a known to be £1bn', () => {
    // Cells: 0 = a (hidden, bounds [1e9, 1e9]), 1 = b (hidden), 2 = T (published).
    const values = [1e9, 0.005, 1e9 + 0.005];
    const relations = [{ terms: terms([0, 1], [1, 1], [2, -1]), equal: true }];
    const relationsOf = relationsOfCells(3, [relations[0].terms]);
    const limits = [money(1e9, 1e9, 1e9), money(0.005)];
    const { above, below } = witnessed(
      relations,
      relationsOf,
      (cell) => values[cell],
      new Set([0, 1]),
      [1],
      (cell) => limits[cell],
    );
    expect([...above, ...below]).toEqual([]);
  });

  it('keeps an inequality whose room is nothing: b + P - Q <= 0 with P and Q near £1bn', () => {
    // Cells: 0 = b (hidden), 1 = P, 2 = Q (published); b can fall to 0 but not rise.
    const values = [0.005, 1e9, 1e9 + 0.005];
    const relations = [{ terms: terms([0, 1], [1, 1], [2, -1]), equal: false }];
    const relationsOf = relationsOfCells(3, [relations[0].terms]);
    const { above, below } = witnessed(
      relations,
      relationsOf,
      (cell) => values[cell],
      new Set([0]),
      [0],
      () => money(0.005),
    );
    expect(above.has(0)).toBe(false);
    expect(below.has(0)).toBe(true);
  });
});

/** Small seeded generator (mulberry32), so that a failing case can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A report's cells: an overall row and one breakdown of 2 to 4 groups, with five gap bands. */
function randomSystem(next: () => number): CellSystem {
  const int = (max: number) => Math.floor(next() * (max + 1));
  const row = (): RowCells => {
    const [up, down, unchanged] = [int(12), int(12), int(6)];
    const [zeroUp, zeroSame] = [int(Math.min(up, 2)), int(Math.min(unchanged, 2))];
    const cut = int(down);
    const rise = int(up - zeroUp);
    const totalIndicative = Math.round(next() * 5_000_00) / 100;
    const totalActual = Math.round(next() * 5_000_00) / 100;
    return {
      up,
      down,
      unchanged,
      n: up + down + unchanged,
      zeroIndicative: zeroUp + zeroSame,
      totalIndicative,
      totalActual,
      netGap: Math.round((totalActual - totalIndicative) * 100) / 100,
      bands: [cut, down - cut, unchanged - zeroSame, rise, up - zeroUp - rise],
    };
  };
  const groups = Array.from({ length: 2 + int(2) }, (_, g) => ({
    ...row(),
    key: { ageBand: `band ${g}` },
  }));
  const total = (field: keyof RowCells): number =>
    groups.reduce((sum, group) => sum + (group[field] as number), 0);
  const overall: RowCells = {
    up: total('up'),
    down: total('down'),
    unchanged: total('unchanged'),
    n: total('n'),
    zeroIndicative: total('zeroIndicative'),
    totalIndicative: total('totalIndicative'),
    totalActual: total('totalActual'),
    netGap: total('netGap'),
    bands: [0, 1, 2, 3, 4].map((i) => groups.reduce((sum, group) => sum + group.bands![i], 0)),
  };
  const directions = ['down', 'down', 'unchanged', 'up', 'up'] as const;
  return cellSystem({
    overall,
    breakdowns: [{ by: ['ageBand'], groups }],
    clientGroups: [],
    gapBands: { bands: directions.map((direction) => ({ direction })) },
  });
}

describe('witnesses against fresh programmes (random systems)', () => {
  it('frees only sides a reference programme frees, and the auditor gives its verdicts', () => {
    const next = random(20261202);
    let claims = 0;
    for (let trial = 0; trial < 80; trial++) {
      const system = randomSystem(next);
      // Rectangles (two rows by two fields of a kind), as suppression hides them, and a few
      // cells at random.
      const hidden = new Set<number>();
      const groups = new Set(system.cells.map((cell) => cell.group)).size - 1;
      const counts = ['up', 'down', 'unchanged', 'n', 'zeroIndicative', 'bands[1]', 'bands[3]'];
      const money = ['totalIndicative', 'totalActual', 'netGap'];
      const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
      for (let r = 1 + Math.floor(next() * 3); r > 0; r--) {
        const fields = pick([counts, money]);
        const rows = [-1, ...Array.from({ length: groups }, (_, g) => g)];
        const [g1, g2] = [pick(rows), pick(rows)];
        for (const field of [pick(fields), pick(fields)] as CellField[]) {
          for (const g of [g1, g2]) hidden.add(system.at(g < 0 ? -1 : 0, g, field));
        }
      }
      for (let extra = Math.floor(next() * 3); extra > 0; extra--) {
        hidden.add(Math.floor(next() * system.cells.length));
      }
      const bounds = new Map<number, CellBounds>();
      const protection = new Map<number, number>();
      for (const cell of hidden) {
        const { field, value } = system.cells[cell];
        if (isCount(field) && value >= 1 && value <= 4 && next() < 0.5) {
          bounds.set(cell, { min: 1, max: 4 });
        }
        if (!isCount(field) && next() < 0.3) protection.set(cell, 0.1 * Math.abs(value));
      }
      const relations = [
        ...system.identities.map((terms) => ({ terms, equal: true })),
        ...system.inequalities.map((terms) => ({ terms, equal: false })),
      ];
      const relationsOf = relationsOfCells(
        system.cells.length,
        relations.map((r) => r.terms),
      );
      const limitsOf = (cell: number): CellLimits => {
        const { field, value } = system.cells[cell];
        const count = isCount(field);
        const need = count ? 1 - 1e-9 : (protection.get(cell) ?? 0);
        return {
          value,
          lower: bounds.get(cell)?.min ?? (field === 'netGap' ? -Infinity : 0),
          upper: bounds.get(cell)?.max ?? Infinity,
          reach: count || need > 0 ? need : PENNY,
          count,
          bothSides: !count && need > 0,
        };
      };
      const value = (cell: number) => system.cells[cell].value;
      const { above, below } = witnessed(relations, relationsOf, value, hidden, hidden, limitsOf);
      const list = [...hidden];
      for (const cell of above) {
        const room = referenceExtreme(highs, system, list, bounds, cell, true) - value(cell);
        expect(room, `trial ${trial}, cell ${cell} above`).toBeGreaterThanOrEqual(
          limitsOf(cell).reach - 1e-6,
        );
        claims++;
      }
      for (const cell of below) {
        const room = value(cell) - referenceExtreme(highs, system, list, bounds, cell, false);
        expect(room, `trial ${trial}, cell ${cell} below`).toBeGreaterThanOrEqual(
          limitsOf(cell).reach - 1e-6,
        );
        claims++;
      }
      // The auditor (witnesses, then HiGHS for the rest) against each cell's reference range.
      const expected = list.filter((cell) => {
        const low = value(cell) - referenceExtreme(highs, system, list, bounds, cell, false);
        const high = referenceExtreme(highs, system, list, bounds, cell, true) - value(cell);
        const { count, bothSides, reach } = limitsOf(cell);
        if (count) return low < reach && high < reach;
        if (bothSides) return low < reach || high < reach;
        return low + high < PENNY;
      });
      const auditor = new Auditor(highs, system, bounds, protection);
      try {
        expect(auditor.disclosed(hidden), `trial ${trial}`).toEqual(expected);
      } finally {
        auditor.dispose();
      }
    }
    // The check means something only if witnesses free a good share of cells.
    expect(claims).toBeGreaterThan(100);
  });

  it('settles an audit without starting the solver when witnesses free every hidden cell', () => {
    const system = randomSystem(random(7));
    // The money totals of the first two groups (net gaps shown): a cycle through the rows' net
    // gaps and the columns' sums.
    const hidden = new Set(
      (['totalIndicative', 'totalActual'] as const).flatMap((field) => [
        system.at(0, 0, field),
        system.at(0, 1, field),
      ]),
    );
    const refusing = {
      ...highs,
      createModel: () => {
        throw new Error('the solver was started');
      },
    } as Highs;
    const auditor = new Auditor(refusing, system);
    expect(auditor.disclosed(hidden)).toEqual([]);
    auditor.dispose();
  });
});
