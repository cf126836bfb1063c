// Tests of the independent disclosure checker (checker.ts) on hand-made tables, where the
// answer can be worked out on paper, and against exhaustive search on small random tables.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkReport,
  describeRanges,
  countSystem,
  countTable,
  exhaustiveRanges,
  feasibleRanges,
  publishedSmallCounts,
  type CellRange,
  type CheckOptions,
} from './checker.js';

/** [up, down, unchanged, n, zeroIndicative], null where suppressed. */
type Counts = [number | null, number | null, number | null, number | null, number | null];
const FIELDS = ['up', 'down', 'unchanged', 'n', 'zeroIndicative'] as const;

/** A row as the JSON shows it: null counts listed in `suppressed`; `withheld` nulls the rest. */
function figures(counts: Counts, extra: Record<string, unknown> = {}, withheld = false) {
  const row: Record<string, unknown> = { ...extra };
  const suppressed: string[] = [];
  FIELDS.forEach((field, i) => {
    row[field] = counts[i];
    if (counts[i] === null) suppressed.push(field);
  });
  if (withheld) {
    for (const field of ['medianGap', 'meanGap', 'netGap']) {
      row[field] = null;
      suppressed.push(field);
    }
  } else {
    row.medianGap ??= 1.5;
  }
  return suppressed.length > 0 ? { ...row, suppressed } : row;
}

interface GroupSpec {
  key: Record<string, string>;
  counts: Counts;
  extra?: Record<string, unknown>;
  withheld?: boolean;
}

function report(
  overall: Counts,
  breakdowns: { by: string[]; groups: GroupSpec[] }[],
  more: Record<string, unknown> = {},
) {
  return {
    overall: figures(overall),
    breakdowns: breakdowns.map(({ by, groups }) => ({
      by,
      groups: groups.map((g) => ({
        key: g.key,
        label: Object.values(g.key).join(' / '),
        ...figures(g.counts, g.extra, g.withheld),
      })),
    })),
    clientGroups: [],
    ...more,
  };
}

const range = (ranges: CellRange[], label: string, field: string): [number, number] => {
  const found = ranges.find((r) => r.label === label && r.field === field);
  if (!found) throw new Error(`no suppressed ${field} in "${label}"`);
  return [found.min, found.max];
};

describe('the disclosure checker on hand-made tables', () => {
  it('recovers a cell suppressed alone in a row whose total is published', () => {
    // up 10 + down ? + unchanged 5 = n 20: down is 5.
    const result = checkReport(report([10, null, 5, 20, 0], []));
    expect(result.ranges).toHaveLength(1);
    expect(range(result.ranges, 'All records', 'down')).toEqual([5, 5]);
    expect(result.recovered.map((r) => r.field)).toEqual(['down']);
  });

  it('recovers a cell suppressed alone in a column whose total is published', () => {
    const result = checkReport(
      report(
        [9, 6, 5, 20, 0],
        [
          {
            by: ['ageBand'],
            groups: [
              { key: { ageBand: '18-64' }, counts: [null, 4, 3, 10, 0] },
              { key: { ageBand: '65+' }, counts: [6, 2, 2, 10, 0] },
            ],
          },
        ],
      ),
    );
    expect(range(result.ranges, '18-64', 'up')).toEqual([3, 3]);
  });

  it('does not recover a 2 × 2 rectangle of suppressed cells with every total published', () => {
    // True values: 18-64 up 3, down 4; 65+ up 6, down 2. With up(18-64) = t the others are
    // 7 - t, 9 - t and t - 1, so t runs from 1 to 7.
    const result = checkReport(
      report(
        [9, 6, 5, 20, 0],
        [
          {
            by: ['ageBand'],
            groups: [
              { key: { ageBand: '18-64' }, counts: [null, null, 3, 10, 0] },
              { key: { ageBand: '65+' }, counts: [null, null, 2, 10, 0] },
            ],
          },
        ],
      ),
    );
    expect(result.recovered).toEqual([]);
    expect(range(result.ranges, '18-64', 'up')).toEqual([1, 7]);
    expect(range(result.ranges, '18-64', 'down')).toEqual([0, 6]);
    expect(range(result.ranges, '65+', 'up')).toEqual([2, 8]);
    expect(range(result.ranges, '65+', 'down')).toEqual([0, 6]);
  });

  describe('a row with n = 2 published, up and down suppressed, unchanged = 0 published', () => {
    const row: Counts = [null, null, 0, 2, 0];

    it('is recovered as up = down = 1 once a published total pins either cell', () => {
      // Beside a published group and a published overall row, up = 4 - 3 and down = 6 - 5.
      const result = checkReport(
        report(
          [4, 6, 4, 14, 0],
          [
            {
              by: ['ageBand'],
              groups: [
                { key: { ageBand: '18-64' }, counts: row },
                { key: { ageBand: '65+' }, counts: [3, 5, 4, 12, 0] },
              ],
            },
          ],
        ),
      );
      expect(range(result.ranges, '18-64', 'up')).toEqual([1, 1]);
      expect(range(result.ranges, '18-64', 'down')).toEqual([1, 1]);
      expect(result.recovered).toHaveLength(2);
    });

    it('is recovered as up = down = 1 by a reader who takes [c] to mean 1 to k - 1', () => {
      // The row identity alone leaves up + down = 2: (0, 2), (1, 1) or (2, 0). A hidden 0 is
      // possible (secondary suppression hides zeros), so only a reader who assumes that [c]
      // is never 0 pins it; that assumption is what a published n of 2 invites.
      const alone = checkReport(report(row, []));
      expect(range(alone.ranges, 'All records', 'up')).toEqual([0, 2]);
      expect(alone.recovered).toEqual([]);
      const assuming = checkReport(report(row, []), { minCount: 5, hiddenArePrimary: true });
      expect(range(assuming.ranges, 'All records', 'up')).toEqual([1, 1]);
      expect(range(assuming.ranges, 'All records', 'down')).toEqual([1, 1]);
    });

    it('is flagged as a published small count', () => {
      expect(publishedSmallCounts(report(row, []), 5)).toEqual(['overall n: 2']);
    });
  });

  it('uses zeroIndicative <= n', () => {
    // n hidden in a row where up + down + unchanged is hidden too; zeroIndicative 7 bounds n.
    const result = checkReport(
      report(
        [10, 5, 5, 20, 7],
        [
          {
            by: ['ageBand'],
            groups: [
              { key: { ageBand: '18-64' }, counts: [null, null, null, null, 7] },
              { key: { ageBand: '65+' }, counts: [null, null, null, null, 0] },
            ],
          },
        ],
      ),
    );
    expect(range(result.ranges, '18-64', 'n')).toEqual([7, 20]);
    expect(range(result.ranges, '65+', 'n')).toEqual([0, 13]);
  });

  it('ties a crossed breakdown to its single breakdowns and to another crossed one', () => {
    // By client group × age band, and by client group × source: both add up to the client
    // groups (not published on their own), so LD/18-64 up = (2 + 3) - 4 = 1.
    const result = checkReport(
      report(
        [9, 0, 0, 9, 0],
        [
          {
            by: ['clientGroup', 'ageBand'],
            groups: [
              { key: { clientGroup: 'LD', ageBand: '18-64' }, counts: [null, 0, 0, null, 0] },
              { key: { clientGroup: 'LD', ageBand: '65+' }, counts: [4, 0, 0, 4, 0] },
              { key: { clientGroup: 'MH', ageBand: '65+' }, counts: [null, 0, 0, null, 0] },
            ],
          },
          {
            by: ['clientGroup', 'source'],
            groups: [
              { key: { clientGroup: 'LD', source: 'a' }, counts: [2, 0, 0, 2, 0] },
              { key: { clientGroup: 'LD', source: 'b' }, counts: [3, 0, 0, 3, 0] },
              { key: { clientGroup: 'MH', source: 'a' }, counts: [null, 0, 0, null, 0] },
              { key: { clientGroup: 'MH', source: 'b' }, counts: [null, 0, 0, null, 0] },
            ],
          },
        ],
      ),
    );
    expect(range(result.ranges, 'LD / 18-64', 'up')).toEqual([1, 1]);
    expect(range(result.ranges, 'MH / 65+', 'n')).toEqual([4, 4]);
    expect(range(result.ranges, 'MH / a', 'n')).toEqual([0, 4]);
  });

  it('ties the breakdown by client group as written to the canonical client groups', () => {
    // "LD" (3, published) is all of Learning Disability Support, so that group is 3 and, with 8
    // in all, Mental Health Support is 5 — but only through report.clientGroups.
    const table = (clientGroups: unknown[]) =>
      report(
        [8, 0, 0, 8, 0],
        [
          {
            by: ['rawClientGroup'],
            groups: [
              { key: { rawClientGroup: 'LD' }, counts: [3, 0, 0, 3, 0] },
              { key: { rawClientGroup: 'MH' }, counts: [null, 0, 0, null, 0] },
            ],
          },
          {
            by: ['clientGroup'],
            groups: [
              {
                key: { clientGroup: 'Learning Disability Support' },
                counts: [null, 0, 0, null, 0],
              },
              { key: { clientGroup: 'Mental Health Support' }, counts: [null, 0, 0, null, 0] },
            ],
          },
        ],
        { clientGroups },
      );
    const mapped = checkReport(
      table([
        { label: 'LD', canonical: 'Learning Disability Support', count: 3 },
        { label: 'mh', canonical: 'Mental Health Support', count: 5 },
      ]),
    );
    expect(range(mapped.ranges, 'Learning Disability Support', 'n')).toEqual([3, 3]);
    expect(range(mapped.ranges, 'Mental Health Support', 'up')).toEqual([5, 5]);
    const unmapped = checkReport(table([]));
    expect(range(unmapped.ranges, 'Learning Disability Support', 'n')).toEqual([0, 8]);
    expect(range(unmapped.ranges, 'MH', 'n')).toEqual([5, 5]);
  });

  it('knows the publishing rule only when told minCount', () => {
    // 18-64 shows only its label (1 to 4 records); 65+ hides n beside published figures (at
    // least 5). With 6 in all, that is 1 and 5.
    const table = report(
      [3, 3, 0, 6, 0],
      [
        {
          by: ['ageBand'],
          groups: [
            {
              key: { ageBand: '18-64' },
              counts: [null, null, null, null, null],
              withheld: true,
            },
            { key: { ageBand: '65+' }, counts: [null, null, 0, null, 0] },
          ],
        },
      ],
    );
    const plain = checkReport(table);
    expect(range(plain.ranges, '18-64', 'n')).toEqual([0, 6]);
    const knowing = checkReport(table, { minCount: 5 });
    expect(range(knowing.ranges, '18-64', 'n')).toEqual([1, 1]);
    expect(range(knowing.ranges, '65+', 'n')).toEqual([5, 5]);
    // The zeros of the withheld row follow from the published zeros of the overall row.
    expect(range(plain.ranges, '18-64', 'unchanged')).toEqual([0, 0]);
  });

  it('reads n from netGap / meanGap and agreement.n with sideChannels', () => {
    const table = report(
      [6, 4, 2, 12, 0],
      [
        {
          by: ['ageBand'],
          groups: [
            {
              key: { ageBand: '18-64' },
              counts: [null, null, 1, null, 0],
              extra: { netGap: 35, meanGap: 5 },
            },
            {
              key: { ageBand: '65+' },
              counts: [null, null, 1, null, 0],
              extra: { agreement: { n: 5, scale: 'difference' } },
            },
          ],
        },
      ],
    );
    expect(checkReport(table).recovered).toEqual([]);
    const side = checkReport(table, { sideChannels: true });
    expect(range(side.ranges, '18-64', 'n')).toEqual([7, 7]);
    expect(range(side.ranges, '65+', 'n')).toEqual([5, 5]);
  });

  it('treats rounded counts as ranges with roundedTo', () => {
    // Rounded to 5: up 10 is 8..12, unchanged 5 is 3..7, n 20 is 18..22, so down is 0..11.
    const result = checkReport(report([10, null, 5, 20, 0], []), { roundedTo: 5 });
    expect(range(result.ranges, 'All records', 'down')).toEqual([0, 11]);
    expect(result.inconsistencies).toEqual([]);
  });

  it('reports published counts that break an identity', () => {
    const result = checkReport(report([10, 5, 5, 21, 0], []));
    expect(result.inconsistencies).toEqual([
      'overall "All records": up + down + unchanged = n (off by -1)',
    ]);
  });

  it('refuses a null count that is not listed in "suppressed"', () => {
    const bad = report([10, 5, 5, 20, 0], []);
    (bad.overall as Record<string, unknown>).up = null;
    expect(() => countTable(bad)).toThrow(/up is null but not listed/);
  });
});

describe('the checker’s integer programming against exhaustive search', () => {
  // A random client group × age band table of 2 × 2 cells (n up to 3 each), published with its
  // margins and overall row, and a random set of hidden cells.
  const cellCounts = fc
    .tuple(fc.nat(3), fc.nat(3), fc.nat(3), fc.nat(3))
    .map(([up, down, unchanged, zero]) => {
      const n = up + down + unchanged;
      return [up, down, unchanged, n, Math.min(zero, n)] as number[];
    });
  const tables = fc.record({
    cells: fc.array(cellCounts, { minLength: 4, maxLength: 4 }),
    // Every cell but the overall n (3), so that every count stays below it.
    hidden: fc.uniqueArray(
      fc.nat(44).filter((cell) => cell !== 3),
      { minLength: 1, maxLength: 4 },
    ),
    minCount: fc.constantFrom(null, 3, 5),
  });

  it('finds the same ranges', () => {
    fc.assert(
      fc.property(tables, ({ cells, hidden, minCount }) => {
        const sum = (rows: number[][]): number[] =>
          [0, 1, 2, 3, 4].map((i) => rows.reduce((s, r) => s + r[i], 0));
        const keys = [
          ['LD', '18-64'],
          ['LD', '65+'],
          ['MH', '18-64'],
          ['MH', '65+'],
        ];
        const rows: number[][] = [
          sum(cells),
          ...cells,
          sum([cells[0], cells[1]]),
          sum([cells[2], cells[3]]),
          sum([cells[0], cells[2]]),
          sum([cells[1], cells[3]]),
        ];
        // Hidden cells by position (row × 5 + field), and rows kept only when non-empty.
        const shown = rows.map((row, r) =>
          row.map((value, f) => (hidden.includes(r * 5 + f) ? null : value)),
        ) as Counts[];
        const group = (r: number, key: Record<string, string>): GroupSpec[] =>
          rows[r][3] === 0 ? [] : [{ key, counts: shown[r] }];
        const published = report(shown[0], [
          {
            by: ['clientGroup', 'ageBand'],
            groups: keys.flatMap(([cg, age], i) => group(1 + i, { clientGroup: cg, ageBand: age })),
          },
          {
            by: ['clientGroup'],
            groups: [...group(5, { clientGroup: 'LD' }), ...group(6, { clientGroup: 'MH' })],
          },
          {
            by: ['ageBand'],
            groups: [...group(7, { ageBand: '18-64' }), ...group(8, { ageBand: '65+' })],
          },
        ]);
        const options: CheckOptions = minCount === null ? {} : { minCount };
        const system = countSystem(countTable(published), options);
        const { ranges } = feasibleRanges(system, options);
        const total = rows[0][3];
        const exhaustive = exhaustiveRanges(system, total, options);
        for (const [cell, [low, high]] of exhaustive) {
          const [min, max] = ranges.get(cell)!;
          expect([min, Math.min(max, total)]).toEqual([low, high]);
        }
      }),
      { numRuns: 150, seed: 20240517 },
    );
  });
});

describe('the checker with a minimum count of 2', () => {
  it('recovers the n of a label-only group from the rule alone', () => {
    const result = checkReport(
      {
        overall: {
          up: null,
          down: null,
          unchanged: null,
          n: null,
          zeroIndicative: null,
          suppressed: ['up', 'down', 'unchanged', 'n', 'zeroIndicative'],
        },
        breakdowns: [],
      },
      { minCount: 2 },
    );
    expect(describeRanges(result.recovered)).toEqual(['overall "All records" n: = 1']);
  });
});
