/**
 * The additive figures of a report as one system of linear relations: every count (n, up, down,
 * unchanged, zero indicative) and every money total (total indicative, total actual, net gap) of
 * the overall row and of each breakdown's groups, and the sums that tie them together. A reader
 * of one output can form any of these sums, so suppression must hold against all of them at once:
 * - in a row, up + down + unchanged = n, zeroIndicative <= n and netGap = totalActual -
 *   totalIndicative;
 * - the gap bands of a row (`bands[i]`, counts too): the cut bands add up to down (a record with
 *   a zero indicative budget cannot be cut, budgets are never negative), every band with
 *   zeroIndicative to n, the unchanged band is at most unchanged and the rise bands at most up
 *   (records with a zero indicative budget are in no band);
 * - every breakdown covers every used record, so its groups add up to the overall row;
 * - any two breakdowns that share a dimension (a crossed breakdown and its margins, two crossed
 *   breakdowns) add up to the same figures on it.
 */
import type { Dimension } from '../analysis/dimensions.js';
import type { ClientGroupLabel } from '../analysis/dimensions.js';

export const COUNT_FIELDS = ['up', 'down', 'unchanged', 'n', 'zeroIndicative'] as const;
export const MONEY_FIELDS = ['totalIndicative', 'totalActual', 'netGap'] as const;
export const CELL_FIELDS = [...COUNT_FIELDS, ...MONEY_FIELDS] as const;
export type CountField = (typeof COUNT_FIELDS)[number];
export type MoneyField = (typeof MONEY_FIELDS)[number];
/** The count of a row's gap band i, named as published in `suppressed` and `withheld`. */
export type BandField = `bands[${number}]`;
export type CellField = (typeof CELL_FIELDS)[number] | BandField;

/**
 * `bands[2]` -> 2; null for any other field.
 *
 * @example
 * bandIndex('bands[2]') // 2
 */
export function bandIndex(field: string): number | null {
  const match = /^bands\[(\d+)\]$/.exec(field);
  return match ? Number(match[1]) : null;
}

/** The band fields of a run with `count` bands. */
export const bandFields = (count: number): BandField[] =>
  Array.from({ length: count }, (_, i): BandField => `bands[${i}]`);

/** Counts are whole and not negative; money is continuous, totals not negative, net gap either. */
export function isCount(field: CellField): field is CountField | BandField {
  return (COUNT_FIELDS as readonly string[]).includes(field) || bandIndex(field) !== null;
}

export interface Cell {
  /** -1 for the overall row. */
  breakdown: number;
  /** -1 for the overall row. */
  group: number;
  field: CellField;
  value: number;
}

/** What a reader knows of a hidden cell's value from the publishing rule and the field. */
export interface CellBounds {
  min: number;
  max: number;
}

/** A linear relation over cells: Σ coefficient × value = 0 (identities) or <= 0 (inequalities). */
export type Identity = { cell: number; coefficient: number }[];

/**
 * For each of `cellCount` cells, the relations (by index in `relations`) it is a term of, once for
 * each time it is named.
 *
 * @example
 * relationsOfCells(3, [[{ cell: 0, coefficient: 1 }, { cell: 2, coefficient: -1 }]]) // [[0], [], [0]]
 */
export function relationsOfCells(cellCount: number, relations: readonly Identity[]): number[][] {
  const of = Array.from({ length: cellCount }, (): number[] => []);
  relations.forEach((terms, i) => {
    for (const { cell } of terms) of[cell].push(i);
  });
  return of;
}

export interface CellSystem {
  cells: Cell[];
  identities: Identity[];
  /** Σ coefficient × value <= 0: zeroIndicative <= n. */
  inequalities: Identity[];
  /** The cell of a row's field. */
  at(breakdown: number, group: number, field: CellField): number;
  /** Which way each gap band points (`bands[i]`). */
  bandDirections?: ('down' | 'unchanged' | 'up')[];
}

/** The additive figures of one row (the overall row or a group), with its gap bands' counts. */
export type RowCells = Record<CountField | MoneyField, number> & { bands?: readonly number[] };

const valueOf = (row: RowCells, field: CellField): number => {
  const band = bandIndex(field);
  return band === null ? row[field as CountField | MoneyField] : (row.bands?.[band] ?? 0);
};

/** What the system needs of a report: its rows' figures, and how breakdowns' keys relate. */
export interface SystemInput {
  overall: RowCells;
  breakdowns: {
    by: Dimension[];
    groups: (RowCells & { key: Partial<Record<Dimension, string>> })[];
  }[];
  clientGroups: Pick<ClientGroupLabel, 'label' | 'canonical'>[];
  /** Which way each gap band points, in the order of the rows' `bands`. */
  gapBands?: { bands: { direction: 'down' | 'unchanged' | 'up' }[] };
}

/**
 * @example
 * const system = cellSystem(report);
 * system.cells[system.at(-1, -1, 'n')].value // the overall n
 */
export function cellSystem(report: SystemInput): CellSystem {
  const cells: Cell[] = [];
  const index = new Map<string, number>();
  const add = (breakdown: number, group: number, field: CellField, value: number): void => {
    index.set(`${breakdown}/${group}/${field}`, cells.length);
    cells.push({ breakdown, group, field, value });
  };
  const directions = (report.gapBands?.bands ?? []).map((band) => band.direction);
  const bands = bandFields(directions.length);
  const fields: CellField[] = [...CELL_FIELDS, ...bands];
  for (const field of fields) add(-1, -1, field, valueOf(report.overall, field));
  report.breakdowns.forEach((breakdown, b) =>
    breakdown.groups.forEach((group, g) => {
      for (const field of fields) add(b, g, field, valueOf(group, field));
    }),
  );
  const at = (b: number, g: number, field: CellField): number => index.get(`${b}/${g}/${field}`)!;

  const identities: Identity[] = [];
  const inequalities: Identity[] = [];
  const rowRelations = (b: number, g: number): void => {
    identities.push([
      { cell: at(b, g, 'up'), coefficient: 1 },
      { cell: at(b, g, 'down'), coefficient: 1 },
      { cell: at(b, g, 'unchanged'), coefficient: 1 },
      { cell: at(b, g, 'n'), coefficient: -1 },
    ]);
    identities.push([
      { cell: at(b, g, 'netGap'), coefficient: 1 },
      { cell: at(b, g, 'totalActual'), coefficient: -1 },
      { cell: at(b, g, 'totalIndicative'), coefficient: 1 },
    ]);
    inequalities.push([
      { cell: at(b, g, 'zeroIndicative'), coefficient: 1 },
      { cell: at(b, g, 'n'), coefficient: -1 },
    ]);
    if (bands.length === 0) return;
    const of = (direction: string): Identity =>
      bands.flatMap((field, i) =>
        directions[i] === direction ? [{ cell: at(b, g, field), coefficient: 1 }] : [],
      );
    identities.push([...of('down'), { cell: at(b, g, 'down'), coefficient: -1 }]);
    identities.push([
      ...bands.map((field) => ({ cell: at(b, g, field), coefficient: 1 })),
      { cell: at(b, g, 'zeroIndicative'), coefficient: 1 },
      { cell: at(b, g, 'n'), coefficient: -1 },
    ]);
    inequalities.push([...of('unchanged'), { cell: at(b, g, 'unchanged'), coefficient: -1 }]);
    inequalities.push([...of('up'), { cell: at(b, g, 'up'), coefficient: -1 }]);
  };
  rowRelations(-1, -1);
  report.breakdowns.forEach((breakdown, b) => {
    breakdown.groups.forEach((_, g) => rowRelations(b, g));
    for (const field of fields) {
      identities.push([
        ...breakdown.groups.map((_, g) => ({ cell: at(b, g, field), coefficient: 1 })),
        { cell: at(-1, -1, field), coefficient: -1 },
      ]);
    }
  });
  // A client group as written counts as its canonical group, since a reader can map one onto the
  // other (report.clientGroups lists both).
  const canonicalOf = new Map(
    report.clientGroups.map((group) => [group.label, group.canonical ?? group.label]),
  );
  const projection = (key: Partial<Record<Dimension, string>>, shared: Dimension[]): string =>
    shared
      .map((dimension) =>
        dimension === 'clientGroup'
          ? (key.clientGroup ?? canonicalOf.get(key.rawClientGroup ?? '') ?? key.rawClientGroup)
          : key[dimension],
      )
      .join('\u0000');
  const coarse = (by: Dimension[]): Dimension[] =>
    by.map((dimension) => (dimension === 'rawClientGroup' ? 'clientGroup' : dimension));
  report.breakdowns.forEach((first, p) => {
    report.breakdowns.forEach((second, q) => {
      if (q <= p) return;
      const shared = coarse(first.by).filter((dimension) => coarse(second.by).includes(dimension));
      if (shared.length === 0) return;
      const keys = new Set<string>();
      const sides = [first, second].map((breakdown) => {
        const byKey = new Map<string, number[]>();
        breakdown.groups.forEach((group, g) => {
          const key = projection(group.key, shared);
          keys.add(key);
          byKey.set(key, [...(byKey.get(key) ?? []), g]);
        });
        return byKey;
      });
      for (const key of keys) {
        const left = sides[0].get(key) ?? [];
        const right = sides[1].get(key) ?? [];
        if (left.length + right.length < 2) continue;
        for (const field of fields) {
          identities.push([
            ...left.map((g) => ({ cell: at(p, g, field), coefficient: 1 })),
            ...right.map((g) => ({ cell: at(q, g, field), coefficient: -1 })),
          ]);
        }
      }
    });
  });
  return { cells, identities, inequalities, at, bandDirections: directions };
}
