// src/disclose/charts.ts: what the HTML charts may draw, from exact chart data and the published
// tables.
import { describe, expect, it } from 'vitest';
import { chartData } from '../../src/analysis/charts.js';
import type { Gaps } from '../../src/analysis/gaps.js';
import { publishCharts } from '../../src/disclose/charts.js';
import type { PublishedBreakdown, PublishedFigures } from '../../src/disclose/types.js';
import type { RecordTable } from '../../src/ingest/records.js';
import { analyse } from '../../src/index.js';
import { fixture, written } from './helpers.js';

const SETTINGS = { minCount: 5, roundCounts: null, confidence: null };

describe('binned planes', () => {
  // 30 people at £100/£100, 10 at £300/£300, 2 at £500/£500: the 2 are hidden, and since one
  // hidden cell would be the total less the rest, the 10 with them.
  const indicative = [...Array(30).fill(100), ...Array(10).fill(300), 500, 500];
  const table = {
    indicative: Float64Array.from(indicative),
    actual: Float64Array.from(indicative),
    dateAgreed: new Float64Array(indicative.length).fill(Number.NaN),
  } as unknown as RecordTable;
  const gaps = {
    pctGap: new Float64Array(indicative.length),
    direction: new Int8Array(indicative.length),
  } as unknown as Gaps;
  const rows = Uint32Array.from(indicative.keys());
  const exact = chartData(table, gaps, rows, [], 1);
  const overall = { n: 42, down: 0, medianPctGap: 0 } as unknown as PublishedFigures;

  it('keeps every count in the exact data', () => {
    expect(
      exact.scatter.counts
        .flat()
        .filter((count) => count !== 0)
        .sort((a, b) => a - b),
    ).toEqual([2, 10, 30]);
    expect(exact.scatter.beyond).toBe(0);
  });

  it('hides the smallest shown cell beside a lone hidden one', () => {
    const data = publishCharts(exact, [], overall, SETTINGS);
    const cells = data.scatter.counts.flat().filter((count) => count !== 0);
    expect(cells.sort()).toEqual([30, null, null]);
    expect(data.scatter.hidden).toBe(12);
  });

  it('rounds every drawn count and the hidden total with --round-counts', () => {
    const data = publishCharts(exact, [], overall, { ...SETTINGS, roundCounts: 5 });
    expect(data.scatter.counts.flat().filter((count) => count !== 0 && count !== null)).toEqual([
      30,
    ]);
    expect(data.scatter.hidden).toBe(10);
  });

  it('draws everything with suppression off', () => {
    const data = publishCharts(exact, [], overall, { ...SETTINGS, minCount: null });
    expect(data.scatter.counts.flat().filter((count) => count !== 0).length).toBe(3);
    expect(data.scatter.hidden).toBe(0);
  });
});

describe('direction bars', () => {
  const group = (fields: Partial<Record<string, number | null>>): PublishedBreakdown['groups'][0] =>
    ({ key: {}, label: 'g', ...fields }) as unknown as PublishedBreakdown['groups'][0];
  const bars = (groups: PublishedBreakdown['groups']) =>
    publishCharts(
      { breakdowns: [], scatter: emptyPlane(), blandAltman: emptyPlane() },
      [{ by: ['ageBand'], groups }],
      { n: 100 } as unknown as PublishedFigures,
      SETTINGS,
    ).breakdowns[0].direction;

  it('draws down, unchanged and up where all three are published', () => {
    const [bar] = bars([group({ n: 10, downShare: 0.5, unchangedShare: 0.2, upShare: 0.3 })]);
    expect(bar.segments).toEqual([
      { directions: ['down'], share: 0.5 },
      { directions: ['unchanged'], share: 0.2 },
      { directions: ['up'], share: 0.3 },
    ]);
  });

  it('draws two hidden neighbours as one segment: what n and the third give anyway', () => {
    const [upHidden] = bars([
      group({ n: 20, downShare: 0.45, unchangedShare: null, upShare: null }),
    ]);
    expect(upHidden.segments).toEqual([
      { directions: ['down'], share: 0.45 },
      { directions: ['unchanged', 'up'], share: 0.55 },
    ]);
    const [downHidden] = bars([
      group({ n: 20, downShare: null, unchangedShare: null, upShare: 0.4 }),
    ]);
    expect(downHidden.segments).toEqual([
      { directions: ['down', 'unchanged'], share: 0.6 },
      { directions: ['up'], share: 0.4 },
    ]);
  });

  it('withholds a bar whose n is hidden, or whose hidden directions are not neighbours, saying why', () => {
    const [small, apart] = bars([
      { ...group({ n: null }), withheld: { n: 'fewer-than-k' } },
      {
        ...group({ n: 30, downShare: null, unchangedShare: 0.5, upShare: null }),
        withheld: { down: 'secondary', up: 'secondary' },
      },
    ]);
    expect(small).toMatchObject({ segments: null, withheld: 'fewer-than-k' });
    expect(apart).toMatchObject({ segments: null, withheld: 'secondary' });
  });

  // The done-when: on the bundled sample every age band with 20 or more people has a bar.
  it('draws a bar for every age band of 20 or more people on the bundled sample', async () => {
    const { report, exact } = await analyse([fixture('sample-export.csv')], {
      charts: true,
      exact: true,
    });
    const sizes = new Map(exact.breakdowns[0].groups.map((g) => [g.label, g.n]));
    const [ageBand] = report.charts!.breakdowns;
    expect(ageBand.by).toEqual(['ageBand']);
    const big = ageBand.direction.filter((bar) => sizes.get(bar.label)! >= 20);
    expect(big.map((bar) => bar.label)).toEqual(['18-64', '65+', 'Unknown']);
    for (const bar of big) expect(bar.segments, bar.label).not.toBeNull();
  });
});

describe('a chart set for every breakdown', () => {
  // Issue 11: the charts used to split by one breakdown only, so client groups got none.
  it('gives every breakdown, crossed ones too, a bar and a box row per published group', async () => {
    const { report } = await analyse([fixture('sample-export.csv')], {
      charts: true,
      by: ['age-band', 'client-group', 'client-group,age-band'],
      minCount: 5,
    });
    const charts = report.charts!;
    expect(charts.breakdowns.map((set) => set.by)).toEqual(report.breakdowns.map((b) => b.by));
    report.breakdowns.forEach((breakdown, b) => {
      const labels = breakdown.groups.map((group) => group.label);
      expect(charts.breakdowns[b].direction.map((bar) => bar.label)).toEqual(labels);
      expect(charts.breakdowns[b].groups.map((group) => group.label)).toEqual(labels);
      // A box wherever the tables publish the group's n and median, and nowhere else.
      breakdown.groups.forEach((group, g) => {
        expect(charts.breakdowns[b].groups[g].box !== null, group.label).toBe(
          group.n !== null && group.medianPctGap !== null,
        );
      });
    });
    // A box left out without a reason only where the table shows that the group has no % gap.
    report.breakdowns.forEach((breakdown, b) => {
      breakdown.groups.forEach((group, g) => {
        const drawn = charts.breakdowns[b].groups[g];
        if (drawn.box !== null || drawn.withheld !== undefined) return;
        expect(group.n, group.label).not.toBeNull();
        expect(group.medianPctGap, group.label).toBeNull();
        expect(group.withheld?.medianPctGap, group.label).toBeUndefined();
      });
    });
    // One person with a £0 indicative budget: that it is £0 is not told (the group shows only its
    // label); the chart says only that it is too small.
    const lone = charts.breakdowns[2].groups.find(
      (group) => group.label === 'Physical Support: Access & mobility only / Unknown',
    );
    expect(lone).toEqual({
      label: 'Physical Support: Access & mobility only / Unknown',
      box: null,
      withheld: 'fewer-than-k',
    });
    const clientGroups = charts.breakdowns[1];
    expect(clientGroups.direction.filter((bar) => bar.segments !== null).length).toBeGreaterThan(3);
    expect(clientGroups.groups.filter((group) => group.box !== null).length).toBeGreaterThan(3);
  });

  // As in test/disclose/suppress.test.ts: Learning Disability has 4 people, one in each age band,
  // so the tables leave its crossed groups out, labels and all.
  it('names no group the tables leave out of a crossed breakdown', async () => {
    const file = written('charts-labels-alone.csv', [
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
    const { report } = await analyse([file], {
      charts: true,
      by: ['client-group,age-band', 'client-group', 'age-band'],
      minCount: 5,
    });
    const [crossed] = report.breakdowns;
    expect(crossed.groupsLeftOut).toBe(true);
    const [set] = report.charts!.breakdowns;
    const labels = crossed.groups.map((group) => group.label);
    expect(set.direction.map((bar) => bar.label)).toEqual(labels);
    expect(set.groups.map((group) => group.label)).toEqual(labels);
    expect(JSON.stringify(report.charts)).not.toContain('Learning Disability Support / ');
  });
});

describe('% gap boxes', () => {
  // 48 % gaps: -20 to 9 (30 people, moved down), 15 at 0, then 3, 5 and 8 (3 moved up).
  // Expected quantiles (R type 7), from `python3 -c "import numpy as np;
  // v=np.array([-20.0+k for k in range(30)]+[0]*15+[3,5,8]); print(np.percentile(v,[10,25,50,75,90]))"`:
  // -15.3, -8.25, 0, 0.25, 5.3.
  const pcts = [...Array.from({ length: 30 }, (_, k) => -20 + k), ...Array(15).fill(0), 3, 5, 8];
  const table = {
    indicative: new Float64Array(pcts.length).fill(100),
    actual: Float64Array.from(pcts, (pct) => 100 + pct),
    dateAgreed: new Float64Array(pcts.length).fill(Number.NaN),
  } as unknown as RecordTable;
  const gaps = {
    pctGap: Float64Array.from(pcts),
    direction: new Int8Array(pcts.length),
  } as unknown as Gaps;
  const rows = Uint32Array.from(pcts.keys());
  const exact = chartData(
    table,
    gaps,
    rows,
    [{ by: ['ageBand'], groups: [{ key: {}, label: '65+', rows }] }],
    1,
  );
  const figures = (up: number | null): PublishedBreakdown => ({
    by: ['ageBand'],
    groups: [
      {
        key: {},
        label: '65+',
        n: 48,
        down: 30,
        unchanged: up === null ? null : 15,
        up,
        zeroIndicative: 0,
        medianPctGap: 0,
        ...(up === null
          ? { withheld: { up: 'small-or-secondary', unchanged: 'small-or-secondary' } }
          : {}),
      } as unknown as PublishedBreakdown['groups'][0],
    ],
  });
  const overall = { n: 48, down: 30, medianPctGap: 0 } as unknown as PublishedFigures;

  it('draws the quartiles and the 10th and 90th percentiles where every direction is published', () => {
    const [group] = publishCharts(exact, [figures(3)], overall, SETTINGS).breakdowns[0].groups;
    expect(group.box).toMatchObject({ count: 48, q1: -8.25, median: 0, q3: 0.25 });
    expect(group.box!.p10).toBeCloseTo(-15.3, 10);
    expect(group.box!.p90).toBeCloseTo(5.3, 10);
    expect(group.box!.withheld).toBeUndefined();
  });

  it('withholds the whiskers beside a hidden direction count in fewer than 10 k records, saying why', () => {
    // The 90th percentile (+5.3%) lies among the 3 moved up: its sign says at least 2 went up.
    const [group] = publishCharts(exact, [figures(null)], overall, SETTINGS).breakdowns[0].groups;
    expect(group.box).toMatchObject({ q1: -8.25, median: 0, q3: 0.25, p10: null, p90: null });
    expect(group.box!.withheld).toEqual({ p10: 'small-or-secondary', p90: 'small-or-secondary' });
    // From 10 k records (k = 4: 40 <= 48) the 3 lie beyond the 90th percentile's neighbours.
    const [safe] = publishCharts(exact, [figures(null)], overall, { ...SETTINGS, minCount: 4 })
      .breakdowns[0].groups;
    expect(safe.box!.p90).toBeCloseTo(5.3, 10);
  });
});

describe('share moved down by year', () => {
  const data = { breakdowns: [], scatter: emptyPlane(), blandAltman: emptyPlane() };
  const overall = { n: 70, down: 20, medianPctGap: -1 } as unknown as PublishedFigures;
  const year = (label: string, fields: Record<string, unknown>): PublishedBreakdown['groups'][0] =>
    ({
      key: { financialYear: label },
      label,
      ...fields,
    }) as unknown as PublishedBreakdown['groups'][0];
  const years: PublishedBreakdown = {
    by: ['financialYear'],
    groups: [
      year('2022-23', {
        n: 30,
        down: null,
        downShare: null,
        medianPctGap: null,
        withheld: { down: 'secondary', downShare: 'secondary', medianPctGap: 'secondary' },
      }),
      year('2023-24', {
        n: 40,
        down: 12,
        downShare: 0.3,
        downShareCi: [0.18, 0.45],
        medianPctGap: -1,
      }),
      year('Unknown', { n: null, down: null, downShare: null, medianPctGap: null }),
    ],
  } as unknown as PublishedBreakdown;

  it('takes each year as the published financial-year breakdown has it, and no Unknown', () => {
    const drawn = publishCharts(data, [years], overall, SETTINGS).byYear;
    expect(drawn).toEqual([
      {
        year: '2022-23',
        n: 30,
        down: null,
        downShare: null,
        downShareCi: null,
        medianPctGap: null,
        withheld: { down: 'secondary', downShare: 'secondary', medianPctGap: 'secondary' },
      },
      {
        year: '2023-24',
        n: 40,
        down: 12,
        downShare: 0.3,
        downShareCi: [0.18, 0.45],
        medianPctGap: -1,
      },
    ]);
  });

  it('draws no years without a financial-year breakdown', () => {
    const byAge = { ...years, by: ['ageBand'] } as unknown as PublishedBreakdown;
    expect(publishCharts(data, [byAge], overall, SETTINGS).byYear).toEqual([]);
  });
});

function emptyPlane() {
  return { xEdges: [0, 1], yEdges: [0, 1], counts: [[0]], beyond: 0 };
}

describe('--round-counts through the Node API', () => {
  it('rounds every count of the chart data', async () => {
    const { report } = await analyse([fixture('sample-export.csv')], {
      charts: true,
      roundCounts: 5,
    });
    const charts = report.charts!;
    const counts = [
      ...charts.breakdowns.flatMap((set) => set.direction.map((bar) => bar.n)),
      ...charts.breakdowns.flatMap((set) => set.groups.map((group) => group.box?.count ?? null)),
      ...charts.scatter.counts.flat(),
      ...charts.blandAltman.counts.flat(),
      charts.scatter.hidden,
      charts.blandAltman.hidden,
      ...charts.byYear.flatMap((year) => [year.n, year.down]),
    ].filter((count): count is number => count !== null);
    expect(counts.length).toBeGreaterThan(20);
    expect(counts.filter((count) => count % 5 !== 0)).toEqual([]);
    expect(charts.roundCounts).toBe(5);
    // Shares from the rounded counts.
    for (const year of charts.byYear) {
      if (year.downShare !== null) expect(year.downShare).toBe(year.down! / year.n!);
    }
  });
});
