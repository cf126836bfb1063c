/**
 * The published counts of a report as one system: every count cell (n, up, down, unchanged,
 * zero indicative) of the overall row and of each breakdown's groups, and the sums that tie them
 * together (a group's up + down + unchanged = n; a breakdown's groups add up to the overall row;
 * a crossed breakdown's groups add up to the groups of each breakdown it crosses). Suppression
 * must hold against all of these at once.
 */
import type { Report } from '../report/model.js';

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

/** A linear identity over cells: Σ coefficient × value = 0. */
export type Identity = { cell: number; coefficient: number }[];

export interface CountSystem {
  cells: CountCell[];
  identities: Identity[];
}

/**
 * @example
 * const { cells, identities } = countSystem(report);
 */
export function countSystem(report: Pick<Report, 'overall' | 'breakdowns'>): CountSystem {
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
  const rowIdentity = (b: number, g: number): Identity => [
    { cell: at(b, g, 'up'), coefficient: 1 },
    { cell: at(b, g, 'down'), coefficient: 1 },
    { cell: at(b, g, 'unchanged'), coefficient: 1 },
    { cell: at(b, g, 'n'), coefficient: -1 },
  ];
  identities.push(rowIdentity(-1, -1));
  report.breakdowns.forEach((breakdown, b) => {
    breakdown.groups.forEach((_, g) => identities.push(rowIdentity(b, g)));
    // Every breakdown covers every used record, so its groups add up to the overall row.
    for (const field of COUNT_FIELDS) {
      identities.push([
        ...breakdown.groups.map((_, g) => ({ cell: at(b, g, field), coefficient: 1 })),
        { cell: at(-1, -1, field), coefficient: -1 },
      ]);
    }
  });
  // A breakdown whose dimensions include another's: its groups add up to that one's groups.
  report.breakdowns.forEach((fine, f) => {
    report.breakdowns.forEach((coarse, c) => {
      if (f === c || coarse.by.length >= fine.by.length) return;
      if (!coarse.by.every((dimension) => fine.by.includes(dimension))) return;
      coarse.groups.forEach((coarseGroup, cg) => {
        const members = fine.groups
          .map((group, g) => ({ group, g }))
          .filter(({ group }) => coarse.by.every((d) => group.key[d] === coarseGroup.key[d]));
        for (const field of COUNT_FIELDS) {
          identities.push([
            ...members.map(({ g }) => ({ cell: at(f, g, field), coefficient: 1 })),
            { cell: at(c, cg, field), coefficient: -1 },
          ]);
        }
      });
    });
  });
  return { cells, identities };
}
