/**
 * The published counts of a report as one system: every count cell (n, up, down, unchanged,
 * zero indicative) of the overall row and of each breakdown's groups, and the sums that tie them
 * together (a group's up + down + unchanged = n; a breakdown's groups add up to the overall row;
 * a crossed breakdown's groups add up to the groups of each breakdown it crosses). Suppression
 * must hold against all of these at once.
 */
import type { Dimension } from '../analysis/dimensions.js';
import type { Report } from '../report/model.js';

/**
 * The counts audited as one system. zeroIndicative adds up across groups like the others but is
 * not part of up + down + unchanged = n; a reader knows only that it is at most n.
 */
export const COUNT_FIELDS = ['up', 'down', 'unchanged', 'n', 'zeroIndicative'] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

export interface CountCell {
  /** -1 for the overall row. */
  breakdown: number;
  /** -1 for the overall row. */
  group: number;
  field: CountField;
  value: number;
}

/** What a reader knows of a hidden cell's value from the publishing rule. */
export interface CellBounds {
  min: number;
  max: number;
}

/** A linear identity over cells: Σ coefficient × value = 0. */
export type Identity = { cell: number; coefficient: number }[];

export interface CountSystem {
  cells: CountCell[];
  identities: Identity[];
  /** Linear bounds a reader also knows: Σ coefficient × value <= 0 (zeroIndicative <= n). */
  inequalities: Identity[];
}

/**
 * @example
 * const { cells, identities } = countSystem(report);
 */
export function countSystem(
  report: Pick<Report, 'overall' | 'breakdowns' | 'clientGroups'>,
): CountSystem {
  const cells: CountCell[] = [];
  const index = new Map<string, number>();
  const add = (breakdown: number, group: number, field: CountField, value: number): void => {
    index.set(`${breakdown}/${group}/${field}`, cells.length);
    cells.push({ breakdown, group, field, value });
  };
  for (const field of COUNT_FIELDS) add(-1, -1, field, report.overall[field]);
  report.breakdowns.forEach((breakdown, b) =>
    breakdown.groups.forEach((group, g) => {
      for (const field of COUNT_FIELDS) add(b, g, field, group[field]);
    }),
  );
  const at = (b: number, g: number, field: CountField): number => index.get(`${b}/${g}/${field}`)!;

  const identities: Identity[] = [];
  const inequalities: Identity[] = [];
  const rowIdentity = (b: number, g: number): Identity => [
    { cell: at(b, g, 'up'), coefficient: 1 },
    { cell: at(b, g, 'down'), coefficient: 1 },
    { cell: at(b, g, 'unchanged'), coefficient: 1 },
    { cell: at(b, g, 'n'), coefficient: -1 },
  ];
  const atMostN = (b: number, g: number): Identity => [
    { cell: at(b, g, 'zeroIndicative'), coefficient: 1 },
    { cell: at(b, g, 'n'), coefficient: -1 },
  ];
  identities.push(rowIdentity(-1, -1));
  inequalities.push(atMostN(-1, -1));
  report.breakdowns.forEach((breakdown, b) => {
    breakdown.groups.forEach((_, g) => {
      identities.push(rowIdentity(b, g));
      inequalities.push(atMostN(b, g));
    });
    // Every breakdown covers every used record, so its groups add up to the overall row.
    for (const field of COUNT_FIELDS) {
      identities.push([
        ...breakdown.groups.map((_, g) => ({ cell: at(b, g, field), coefficient: 1 })),
        { cell: at(-1, -1, field), coefficient: -1 },
      ]);
    }
  });
  // Any two breakdowns that share a dimension agree on it: for each value of what they share, the
  // groups of one add up to the same as the groups of the other. A client group as written counts
  // as its canonical group here, since a reader can map one onto the other.
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
      // Raw and canonical client groups together: only when a raw label maps to one group.
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
        for (const field of COUNT_FIELDS) {
          identities.push([
            ...left.map((g) => ({ cell: at(p, g, field), coefficient: 1 })),
            ...right.map((g) => ({ cell: at(q, g, field), coefficient: -1 })),
          ]);
        }
      }
    });
  });
  return { cells, identities, inequalities };
}
