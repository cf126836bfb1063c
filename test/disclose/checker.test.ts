// Tests of the independent disclosure checker (checker.ts) on hand-made tables, where the
// answer can be worked out on paper, and against exhaustive search on small random tables.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkReport,
  checkReports,
  describeRanges,
  countSystem,
  countTable,
  exhaustiveRanges,
  feasibleRanges,
  passesPRule,
  protectionProblems,
  publishedSmallCounts,
  reasonProblems,
  type CellRange,
  type CheckResult,
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

  describe('gap bands', () => {
    // The default bands: cut by more than 10%, cut by up to 10%, unchanged, raised by up to 10%,
    // raised by more than 10%. Overall: up 6, down 7, unchanged 5, n 20, zeroIndicative 2, and
    // bands 4 + 3 (= down 7), 5, 3 + 3, with the 2 zero-indicative records in no band.
    const gapBands = {
      edges: [-10, 0, 10],
      bands: [
        { direction: 'down', from: null, to: -10, label: 'cut by more than 10%' },
        { direction: 'down', from: -10, to: 0, label: 'cut by up to 10%' },
        { direction: 'unchanged', from: 0, to: 0, label: 'unchanged' },
        { direction: 'up', from: 0, to: 10, label: 'raised by up to 10%' },
        { direction: 'up', from: 10, to: null, label: 'raised by more than 10%' },
      ],
    };
    const withBands = (bands: (number | null)[]) => {
      const hidden = bands.flatMap((b, i) => (b === null ? [`bands[${i}]`] : []));
      const overall = { ...figures([6, 7, 5, 20, 2]), bands, suppressed: hidden };
      return { ...report([6, 7, 5, 20, 2], [], { gapBands }), overall };
    };

    it('recovers a hidden cut band as down minus the other, published, cut band', () => {
      const result = checkReport(withBands([4, null, 5, 3, 3]));
      expect(describeRanges(result.recovered)).toEqual(['overall "All records" bands[1]: = 3']);
    });

    it('does not recover two hidden cut bands, each from 0 to down', () => {
      const result = checkReport(withBands([null, null, 5, 3, 3]));
      expect(result.recovered).toEqual([]);
      expect(range(result.ranges, 'All records', 'bands[0]')).toEqual([0, 7]);
      expect(range(result.ranges, 'All records', 'bands[1]')).toEqual([0, 7]);
    });
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

/** Counts [up, down, unchanged, n, zeroIndicative] and money [totalIndicative, totalActual]. */
type Money = [number | null, number | null, number | null];
interface MoneyGroup {
  key: Record<string, string>;
  counts: Counts;
  /** [totalIndicative, totalActual, netGap], null where hidden. */
  money: Money;
  extra?: Record<string, unknown>;
  withheld?: Record<string, string>;
  /** Only the label shown: a group of fewer than minCount. */
  labelOnly?: boolean;
}

/** A row with money: nulls listed in `suppressed`, reasons in `withheld`. */
function moneyFigures(
  counts: Counts,
  money: Money,
  extra: Record<string, unknown> = {},
  withheld?: Record<string, string>,
  labelOnly = false,
) {
  const row = figures(counts, extra, labelOnly) as Record<string, unknown> & {
    suppressed?: string[];
  };
  const suppressed = new Set(row.suppressed ?? []);
  (['totalIndicative', 'totalActual', 'netGap'] as const).forEach((field, i) => {
    row[field] = money[i];
    if (money[i] === null) suppressed.add(field);
  });
  return {
    ...row,
    ...(suppressed.size > 0 ? { suppressed: [...suppressed] } : {}),
    ...(withheld ? { withheld } : {}),
  };
}

function moneyReport(
  overall: [Counts, Money],
  breakdowns: { by: string[]; groups: MoneyGroup[] }[],
  more: Record<string, unknown> = {},
) {
  return {
    overall: moneyFigures(...overall),
    breakdowns: breakdowns.map(({ by, groups }) => ({
      by,
      groups: groups.map((g) => ({
        key: g.key,
        label: Object.values(g.key).join(' / '),
        ...moneyFigures(g.counts, g.money, g.extra, g.withheld, g.labelOnly),
      })),
    })),
    clientGroups: [],
    ...more,
  };
}

const HIDDEN: Counts = [null, null, null, null, null];

describe('the disclosure checker on money', () => {
  // The example of issue 9: a client group's total and its 18-64 cell published, the 65+ cell
  // (one person) hidden: 2778.99 - 2657.66 = 121.33.
  const substance = (margin: Money, mental: Money) =>
    moneyReport(
      [
        [10, 10, 5, 25, 0],
        [5000, 5200, 200],
      ],
      [
        {
          by: ['clientGroup', 'ageBand'],
          groups: [
            {
              key: { clientGroup: 'SM', ageBand: '18-64' },
              counts: [3, 3, 2, 8, 0],
              money: [2657.66, 2700, 42.34],
            },
            {
              key: { clientGroup: 'SM', ageBand: '65+' },
              counts: HIDDEN,
              money: [null, null, null],
            },
            { key: { clientGroup: 'MH', ageBand: '65+' }, counts: [6, 7, 3, 16, 0], money: mental },
          ],
        },
        {
          by: ['clientGroup'],
          groups: [
            { key: { clientGroup: 'SM' }, counts: [null, null, null, null, 0], money: margin },
            { key: { clientGroup: 'MH' }, counts: [6, 7, 3, 16, 0], money: mental },
          ],
        },
      ],
    );
  const range = (result: CheckResult, field: string): number[] => {
    const found = result.ranges.find((r) => r.label === 'SM / 65+' && r.field === field)!;
    return [found.min, found.max].map((x) => +x.toFixed(6));
  };

  it('works a hidden total back from its margin', () => {
    const result = checkReport(substance([2778.99, 2822.22, 43.23], [2221.01, 2377.78, 156.77]));
    expect(range(result, 'totalIndicative')).toEqual([121.33, 121.33]);
    expect(range(result, 'totalActual')).toEqual([122.22, 122.22]);
    expect(range(result, 'netGap')).toEqual([0.89, 0.89]);
    expect(describeRanges(result.recovered.filter((r) => r.kind === 'money'))).toEqual([
      'clientGroup+ageBand "SM / 65+" totalIndicative: = £121.33',
      'clientGroup+ageBand "SM / 65+" totalActual: = £122.22',
      'clientGroup+ageBand "SM / 65+" netGap: = £0.89',
    ]);
    expect(result.inconsistencies).toEqual([]);
  });

  it('leaves a hidden total open when its margin and the other client group are hidden', () => {
    // SM/65+ and MH/65+ share 5000 - 2657.66 = 2342.34 (indicative) and 2500 (actual).
    const result = checkReport(substance([null, null, null], [null, null, null]));
    expect(range(result, 'totalIndicative')).toEqual([0, 2342.34]);
    expect(range(result, 'totalActual')).toEqual([0, 2500]);
    expect(range(result, 'netGap')).toEqual([-2342.34, 2500]);
    expect(result.recovered.filter((r) => r.kind === 'money')).toEqual([]);
  });

  it('bounds a 2 × 2 rectangle of hidden totals by the margins and totals >= 0', () => {
    // Margins: 18-64 = 100, 65+ = 60, LD = 90, MH = 70 (indicative). With LD/18-64 = t, the others
    // are 100 - t, 90 - t and t - 30: t runs from 30 to 90.
    const cell = (key: Record<string, string>): MoneyGroup => ({
      key,
      counts: [5, 5, 0, 10, 0],
      money: [null, null, null],
    });
    const result = checkReport(
      moneyReport(
        [
          [20, 20, 0, 40, 0],
          [160, 160, 0],
        ],
        [
          {
            by: ['clientGroup', 'ageBand'],
            groups: [
              cell({ clientGroup: 'LD', ageBand: '18-64' }),
              cell({ clientGroup: 'LD', ageBand: '65+' }),
              cell({ clientGroup: 'MH', ageBand: '18-64' }),
              cell({ clientGroup: 'MH', ageBand: '65+' }),
            ],
          },
          {
            by: ['clientGroup'],
            groups: [
              { key: { clientGroup: 'LD' }, counts: [10, 10, 0, 20, 0], money: [90, 90, 0] },
              { key: { clientGroup: 'MH' }, counts: [10, 10, 0, 20, 0], money: [70, 70, 0] },
            ],
          },
          {
            by: ['ageBand'],
            groups: [
              { key: { ageBand: '18-64' }, counts: [10, 10, 0, 20, 0], money: [100, 100, 0] },
              { key: { ageBand: '65+' }, counts: [10, 10, 0, 20, 0], money: [60, 60, 0] },
            ],
          },
        ],
      ),
    );
    const at = (label: string) => {
      const found = result.ranges.find((r) => r.label === label && r.field === 'totalIndicative')!;
      return [found.min, found.max].map((x) => +x.toFixed(6));
    };
    expect(at('LD / 18-64')).toEqual([30, 90]);
    expect(at('LD / 65+')).toEqual([0, 60]);
    expect(at('MH / 18-64')).toEqual([10, 70]);
    expect(at('MH / 65+')).toEqual([0, 60]);
    expect(result.recovered).toEqual([]);
    expect(result.inconsistencies).toEqual([]);
  });

  it('reads the net gap from netGapPct × totalIndicative, meanGap × n and agreement.bias', () => {
    // Each group hides its net gap (and actual total) but shows one figure that gives it back.
    const hidden = (extra: Record<string, unknown>, money: Money, counts: Counts): MoneyGroup => ({
      key: { ageBand: String(extra.band) },
      counts,
      money,
      extra: { ...extra, band: undefined },
    });
    const report = moneyReport(
      [
        [15, 15, 0, 30, 0],
        [3000, 3090, 90],
      ],
      [
        {
          by: ['ageBand'],
          groups: [
            // 100 × netGap = 5 × 1000: netGap 50.
            hidden({ band: '18-64', netGapPct: 5 }, [1000, null, null], [5, 5, 0, 10, 0]),
            // netGap = meanGap × n = 2 × 10 = 20.
            hidden({ band: '65+', meanGap: 2 }, [1000, null, null], [5, 5, 0, 10, 0]),
            // netGap = bias × agreement.n = 2 × 10 = 20.
            hidden(
              { band: 'Unknown', agreement: { n: 10, scale: 'difference', bias: 2 } },
              [1000, null, null],
              [5, 5, 0, 10, 0],
            ),
          ],
        },
      ],
    );
    const plain = checkReport(report);
    expect(plain.recovered).toEqual([]);
    const side = checkReport(report, { sideChannels: true });
    expect(describeRanges(side.recovered)).toEqual([
      'ageBand "18-64" totalActual: = £1050.00',
      'ageBand "18-64" netGap: = £50.00',
      'ageBand "65+" totalActual: = £1020.00',
      'ageBand "65+" netGap: = £20.00',
      'ageBand "Unknown" totalActual: = £1020.00',
      'ageBand "Unknown" netGap: = £20.00',
    ]);
  });

  it('ties a hidden count to a hidden net gap through a published mean gap', () => {
    // 18-64: n and netGap hidden, meanGap 7 published, so netGap = 7n; 65+ shows n 6 and
    // netGap 12 (its n hidden too); the overall net gap 61 gives 7n = 49, n = 7.
    const report = moneyReport(
      [
        [7, 6, 0, 13, 0],
        [1000, 1061, 61],
      ],
      [
        {
          by: ['ageBand'],
          groups: [
            {
              key: { ageBand: '18-64' },
              counts: [null, null, 0, null, 0],
              money: [500, null, null],
              extra: { meanGap: 7 },
            },
            { key: { ageBand: '65+' }, counts: [null, null, 0, null, 0], money: [500, 512, 12] },
          ],
        },
      ],
    );
    expect(checkReport(report).recovered.filter((r) => r.field === 'n')).toEqual([]);
    const side = checkReport(report, { sideChannels: true });
    expect(describeRanges(side.recovered.filter((r) => r.label === '18-64'))).toEqual([
      'ageBand "18-64" n: = 7',
      'ageBand "18-64" totalActual: = £549.00',
      'ageBand "18-64" netGap: = £49.00',
    ]);
  });

  it('reads analyse and compare of the same records as one release', () => {
    // analyse by age band hides 65+ and Unknown; compare shows 65+ beside 18-64: Unknown is the
    // overall row less both.
    const analysed = moneyReport(
      [
        [10, 10, 2, 22, 0],
        [2200, 2300, 100],
      ],
      [
        {
          by: ['ageBand'],
          groups: [
            { key: { ageBand: '18-64' }, counts: [5, 4, 1, 10, 0], money: [1000, 1050, 50] },
            {
              key: { ageBand: '65+' },
              counts: [null, null, null, null, 0],
              money: [null, null, null],
            },
            {
              key: { ageBand: 'Unknown' },
              counts: [null, null, null, null, 0],
              money: [null, null, null],
            },
          ],
        },
      ],
    );
    const compared = {
      by: 'ageBand',
      a: {
        key: { ageBand: '65+' },
        label: '65+',
        ...moneyFigures([4, 5, 1, 10, 0], [900, 930, 30]),
      },
      b: {
        key: { ageBand: '18-64' },
        label: '18-64',
        ...moneyFigures([5, 4, 1, 10, 0], [1000, 1050, 50]),
      },
      difference: { downShareDifference: 0.1 },
    };
    expect(checkReport(analysed).recovered).toEqual([]);
    const both = checkReports([analysed, compared]);
    expect(describeRanges(both.recovered)).toEqual([
      'ageBand "65+" up: = 4',
      'ageBand "65+" down: = 5',
      'ageBand "65+" unchanged: = 1',
      'ageBand "65+" n: = 10',
      'ageBand "65+" totalIndicative: = £900.00',
      'ageBand "65+" totalActual: = £930.00',
      'ageBand "65+" netGap: = £30.00',
      'ageBand "Unknown" up: = 1',
      'ageBand "Unknown" down: = 1',
      'ageBand "Unknown" unchanged: = 0',
      'ageBand "Unknown" n: = 2',
      'ageBand "Unknown" totalIndicative: = £300.00',
      'ageBand "Unknown" totalActual: = £320.00',
      'ageBand "Unknown" netGap: = £20.00',
    ]);
    // compare alone: the groups not shown are open.
    expect(checkReport(compared).recovered).toEqual([]);
  });

  it('reads compare’s downShareDifference beside one published share', () => {
    const compared = {
      by: 'ageBand',
      a: {
        key: { ageBand: '65+' },
        label: '65+',
        ...moneyFigures([null, null, 2, 10, 0], [900, 930, 30], { downShare: null }),
      },
      b: {
        key: { ageBand: '18-64' },
        label: '18-64',
        ...moneyFigures([5, 4, 1, 10, 0], [1000, 1050, 50], { downShare: 0.4 }),
      },
      difference: { downShareDifference: 0.2 },
    };
    expect(checkReport(compared).recovered).toEqual([]);
    expect(describeRanges(checkReport(compared, { sideChannels: true }).recovered)).toEqual([
      'compare:ageBand "65+" up: = 2',
      'compare:ageBand "65+" down: = 6',
    ]);
  });
});

describe('the checker reading the reasons given', () => {
  // n = 6 with none unchanged: down withheld as fewer than 5 (1..4), up withheld as secondary
  // (0, or 5 and more): only up 5, down 1 fits.
  const withReasons = (withheld: Record<string, string>) => {
    const report = moneyReport(
      [
        [null, null, 0, 6, 0],
        [600, 600, 0],
      ],
      [],
    ) as Record<string, unknown>;
    (report.overall as Record<string, unknown>).withheld = withheld;
    return report;
  };

  it('pins a secondary count beside a small one', () => {
    const report = withReasons({ up: 'secondary', down: 'fewer-than-k' });
    expect(describeRanges(checkReport(report, { minCount: 5 }).recovered)).toEqual([]);
    expect(
      describeRanges(checkReport(report, { minCount: 5, readReasons: true }).recovered),
    ).toEqual(['overall "All records" up: = 5', 'overall "All records" down: = 1']);
  });

  it('leaves two small counts open', () => {
    const report = withReasons({ up: 'fewer-than-k', down: 'fewer-than-k' });
    const result = checkReport(report, { minCount: 5, readReasons: true });
    expect(describeRanges(result.ranges)).toEqual([
      'overall "All records" up: 2..4',
      'overall "All records" down: 2..4',
    ]);
  });

  it('reads every figure of a group under k as 0 to k - 1, zeros included', () => {
    // 18-64 is one person (up 0, down 1) and shows a figure besides its label, with every count
    // withheld as fewer-than-k; 65+ has up 3 and down 2 (fewer-than-k) and n 5 (secondary).
    const small = Object.fromEntries(FIELDS.map((field) => [field, 'fewer-than-k']));
    const report = moneyReport(
      [
        [3, 3, 0, 6, 0],
        [600, 600, 0],
      ],
      [
        {
          by: ['ageBand'],
          groups: [
            {
              key: { ageBand: '18-64' },
              counts: HIDDEN,
              money: [null, null, null],
              extra: { confidence: 0.95 },
              withheld: {
                ...small,
                totalIndicative: 'fewer-than-k',
                totalActual: 'fewer-than-k',
                netGap: 'fewer-than-k',
              },
            },
            {
              key: { ageBand: '65+' },
              counts: [null, null, 0, null, 0],
              money: [500, 500, 0],
              withheld: { up: 'fewer-than-k', down: 'fewer-than-k', n: 'secondary' },
            },
          ],
        },
      ],
    );
    const result = checkReport(report, { minCount: 5, readReasons: true });
    expect(result.inconsistencies).toEqual([]);
    expect(
      describeRanges(result.ranges.filter((r) => r.label === '18-64' && r.kind === 'count')),
    ).toEqual([
      'ageBand "18-64" up: 0..1',
      'ageBand "18-64" down: 0..1',
      'ageBand "18-64" unchanged: = 0',
      'ageBand "18-64" n: = 1',
      'ageBand "18-64" zeroIndicative: = 0',
    ]);
  });

  it('flags hidden figures without a reason, and unknown reasons', () => {
    const report = withReasons({ up: 'small', netGap: 'secondary' });
    expect(reasonProblems(report)).toEqual([
      'overall down: hidden without a reason',
      'overall up: reason "small" is not one of fewer-than-k, small-or-secondary, dominance, secondary, rounding',
      'overall netGap: shown (0) but given reason secondary',
    ]);
  });

  it('agrees with exhaustive search with reasons on small tables', () => {
    const reason = fc.constantFrom('fewer-than-k', 'secondary', 'rounding');
    fc.assert(
      fc.property(
        fc.tuple(fc.nat(6), fc.nat(6), fc.nat(6)),
        // Never n, so that every count stays below it and the search is complete.
        fc.uniqueArray(fc.constantFrom<number>(0, 1, 2, 4), { minLength: 1, maxLength: 3 }),
        fc.array(reason, { minLength: 5, maxLength: 5 }),
        ([up, down, unchanged], hidden, reasons) => {
          const n = up + down + unchanged;
          const counts = [up, down, unchanged, n, Math.min(up, n)];
          const shown = counts.map((v, i) => (hidden.includes(i) ? null : v)) as Counts;
          const report = { overall: figures(shown), breakdowns: [] } as Record<string, unknown>;
          (report.overall as Record<string, unknown>).withheld = Object.fromEntries(
            hidden.map((i) => [FIELDS[i], reasons[i]]),
          );
          const options = { minCount: 3, readReasons: true };
          const system = countSystem(countTable(report), options);
          const { ranges } = feasibleRanges(system, options);
          const exhaustive = exhaustiveRanges(system, 30, options);
          for (const [cell, [low, high]] of exhaustive) {
            const [min, max] = ranges.get(cell)!;
            expect([min, Math.min(max, 30)]).toEqual([low, high]);
          }
        },
      ),
      { numRuns: 100, seed: 9 },
    );
  });
});

describe('the p% rule and protection against the true figures', () => {
  it('passes a total when the rest is at least p% of the largest', () => {
    // 115 - 100 - 5 = 10, 10% of 100; with 4 instead of the last 5, 9 < 10.
    expect(passesPRule([100, 5, 5, 5], 10)).toBe(true);
    expect(passesPRule([100, 5, 5, 4], 10)).toBe(false);
    expect(passesPRule([50, 50], 10)).toBe(false);
    expect(passesPRule([10, 10, 10, 10, 10], 10)).toBe(true);
  });

  it('asks p% protection for a small group and no pinning elsewhere', () => {
    // 18-64 is one person (label only), 65+ eleven with every count hidden beside its
    // published statistics: as a published report and its truth.
    const published = moneyReport(
      [
        [5, 5, 2, 12, 1],
        [300, 330, 30],
      ],
      [
        {
          by: ['ageBand'],
          groups: [
            {
              key: { ageBand: '18-64' },
              counts: HIDDEN,
              money: [null, null, null],
              withheld: { totalIndicative: 'fewer-than-k' },
              labelOnly: true,
            },
            {
              key: { ageBand: '65+' },
              counts: HIDDEN,
              money: [null, null, null],
              withheld: { totalIndicative: 'secondary' },
            },
          ],
        },
      ],
    );
    const truth = moneyReport(
      [
        [5, 5, 2, 12, 1],
        [300, 330, 30],
      ],
      [
        {
          by: ['ageBand'],
          groups: [
            { key: { ageBand: '18-64' }, counts: [1, 0, 0, 1, 0], money: [100, 120, 20] },
            { key: { ageBand: '65+' }, counts: [4, 5, 2, 11, 1], money: [200, 210, 10] },
          ],
        },
      ],
    );
    const result = checkReport(published, { minCount: 5 });
    // The totals range over 0..300 and 0..330: wide enough for both.
    expect(protectionProblems(published, truth, result, { minCount: 5, p: 10 })).toEqual([]);
    // A release that also shows 65+'s totals pins 18-64's.
    const leaky = structuredClone(published);
    Object.assign(leaky.breakdowns[0].groups[1], {
      totalIndicative: 200,
      totalActual: 210,
      netGap: 10,
      suppressed: ['up', 'down', 'unchanged', 'n', 'zeroIndicative'],
    });
    const leaked = checkReport(leaky, { minCount: 5 });
    expect(protectionProblems(leaky, truth, leaked, { minCount: 5, p: 10 })).toEqual([
      'ageBand "18-64" totalIndicative: narrowed to £100.00..£100.00, within 10% of its true £100.00 (a group of 1)',
      'ageBand "18-64" totalActual: narrowed to £120.00..£120.00, within 10% of its true £120.00 (a group of 1)',
      'ageBand "18-64" netGap: narrowed to £20.00..£20.00, within 10% of its true £20.00 (a group of 1)',
    ]);
    // And a published total of a group whose largest budget dominates fails the rule.
    const contributors = new Map([
      [
        'ageBand|65+',
        {
          indicative: [180, 10, 5, 1, 1, 1, 1, 1, 0, 0, 0],
          actual: [20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 10],
        },
      ],
    ]);
    expect(
      protectionProblems(leaky, truth, leaked, { minCount: 5, p: 10, contributors }).filter((p) =>
        p.startsWith('ageBand "65+"'),
      ),
    ).toEqual([
      'ageBand "65+" totalIndicative: £200.00 published but fails the 10% rule (largest £180.00, second £10.00, n 11)',
    ]);
  });
});

describe('the checker’s linear programming on money', () => {
  // Random client group × age band tables of money (whole pence) with margins and the overall
  // row, a random set of hidden cells: the true value of every hidden cell lies in its range
  // (the reader's relations are true of the real figures), and a cell hidden alone in a row or
  // column whose other cells are shown is pinned.
  const pence = fc.integer({ min: 0, max: 500_000 });
  const cells = fc.array(fc.tuple(pence, pence), { minLength: 4, maxLength: 4 });
  const tables = fc.record({
    cells,
    hidden: fc.uniqueArray(fc.integer({ min: 0, max: 26 }), { minLength: 1, maxLength: 10 }),
  });

  it('keeps every true value inside its range', () => {
    fc.assert(
      fc.property(tables, ({ cells: amounts, hidden }) => {
        const row = (parts: [number, number][]): Money => {
          const indicative = parts.reduce((s, [x]) => s + x, 0) / 100;
          const actual = parts.reduce((s, [, y]) => s + y, 0) / 100;
          return [indicative, actual, actual - indicative];
        };
        const [a, b, c, d] = amounts as [number, number][];
        const truth: Money[] = [
          row([a, b, c, d]),
          row([a]),
          row([b]),
          row([c]),
          row([d]),
          row([a, b]),
          row([c, d]),
          row([a, c]),
          row([b, d]),
        ];
        const shown = truth.map((money, r) =>
          money.map((value, f) => (hidden.includes(r * 3 + f) ? null : value)),
        ) as Money[];
        const counts: Counts = [1, 0, 0, 1, 0];
        const overallCounts: Counts = [4, 0, 0, 4, 0];
        const marginCounts: Counts = [2, 0, 0, 2, 0];
        const published = moneyReport(
          [overallCounts, shown[0]],
          [
            {
              by: ['clientGroup', 'ageBand'],
              groups: [
                ['LD', '18-64'],
                ['LD', '65+'],
                ['MH', '18-64'],
                ['MH', '65+'],
              ].map(([cg, age], i) => ({
                key: { clientGroup: cg, ageBand: age },
                counts,
                money: shown[1 + i],
              })),
            },
            {
              by: ['clientGroup'],
              groups: ['LD', 'MH'].map((cg, i) => ({
                key: { clientGroup: cg },
                counts: marginCounts,
                money: shown[5 + i],
              })),
            },
            {
              by: ['ageBand'],
              groups: ['18-64', '65+'].map((age, i) => ({
                key: { ageBand: age },
                counts: marginCounts,
                money: shown[7 + i],
              })),
            },
          ],
        );
        const result = checkReport(published);
        expect(result.inconsistencies).toEqual([]);
        // Each hidden cell's truth, by its row and field.
        const rowOf = new Map<string, Money>([
          ['All records', truth[0]],
          ['LD / 18-64', truth[1]],
          ['LD / 65+', truth[2]],
          ['MH / 18-64', truth[3]],
          ['MH / 65+', truth[4]],
          ['LD', truth[5]],
          ['MH', truth[6]],
          ['18-64', truth[7]],
          ['65+', truth[8]],
        ]);
        for (const range of result.ranges) {
          const field = ['totalIndicative', 'totalActual', 'netGap'].indexOf(range.field);
          const value = rowOf.get(range.label)![field]!;
          expect(range.min).toBeLessThanOrEqual(value + 1e-6);
          expect(range.max).toBeGreaterThanOrEqual(value - 1e-6);
        }
        // The overall indicative total hidden alone is the sum of the four cells.
        if (hidden.length === 1 && hidden[0] === 0) {
          expect(describeRanges(result.recovered)).toEqual([
            `overall "All records" totalIndicative: = £${truth[0][0]!.toFixed(2)}`,
          ]);
        }
      }),
      { numRuns: 100, seed: 20261202 },
    );
  });
});
