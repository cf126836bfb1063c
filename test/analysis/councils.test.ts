import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/index.js';
import { checkAnalyseOptions } from '../../src/options.js';
import { bandCounts, bandLayout, councilFunnel } from '../../src/analysis/councils.js';

// Every expected value below was printed by R 4.2.2:
//   Rscript test/analysis/councils.R
// and pasted unchanged: the four council fixtures pooled (fixtures/councils-*.csv, written by
// fixtures/make-fixtures.mjs), the gap bands of each council with the default edges -10, 0, 10
// and with -25, -10, -5, 0, 5, 10, 25, and each council on the funnel plot of the share moved
// down (target: the pooled share, 156 of 470).
const TARGET = 0.33191489361702126;
const OVERALL = { n: 470, down: 156, bands: [64, 92, 116, 105, 90] };
const OVERALL_WIDE = [0, 64, 6, 86, 116, 103, 2, 90, 0];
const COUNCILS = [
  {
    label: 'Eastmoor',
    n: 150,
    down: 36,
    bands: [12, 24, 40, 40, 34],
    wideBands: [0, 12, 0, 24, 40, 40, 0, 34, 0],
    lower95: 0.25655648299786193,
    upper95: 0.40727330423618058,
    lower998: 0.21309895007700425,
    upper998: 0.45073083715703827,
    position: 'below-95',
  },
  {
    label: 'Northmoor',
    n: 80,
    down: 28,
    bands: [10, 18, 20, 17, 14],
    wideBands: [0, 10, 2, 16, 20, 16, 1, 14, 0],
    lower95: 0.22872614013239528,
    upper95: 0.43510364710164723,
    lower998: 0.16921946244670244,
    upper998: 0.49461032478734007,
    position: 'within',
  },
  {
    label: 'Southfield',
    n: 40,
    down: 26,
    bands: [16, 10, 6, 4, 4],
    wideBands: [0, 16, 1, 9, 6, 4, 0, 4, 0],
    lower95: 0.18598395895468919,
    upper95: 0.47784582827935329,
    lower998: 0.101828808319818,
    upper998: 0.56200097891422451,
    position: 'above-99.8',
  },
  {
    label: 'Westholme',
    n: 200,
    down: 66,
    bands: [26, 40, 50, 44, 38],
    wideBands: [0, 26, 3, 37, 50, 43, 1, 38, 0],
    lower95: 0.26665259563201027,
    upper95: 0.39717719160203224,
    lower998: 0.229017268136749,
    upper998: 0.43481251909729352,
    position: 'within',
  },
];

const FILES = ['northmoor', 'eastmoor', 'southfield', 'westholme'].map(
  (name) => `fixtures/councils-${name}.csv`,
);
const close = (actual: number, expected: number): void =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));

describe('councils side by side (--by source) and gap bands, against R', () => {
  it('places each council on the funnel plot and splits it over the default bands', async () => {
    const { exact } = await analyse(FILES, { by: ['source'], exact: true, now: new Date(0) });
    expect(exact.overall.n).toBe(OVERALL.n);
    expect(exact.overall.down).toBe(OVERALL.down);
    close(exact.overall.downShare!, TARGET);
    expect(exact.overall.bands).toEqual(OVERALL.bands);
    expect(exact.gapBands.edges).toEqual([-10, 0, 10]);
    const groups = exact.breakdowns[0].groups;
    expect(groups.map((group) => group.label).sort()).toEqual(COUNCILS.map((c) => c.label));
    for (const council of COUNCILS) {
      const group = groups.find((candidate) => candidate.label === council.label)!;
      expect([group.n, group.down]).toEqual([council.n, council.down]);
      expect(group.bands).toEqual(council.bands);
      const funnel = group.funnel!;
      close(funnel.target, TARGET);
      close(funnel.lower95, council.lower95);
      close(funnel.upper95, council.upper95);
      close(funnel.lower998, council.lower998);
      close(funnel.upper998, council.upper998);
      expect(funnel.position).toBe(council.position);
      // The cut bands are the count moved down; the bands and zero-indicative records are n.
      expect(group.bands![0] + group.bands![1]).toBe(group.down);
      expect(group.bands!.reduce((a, b) => a + b, 0) + group.zeroIndicative).toBe(group.n);
    }
  });

  it('splits each council over the bands of --bands -25,-10,-5,0,5,10,25', async () => {
    const { exact } = await analyse(FILES, {
      by: ['source'],
      bands: '-25,-10,-5,0,5,10,25',
      exact: true,
      now: new Date(0),
    });
    expect(exact.gapBands.bands.map((band) => band.label)).toEqual([
      'cut by more than 25%',
      'cut by more than 10% and up to 25%',
      'cut by more than 5% and up to 10%',
      'cut by up to 5%',
      'unchanged',
      'raised by up to 5%',
      'raised by more than 5% and up to 10%',
      'raised by more than 10% and up to 25%',
      'raised by more than 25%',
    ]);
    expect(exact.overall.bands).toEqual(OVERALL_WIDE);
    for (const council of COUNCILS) {
      const group = exact.breakdowns[0].groups.find((g) => g.label === council.label)!;
      expect(group.bands).toEqual(council.wideBands);
    }
  });

  it('takes --bands as text or numbers, and refuses edges without 0 or not increasing', () => {
    expect(checkAnalyseOptions({ bands: '-25, -10,0,10,25' }).bands).toEqual([-25, -10, 0, 10, 25]);
    expect(checkAnalyseOptions({ bands: [-5, 0, 5] }).bands).toEqual([-5, 0, 5]);
    expect(checkAnalyseOptions({}).bands).toEqual([-10, 0, 10]);
    for (const bad of ['10,20', '0,-10', '-10,,10', 'ten']) {
      expect(() => checkAnalyseOptions({ bands: bad })).toThrow(
        /--bands takes increasing % gaps with 0 among them/,
      );
    }
  });

  it('gives no funnel outside a breakdown by source alone', async () => {
    const { exact } = await analyse(FILES, {
      by: ['client-group', 'source,client-group'],
      exact: true,
      now: new Date(0),
    });
    for (const breakdown of exact.breakdowns) {
      for (const group of breakdown.groups) expect(group.funnel).toBeUndefined();
    }
  });

  it('has no funnel without a share to place, and no bands for no rows', () => {
    expect(councilFunnel(null, 10, 0.2)).toBeNull();
    expect(councilFunnel(0.3, 0, null)).toBeNull();
    expect(councilFunnel(0.3, 100, 0.45)?.position).toBe('above-99.8');
    const layout = bandLayout([-10, 0, 10]);
    expect(layout.bands).toHaveLength(5);
    const gaps = {
      gap: Float64Array.of(-50, 0),
      pctGap: Float64Array.of(-50, Number.NaN),
      direction: Int8Array.of(-1, 0),
      withinRounding: new Uint8Array(2),
    };
    const table = { indicative: Float64Array.of(100, 0) } as never;
    expect(bandCounts(new Uint32Array(0), gaps, table)).toEqual([0, 0, 0, 0, 0]);
    expect(bandCounts(Uint32Array.of(0, 1), gaps, table)).toEqual([1, 0, 0, 0, 0]);
    // No bands at all (trend's analysis): an empty layout, and no counts.
    expect(bandLayout(null)).toEqual({ edges: [], bands: [] });
    expect(bandCounts(Uint32Array.of(0, 1), gaps, table, bandLayout(null).edges)).toEqual([]);
  });
});
