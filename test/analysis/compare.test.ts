import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareGroups, compareGroupsAlong } from '../../src/analysis/compare.js';

// compareGroupsAlong must give exactly compareGroups' figures (whose Kruskal–Wallis, Mann–Whitney
// and Hodges–Lehmann values are checked against R in test/analysis/stats): here the two are
// compared bit for bit on generated breakdowns, full of ties as real % gaps are (many 0s).
describe('compareGroupsAlong', () => {
  /** Rows 0..n-1 with their group and % gap (NaN: no % gap), as a breakdown would hold them. */
  const breakdown = fc.integer({ min: 1, max: 6 }).chain((groupCount) =>
    fc.record({
      groupCount: fc.constant(groupCount),
      rows: fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: groupCount - 1 }),
          fc.oneof(
            fc.constantFrom(0, 0, 12.5, -3, Number.NaN),
            fc.integer({ min: -20, max: 20 }),
            fc.double({ min: -100, max: 500, noNaN: true }),
          ),
        ),
        { maxLength: 120 },
      ),
    }),
  );

  it('gives the figures compareGroups gives on each group’s values', () => {
    fc.assert(
      fc.property(breakdown, ({ groupCount, rows }) => {
        const pctGap = Float64Array.from(rows, ([, pct]) => pct);
        const groupOf = Int32Array.from(rows, ([group]) => group);
        // Each group's values in row order, zero indicative (NaN) left out, as pctGapsOf does.
        const values = Array.from({ length: groupCount }, (_, group) =>
          Float64Array.from(
            rows.filter(([g, pct]) => g === group && !Number.isNaN(pct)).map(([, pct]) => pct),
          ),
        );
        const order = Uint32Array.from(
          rows
            .map((_, row) => row)
            .filter((row) => !Number.isNaN(pctGap[row]))
            .sort((a, b) => pctGap[a] - pctGap[b]),
        );
        let asked = 0;
        const along = compareGroupsAlong(order, pctGap, groupOf, groupCount, 0.95, () => {
          asked++;
          return values;
        });
        expect(along).toEqual(compareGroups(values, 0.95));
        expect(asked).toBe(groupCount === 2 ? 1 : 0);
      }),
      { numRuns: 500 },
    );
  });

  it('finds Kruskal–Wallis on a small breakdown with ties as compareGroups does', () => {
    // Groups {1, 2, 2}, {2, 3}, {5}: pooled ranks 1, 3, 3, 3, 5, 6 (a run of three 2s).
    const pctGap = Float64Array.of(1, 2, 2, 2, 3, 5);
    const groupOf = Int32Array.of(0, 0, 0, 1, 1, 2);
    const along = compareGroupsAlong(
      Uint32Array.of(0, 1, 2, 3, 4, 5),
      pctGap,
      groupOf,
      3,
      0.95,
      () => [],
    );
    const copies = compareGroups(
      [Float64Array.of(1, 2, 2), Float64Array.of(2, 3), Float64Array.of(5)],
      0.95,
    );
    expect(along.kruskalWallis).not.toBeNull();
    expect(along).toEqual(copies);
  });
});
