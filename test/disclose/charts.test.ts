// src/disclose/charts.ts: what the HTML charts may draw, from exact chart data and the published
// tables.
import { describe, expect, it } from 'vitest';
import { chartData } from '../../src/analysis/charts.js';
import type { Gaps } from '../../src/analysis/gaps.js';
import { publishCharts } from '../../src/disclose/charts.js';
import type { PublishedBreakdown, PublishedFigures } from '../../src/disclose/types.js';
import type { RecordTable } from '../../src/ingest/records.js';
import { analyse } from '../../src/index.js';
import { fixture } from './helpers.js';

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
    const data = publishCharts(exact, undefined, overall, { minCount: 5, roundCounts: null });
    const cells = data.scatter.counts.flat().filter((count) => count !== 0);
    expect(cells.sort()).toEqual([30, null, null]);
    expect(data.scatter.hidden).toBe(12);
  });

  it('rounds every drawn count and the hidden total with --round-counts', () => {
    const data = publishCharts(exact, undefined, overall, { minCount: 5, roundCounts: 5 });
    expect(data.scatter.counts.flat().filter((count) => count !== 0 && count !== null)).toEqual([
      30,
    ]);
    expect(data.scatter.hidden).toBe(10);
  });

  it('draws everything with suppression off', () => {
    const data = publishCharts(exact, undefined, overall, { minCount: null, roundCounts: null });
    expect(data.scatter.counts.flat().filter((count) => count !== 0).length).toBe(3);
    expect(data.scatter.hidden).toBe(0);
  });
});

describe('direction bars', () => {
  const group = (fields: Partial<Record<string, number | null>>): PublishedBreakdown['groups'][0] =>
    ({ key: {}, label: 'g', ...fields }) as unknown as PublishedBreakdown['groups'][0];
  const bars = (groups: PublishedBreakdown['groups']) =>
    publishCharts(
      { groups: [], scatter: emptyPlane(), blandAltman: emptyPlane(), byYear: [] },
      { by: ['ageBand'], groups },
      { n: 100 } as unknown as PublishedFigures,
      { minCount: 5, roundCounts: null },
    ).direction;

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
    expect(report.charts!.by).toEqual(['ageBand']);
    const big = report.charts!.direction.filter((bar) => sizes.get(bar.label)! >= 20);
    expect(big.map((bar) => bar.label)).toEqual(['18-64', '65+', 'Unknown']);
    for (const bar of big) expect(bar.segments, bar.label).not.toBeNull();
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
      ...charts.direction.map((bar) => bar.n),
      ...charts.groups.map((group) => group.box?.count ?? null),
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
