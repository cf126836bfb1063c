// src/disclose on real reports: which counts are hidden (countSystem, suppressCounts), what the
// published report shows (disclose), and whether the independent checker (checker.ts) can work
// any hidden count back. Reports come from the Node API with suppression off, then disclose.
//
// Tests whose comment begins "Was a bug:" state a leak the checker found, with its input and
// output, and that it no longer happens.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CELL_FIELDS,
  bandIndex,
  cellSystem,
  isCount,
  type CellSystem,
} from '../../src/disclose/cells.js';
import { loadHighs } from '../../src/disclose/highs.js';
import { NOT_FOR_PUBLICATION, publish, rowFacts } from '../../src/disclose/publish.js';
import { suppressCells } from '../../src/disclose/suppress.js';
import { analyse, render, type ExactReport, type Report } from '../../src/index.js';
import { checkReport, describeRanges } from './checker.js';
import {
  COUNT_FIELDS,
  fixture,
  generated,
  rawReport,
  rowsOf,
  valueIn,
  written,
  type Figures,
} from './helpers.js';

const CROSSED = ['client-group,age-band', 'client-group', 'age-band'];

const CASES: { name: string; paths: () => string[]; by?: string[] }[] = [
  { name: 'sample-export, default breakdowns', paths: () => [fixture('sample-export.csv')] },
  {
    name: 'sample-export, client group × age band with both single breakdowns',
    paths: () => [fixture('sample-export.csv')],
    by: CROSSED,
  },
  { name: 'small-export, default breakdowns', paths: () => [fixture('small-export.csv')] },
  {
    name: 'inference-small, crossed with singles',
    paths: () => [fixture('inference-small.csv')],
    by: CROSSED,
  },
  {
    name: 'inference-export, crossed with singles',
    paths: () => [fixture('inference-export.csv')],
    by: CROSSED,
  },
  {
    name: 'a generated export of 300 rows (seed 7), crossed with singles',
    paths: () => [generated('g300.csv', 300, 7)],
    by: CROSSED,
  },
];

const SHARES_OF: Record<string, string[]> = {
  up: ['upShare', 'upShareCi', 'signTestP', 'signTestPHolm'],
  down: ['downShare', 'downShareCi', 'signTestP', 'signTestPHolm'],
  unchanged: ['unchangedShare'],
  n: ['upShare', 'downShare', 'unchangedShare', 'upShareCi', 'downShareCi'],
};

interface Split {
  primary: Set<number>;
  secondary: Set<number>;
}

/** The cells suppress.ts hides, split into primary (small, dominated) and secondary. */
async function suppressSplit(raw: ExactReport, system: CellSystem, k: number): Promise<Split> {
  const { hidden } = suppressCells(await loadHighs(), system, rowFacts(raw, 10), {
    minCount: k,
    dominanceP: 10,
  });
  const primary = new Set<number>();
  const secondary = new Set<number>();
  for (const [cell, reason] of hidden) (reason === 'secondary' ? secondary : primary).add(cell);
  return { primary, secondary };
}

const hiddenIn = (figures: Figures, field: string): boolean =>
  valueIn(figures, field) === null && (figures.suppressed ?? []).includes(field);

describe.each(CASES)('$name', ({ paths, by }) => {
  let raw: ExactReport;
  beforeAll(async () => {
    raw = await rawReport(paths(), by);
  });

  describe.each([5, 10])('minimum count %i', (k) => {
    let system: CellSystem;
    let suppression: Split;
    let published: Report;
    let hidden: Set<number>;
    beforeAll(async () => {
      system = cellSystem(raw);
      suppression = await suppressSplit(raw, system, k);
      hidden = new Set([...suppression.primary, ...suppression.secondary]);
      published = await publish(raw, { minCount: k, roundCounts: null, suppression: true });
    });

    it('counts every count and money cell of the report once, with its value', () => {
      const rows = rowsOf(raw);
      const bands = raw.gapBands.bands.length;
      expect(bands).toBe(5);
      expect(system.cells).toHaveLength(rows.length * (CELL_FIELDS.length + bands));
      for (const cell of system.cells) {
        const figures =
          cell.breakdown < 0 ? raw.overall : raw.breakdowns[cell.breakdown].groups[cell.group];
        const band = bandIndex(cell.field);
        expect(cell.value).toBe(
          band === null
            ? figures[cell.field as (typeof CELL_FIELDS)[number]]
            : figures.bands![band],
        );
      }
    });

    it('suppresses as primary exactly the counts from 1 to k - 1, every cell of a group under k, and dominated money', () => {
      const rowOf = (cell: { breakdown: number; group: number }): string =>
        `${cell.breakdown}/${cell.group}`;
      const smallRows = new Set(
        system.cells
          .filter((cell) => cell.field === 'n' && cell.value >= 1 && cell.value < k)
          .map(rowOf),
      );
      const facts = rowFacts(raw, 10);
      const small = system.cells
        .map((cell, index) => ({ ...cell, index }))
        .filter(
          (cell) =>
            (isCount(cell.field) && cell.value >= 1 && cell.value < k) ||
            smallRows.has(rowOf(cell)) ||
            (!isCount(cell.field) && facts(cell.breakdown, cell.group).dominated),
        )
        .map((cell) => cell.index);
      expect([...suppression.primary].sort((a, b) => a - b)).toEqual(small);
      const values = [...suppression.primary]
        .filter((cell) => isCount(system.cells[cell].field))
        .map((cell) => system.cells[cell].value);
      expect(values.filter((value) => value >= k)).toEqual([]);
      // Zeros are primary only inside a group under k.
      for (const cell of suppression.primary) {
        if (system.cells[cell].value === 0 && isCount(system.cells[cell].field))
          expect(smallRows.has(rowOf(system.cells[cell]))).toBe(true);
      }
      // This data has small counts at both thresholds.
      expect(small.length).toBeGreaterThan(0);
    });

    it('hides secondary cells apart from the primary ones', () => {
      for (const cell of suppression.secondary) expect(suppression.primary.has(cell)).toBe(false);
    });

    it('leaves no identity with exactly one hidden cell', () => {
      const lonely = system.identities.filter(
        (identity) => identity.filter((term) => hidden.has(term.cell)).length === 1,
      );
      expect(lonely).toEqual([]);
    });

    it('publishes hidden counts as null, named in "suppressed", and every other count as is', () => {
      system.cells.forEach((cell, index) => {
        const before =
          cell.breakdown < 0 ? raw.overall : raw.breakdowns[cell.breakdown].groups[cell.group];
        const after = (cell.breakdown < 0
          ? published.overall
          : published.breakdowns[cell.breakdown].groups[cell.group]) as unknown as Figures;
        const withheld = before.n >= 1 && before.n < k;
        if (hidden.has(index) || withheld) expect(hiddenIn(after, cell.field)).toBe(true);
        else expect(valueIn(after, cell.field)).toBe(cell.value);
        if (hidden.has(index)) {
          // A direction or zero-indicative count does not say whether it is small or secondary.
          expect(after.withheld?.[cell.field]).toEqual(
            withheld
              ? 'fewer-than-k'
              : isCount(cell.field) && cell.field !== 'n'
                ? 'small-or-secondary'
                : suppression.secondary.has(index)
                  ? 'secondary'
                  : 'dominance',
          );
        }
      });
    });

    it('does not change the report it is given', async () => {
      expect(raw).toEqual(await rawReport(paths(), by));
    });

    it('says what it did in "disclosure"', () => {
      expect(published.notice).toBeUndefined();
      expect(published.disclosure).toMatchObject({
        suppression: true,
        minCount: k,
        roundCounts: null,
        primaryCells: suppression.primary.size,
        secondaryCells: suppression.secondary.size,
        cellsHidden: hidden.size,
        cellsPublished: system.cells.length - hidden.size,
      });
      expect(published.disclosure!.note).toContain(`Counts from 1 to ${k - 1} are shown as [c]`);
    });

    it('leaves the checker unable to work back any suppressed count from the identities', () => {
      const result = checkReport(published);
      expect(result.inconsistencies).toEqual([]);
      expect(result.ranges.length).toBeGreaterThan(0);
      expect(describeRanges(result.recovered)).toEqual([]);
    });

    it('shows only the key and label of a group of fewer than k records', () => {
      let withheld = 0;
      for (const { where, figures } of rowsOf(published)) {
        const before = rowsOf(raw).find((row) => row.where === where)!.figures;
        const small = (before.n as number) >= 1 && (before.n as number) < k;
        const others = Object.keys(figures).filter(
          (field) => !['key', 'label', 'suppressed', 'withheld', 'bands'].includes(field),
        );
        // Each gap band is its own cell, named `bands[i]`.
        const bands = (figures.bands as unknown[]).map((_, i) => `bands[${i}]`);
        expect(bands.length).toBe(raw.gapBands.bands.length);
        if (small) {
          withheld++;
          for (const field of [...others, ...bands]) {
            expect(valueIn(figures, field), `${where} ${field}`).toBeNull();
          }
          expect([...(figures.suppressed ?? [])].sort()).toEqual([...others, ...bands].sort());
          if (where !== 'overall') expect(figures.label).toBe(before.label);
        } else {
          // A group of k or more keeps its figures that do not depend on hidden counts.
          // Its medians and quartiles go only beside a hidden direction count in a group of
          // fewer than 4k, and its rank test beside any hidden direction count.
          const direction = ['up', 'down', 'unchanged'].some((field) => hiddenIn(figures, field));
          // A hidden band count bounds the % gap's order statistics (not the pound ones).
          const band = bands.some((field) => hiddenIn(figures, field));
          for (const field of ['medianGap', 'q1Gap', 'q3Gap', 'medianPctGap']) {
            const orderHidden =
              (direction || (band && field === 'medianPctGap')) && (before.n as number) < 4 * k;
            if (orderHidden || before[field] === null)
              expect(figures[field], `${where} ${field}`).toBeNull();
            else expect(figures[field], `${where} ${field}`).toEqual(before[field]);
          }
          if (direction && 'wilcoxonP' in figures)
            expect(hiddenIn(figures, 'wilcoxonP')).toBe(true);
          // Money totals may be hidden too, so a label-only group's are not the rest's balance.
          if (figures.totalActual === null) expect(hiddenIn(figures, 'totalActual')).toBe(true);
          else expect(figures.totalActual, where).toEqual(before.totalActual);
        }
      }
      // sample-export has no group under 5 by its default breakdowns; the others all have some.
      if (k === 10) expect(withheld).toBeGreaterThan(0);
    });

    it('hides shares, their intervals and the sign test beside hidden counts', () => {
      for (const { where, figures } of rowsOf(published)) {
        for (const [count, beside] of Object.entries(SHARES_OF)) {
          if (!hiddenIn(figures, count)) continue;
          for (const field of beside) {
            if (field in figures) expect(hiddenIn(figures, field), `${where} ${field}`).toBe(true);
          }
        }
        // A share that is shown is its count over n, both shown.
        for (const [count, share] of [
          ['up', 'upShare'],
          ['down', 'downShare'],
          ['unchanged', 'unchangedShare'],
        ]) {
          if (typeof figures[share] !== 'number') continue;
          expect(figures[count], `${where} ${count}`).not.toBeNull();
          expect(figures[share]).toBeCloseTo(
            (figures[count] as number) / (figures.n as number),
            12,
          );
        }
      }
    });

    it('hides client-group counts from 1 to k - 1, and those of any group whose n is hidden', () => {
      // The labels of one group add up to its n (Was a bug, found by a reviewer: a label's count
      // beside a hidden n gave the n back, and with the total a small group's).
      const byGroup = published.breakdowns.find(
        (b) => b.by.length === 1 && b.by[0] === 'clientGroup',
      );
      const nOf = new Map((byGroup?.groups ?? []).map((g) => [g.key.clientGroup, g.n]));
      published.clientGroups.forEach((group, i) => {
        const count = raw.clientGroups[i].count;
        const n = nOf.get(group.canonical ?? group.label);
        if ((count >= 1 && count < k) || n === undefined || n === null) {
          expect(hiddenIn(group as unknown as Figures, 'count'), group.label).toBe(true);
        } else if (group.count !== null) expect(group.count).toBe(count);
      });
    });
  });

  it('hides at least what it hides at 5 when the minimum count is 10', async () => {
    const system = cellSystem(raw);
    const five = await suppressSplit(raw, system, 5);
    const ten = await suppressSplit(raw, system, 10);
    for (const cell of five.primary) expect(ten.primary.has(cell)).toBe(true);
  });
});

/** Figures that give exact counts back, hidden whenever counts are rounded. */
const EXACT_BESIDE_ROUNDED = [
  'meanGap',
  'meanGapCi',
  'agreement',
  'points',
  'signTestP',
  'signTestPHolm',
  'wilcoxonP',
  'wilcoxonPHolm',
];

describe('rounding with --round-counts', () => {
  let raw: ExactReport;
  beforeAll(async () => {
    raw = await rawReport([fixture('sample-export.csv')], CROSSED);
  });

  /** The Wilson score interval at 95%. */
  const wilson = (count: number, n: number): [number, number] => {
    const z = 1.959963984540054;
    const p = count / n;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
    return [Math.max(0, centre - half), Math.min(1, centre + half)];
  };

  it.each([5, 10])(
    'rounds every published count to a multiple of %i and works shares out from them',
    async (step) => {
      const published = await publish(raw, { minCount: 5, roundCounts: step, suppression: true });
      const unrounded = await publish(raw, { minCount: 5, roundCounts: null, suppression: true });
      expect(published.disclosure).toMatchObject({ roundCounts: step });
      expect(published.disclosure!.note).toContain(`rounded to the nearest ${step}`);
      const before = rowsOf(unrounded);
      rowsOf(published).forEach(({ where, figures }, i) => {
        // The same cells are hidden as without rounding, and beside them only the exact figures
        // that would give the unrounded counts back.
        const hiddenBefore = before[i].figures.suppressed ?? [];
        expect(figures.suppressed ?? [], where).toEqual(expect.arrayContaining(hiddenBefore));
        const extra = (figures.suppressed ?? []).filter((field) => !hiddenBefore.includes(field));
        for (const field of extra)
          expect(EXACT_BESIDE_ROUNDED, `${where} ${field}`).toContain(field);
        for (const field of COUNT_FIELDS) {
          const value = figures[field];
          if (value === null) continue;
          expect((value as number) % step, `${where} ${field}`).toBe(0);
          expect(
            Math.abs((value as number) - (before[i].figures[field] as number)),
          ).toBeLessThanOrEqual(step / 2);
        }
        const n = figures.n as number | null;
        for (const [count, share, interval] of [
          ['up', 'upShare', 'upShareCi'],
          ['down', 'downShare', 'downShareCi'],
          ['unchanged', 'unchangedShare', null],
        ] as const) {
          if (figures[share] === null || n === null) continue;
          const value = figures[count] as number;
          expect(figures[share], `${where} ${share}`).toBe(n === 0 ? null : value / n);
          if (interval && figures[interval] && n > 0) {
            const [low, high] = figures[interval] as [number, number];
            expect(low).toBeCloseTo(wilson(value, n)[0], 9);
            expect(high).toBeCloseTo(wilson(value, n)[1], 9);
          }
        }
      });
      for (const group of published.clientGroups) {
        if (group.count !== null) expect(group.count % step, group.label).toBe(0);
      }
    },
  );

  // Was a bug: rounding hides nothing. `rasgap analyse fixtures/sample-export.csv --round-counts 5
  // --format json`: overall n is shown as 1840 either way, but the 18-64 group shows n 745
  // beside agreement.n 746 and netGap / meanGap = 746 (the unrounded n); Unknown shows n 20
  // beside agreement.n 21. The exact sign-test p-value also stays (a function of exact up and
  // down).
  it('no other figure gives back the count that rounding changed', async () => {
    const published = await publish(raw, { minCount: 5, roundCounts: 5, suppression: true });
    const exact: string[] = [];
    for (const { where, figures } of rowsOf(published)) {
      const agreement = figures.agreement as { n: number } | null | undefined;
      if (agreement && agreement.n % 5 !== 0) exact.push(`${where} agreement.n ${agreement.n}`);
      const net = figures.netGap as number | null;
      const mean = figures.meanGap as number | null;
      if (net !== null && mean) {
        const n = net / mean;
        if (Math.abs(n - Math.round(n)) < 1e-6 && Math.round(n) % 5 !== 0)
          exact.push(`${where} netGap/meanGap ${Math.round(n)}`);
      }
    }
    expect(exact).toEqual([]);
  });
});

describe('suppression off', () => {
  it('puts the notice first and says so in "disclosure"', async () => {
    const { report } = await analyse([fixture('small-export.csv')], {
      suppression: false,
      now: new Date(0),
    });
    expect(Object.keys(report)[0]).toBe('notice');
    expect(report.notice).toBe(NOT_FOR_PUBLICATION);
    expect(report.notice).toContain('NOT FOR PUBLICATION');
    expect(report.disclosure).toMatchObject({ suppression: false, minCount: null });
    expect(report.overall.n).toBe(6);
  });
});

// ----------------------------------------------------------------------------------------------
// Known disclosure bugs. Each example is small enough to follow by hand.

/** One working-age person (indicative £612.40, actual £687.15) and twelve older people. */
const oneYoungPerson = (): string =>
  written('one-young-person.csv', [
    'Person ID,Client Group,Age,Indicative Budget (weekly),Actual Budget (weekly)',
    'W1,Learning Disability Support,30,612.40,687.15',
    ...[
      [300, 280],
      [250, 240],
      [400, 350],
      [220, 200],
      [180, 170],
      [260, 280],
      [300, 320],
      [210, 230],
      [190, 200],
      [240, 240],
      [320, 320],
      [280, 280],
    ].map(([a, b], i) => `O${i + 1},Mental Health Support,${70 + i},${a}.00,${b}.00`),
  ]);

describe('known disclosure bugs', () => {
  let one: Report;
  beforeAll(async () => {
    const raw = await rawReport([oneYoungPerson()], ['age-band']);
    one = await publish(raw, { minCount: 5, roundCounts: null, suppression: true });
  });

  it('the example: 18-64 shows only its label, 65+ hides its counts, the overall row stays', () => {
    const [young, old] = one.breakdowns[0].groups;
    expect(young.label).toBe('18-64');
    expect(young.n).toBeNull();
    expect(young.totalIndicative).toBeNull();
    // n, up, down and unchanged of 65+ (12, 3, 5, 4) would each give 18-64's back beside the
    // overall row, whose n and share moved down are kept rather than the group of 12's.
    expect([old.n, old.up, old.down, old.unchanged]).toEqual([null, null, null, null]);
    expect([one.overall.n, one.overall.up, one.overall.down]).toEqual([13, null, 5]);
  });

  // Was a bug: a hidden n is shown twice beside it. 65+ above: n is null, but agreement.n is 12 and
  // netGap / meanGap = -40 / -3.3333 = 12; so 18-64 has 13 - 12 = 1 person. Found on
  // fixtures/sample-export.csv too (--by client-group,age-band --by client-group --by age-band,
  // --min-count 5): "Physical Support: Access & mobility only / 18-64" n null, agreement.n 47,
  // and then unchanged = 47 - 31 - 10 = 6; with sideChannels the checker recovers 29 cells there,
  // among them n = 1, 3 and 4 of label-only groups.
  it('agreement.n and netGap / meanGap do not give a hidden n back', () => {
    const result = checkReport(one, { sideChannels: true });
    expect(describeRanges(result.recovered.filter((r) => r.min !== 0))).toEqual([]);
  });

  // Was a bug: a label-only group's money totals are the overall row's minus the other groups'. Above:
  // overall totalIndicative 3762.40 - 65+ 3150.00 = 612.40 and totalActual 3797.15 - 3110.00 =
  // 687.15, the one working-age person's budgets to the penny.
  it("a label-only group's totals cannot be worked out from the others", () => {
    const leaks: string[] = [];
    for (const breakdown of one.breakdowns) {
      const withheld = breakdown.groups.filter((g) => g.n === null && g.totalIndicative === null);
      const others = breakdown.groups.filter((g) => !withheld.includes(g));
      if (withheld.length !== 1) continue;
      for (const field of ['totalIndicative', 'totalActual', 'netGap'] as const) {
        if (one.overall[field] === null || others.some((g) => g[field] === null)) continue;
        const rest = others.reduce((s, g) => s + (g[field] as number), 0);
        leaks.push(`${withheld[0].label} ${field} = ${(one.overall[field] - rest).toFixed(2)}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  // Was a bug: the two-group comparison of a breakdown stays when a group shows only its label. Above:
  // Mann–Whitney U = 12 with rank-biserial 1 gives n1 × n2 = 12, and with n1 + n2 = 13, n1 = 1;
  // Hodges–Lehmann (12.206) + the 65+ median % gap (0) is the one person's % gap (74.75 / 612.40
  // = 12.206%).
  it('a comparison involving a label-only group is hidden', () => {
    const comparison = one.breakdowns[0].comparison!;
    expect(comparison.twoGroups?.hodgesLehmann ?? null).toBeNull();
    expect(comparison.twoGroups?.mannWhitneyU ?? null).toBeNull();
  });

  // Was a bug: the zero counts of a label-only group are not in the suppression system (only 1..k-1
  // are primary, and withholding happens after), so they are worked back like published cells.
  // Above: 18-64 down = overall down 5 - 65+ down 5 = 0. On fixtures/sample-export.csv
  // (--by client-group,age-band --by client-group --by age-band, --min-count 5), "Social
  // Support: Support for Social Isolation/Other / Unknown" has down = 0, unchanged = 0 and
  // zeroIndicative = 0 recovered: everyone in that group of 1 to 4 had their budget raised.
  it('the zeros of a label-only group cannot be worked back', () => {
    const result = checkReport(one);
    expect(describeRanges(result.recovered)).toEqual([]);
  });

  // Was a bug: the publishing rule is itself information. `rasgap analyse
  // fixtures/inference-small.csv --by client-group,age-band --by client-group --by age-band
  // --min-count 5`: label-only groups have 1..4 records, a hidden n beside published figures
  // has at least 5. Personal care, Learning disability and Mental health have 9 each (published)
  // with 18-64 label-only and 65+ hiding n; 65+ has 17 (published) = three groups of >= 5 and
  // two label-only groups of >= 1, so all are at their least: 5, 5, 5, 1, 1, and each 18-64
  // group is 4. The checker recovers 9 non-zero counts this way.
  it('a reader who knows the rule cannot work counts back', async () => {
    const raw = await rawReport([fixture('inference-small.csv')], CROSSED);
    const published = await publish(raw, { minCount: 5, roundCounts: null, suppression: true });
    const result = checkReport(published, { minCount: 5 });
    expect(describeRanges(result.recovered.filter((r) => r.min !== 0))).toEqual([]);
  });

  // Was a bug: two crossed breakdowns that share a dimension are not tied together in
  // src/disclose/cells.ts (only a breakdown whose dimensions include another's is). `rasgap
  // analyse fixtures/sample-export.csv g300.csv --by client-group,source --by age-band,source
  // --min-count 5` (g300.csv from `rasgap generate --rows 300 --seed 7`): both add up to the
  // same source totals, which gives "Unknown / g300.csv" n = 2 and "Unknown /
  // sample-export.csv" n = 21.
  it('crossed breakdowns sharing a dimension keep their hidden counts', async () => {
    const raw = await rawReport(
      [fixture('sample-export.csv'), generated('g300.csv', 300, 7)],
      ['client-group,source', 'age-band,source'],
    );
    const published = await publish(raw, { minCount: 5, roundCounts: null, suppression: true });
    expect(describeRanges(checkReport(published).recovered)).toEqual([]);
  });

  // Was a bug: the breakdown by client group as written is not tied to the canonical client groups
  // (report.clientGroups maps each label to its group). `rasgap analyse g800.csv --by
  // raw-client-group,age-band --by client-group --min-count 5` (g800.csv from `rasgap generate
  // --rows 800 --seed 11`): "Learning Disability Support / 65+" as written has up 1, down 1,
  // unchanged 2, n 4 recovered, and 13 more cells.
  it('client groups as written keep their hidden counts', async () => {
    const raw = await rawReport(
      [generated('g800.csv', 800, 11)],
      ['raw-client-group,age-band', 'client-group'],
    );
    const published = await publish(raw, { minCount: 5, roundCounts: null, suppression: true });
    expect(describeRanges(checkReport(published).recovered.filter((r) => r.min !== 0))).toEqual([]);
  });
});

// Was a bug (found by a tester): in a group of five with none unchanged, the first quartile is
// the second smallest gap; above 0 it says at most one went down, which pins the [c] down count
// at 1. The exact signed-rank p-value (0.125 = 4/32) said the same. Five older people: gaps +10,
// +20, +30, +40 and -5; twenty working-age people: gaps +1 to +10 and -1 to -10.
describe('order statistics and rank tests beside a hidden direction count', () => {
  const file = (): string =>
    written('five-older.csv', [
      'Person ID,Client Group,Age,Indicative Budget (weekly),Actual Budget (weekly)',
      ...[10, 20, 30, 40, -5].map(
        (gap, i) => `O${i},Mental Health Support,${70 + i},100.00,${100 + gap}.00`,
      ),
      ...Array.from({ length: 20 }, (_, i) => {
        const gap = i < 10 ? i + 1 : -(i - 9);
        return `W${i},Mental Health Support,${30 + i},200.00,${200 + gap}.00`;
      }),
    ]);
  let raw: ExactReport;
  let published: Report;
  beforeAll(async () => {
    raw = await rawReport([file()], ['age-band']);
    published = await publish(raw, { minCount: 5, roundCounts: null, suppression: true });
  });

  it('the example: 65+ is 4 up and 1 down, Q1 £10 and an exact signed-rank p of 0.125', () => {
    const old = raw.breakdowns[0].groups.find((group) => group.label === '65+')!;
    expect([old.n, old.up, old.down, old.unchanged]).toEqual([5, 4, 1, 0]);
    expect(old.q1Gap).toBe(10); // R: quantile(c(10,20,30,40,-5), 0.25) = 10
    expect(old.wilcoxonP).toBe(0.125); // R: wilcox.test(c(10,20,30,40,-5))$p.value = 0.125
  });

  it('withholds the medians, quartiles and rank test of the group of 5 that hides down', () => {
    const old = published.breakdowns[0].groups.find((group) => group.label === '65+')!;
    expect(old.down).toBeNull();
    for (const field of ['medianGap', 'q1Gap', 'q3Gap', 'medianPctGap', 'wilcoxonP'] as const) {
      expect(old[field], field).toBeNull();
      expect(old.suppressed).toContain(field);
    }
    // The mean and the totals stay: they do not bound the count.
    expect(old.meanGap).toBe(19);
    expect(old.totalActual).toBe(595);
  });

  it('keeps the medians of a group of 4k or more, hiding only its rank test', () => {
    const young = published.breakdowns[0].groups.find((group) => group.label === '18-64')!;
    const before = raw.breakdowns[0].groups.find((group) => group.label === '18-64')!;
    expect(young.n).toBe(20);
    expect(young.medianGap).toBe(before.medianGap);
    expect(young.q1Gap).toBe(before.q1Gap);
    if (young.down === null || young.up === null) expect(young.wilcoxonP).toBeNull();
    else expect(young.wilcoxonP).toBe(before.wilcoxonP);
  });
});

// Was a bug (found by the independent checker's property tests): the labels alone give sizes
// away. Learning Disability has 4 people, one in each age band: listed, each crossed group holds
// at least one, and the client group at most four, so each holds exactly one.
describe('small crossed groups whose labels alone would give their sizes away', () => {
  const file = (): string =>
    written('labels-alone.csv', [
      'Person ID,Client Group,Age,Indicative Budget (weekly),Actual Budget (weekly)',
      'L1,Learning Disability Support,17,300.00,310.00',
      'L2,Learning Disability Support,30,400.00,380.00',
      'L3,Learning Disability Support,70,500.00,500.00',
      'L4,Learning Disability Support,,250.00,260.00',
      ...Array.from({ length: 12 }, (_, i) =>
        [`M${i}`, 'Mental Health Support', i < 6 ? 40 : 75, '200.00', `${190 + i * 3}.00`].join(
          ',',
        ),
      ),
    ]);

  it('leaves them out, says so, and lets nothing be worked back', async () => {
    const { report } = await analyse([file()], { by: CROSSED, minCount: 5, now: new Date(0) });
    const crossed = report.breakdowns[0];
    expect(crossed.groupsLeftOut).toBe(true);
    expect(crossed.groups.map((group) => group.label)).not.toContain(
      'Learning Disability Support / 18-64',
    );
    expect(describeRanges(checkReport(report).recovered)).toEqual([]);
    expect(render(report, 'markdown', { colour: false })).toContain(
      'Groups of fewer than 5 people are left out of this breakdown',
    );
  });
});

describe('gap bands around many hidden cells', () => {
  // Auditing the bands around a great many hidden cells took minutes (60 councils crossed by
  // client group: 1,861 hidden in the tables); above a limit every band is hidden instead.
  it("hides every band, and exactly the tables' own cells of the audited run, above the limit", async () => {
    const raw = await rawReport([fixture('sample-export.csv')], CROSSED);
    const system = cellSystem(raw);
    const highs = await loadHighs();
    const settings = { minCount: 5, dominanceP: 10 };
    const audited = suppressCells(highs, system, rowFacts(raw, 10), settings);
    const limited = suppressCells(highs, system, rowFacts(raw, 10), {
      ...settings,
      bandAuditLimit: 10,
    });
    expect(audited.bandsWithheld).toBeUndefined();
    const tablesOf = (hidden: Map<number, string>): [number, string][] =>
      [...hidden].filter(([cell]) => bandIndex(system.cells[cell].field) === null).sort();
    expect(tablesOf(limited.hidden)).toEqual(tablesOf(audited.hidden));
    expect(limited.bandsWithheld).toEqual({ tablesHidden: tablesOf(audited.hidden).length });
    const bands = system.cells.flatMap((cell, index) =>
      bandIndex(cell.field) === null ? [] : [index],
    );
    expect(bands.length).toBeGreaterThan(0);
    for (const cell of bands) expect(limited.hidden.get(cell)).toBe('secondary');
  });
});
