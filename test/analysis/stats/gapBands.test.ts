import { describe, expect, it } from 'vitest';
import { gapBands, DEFAULT_GAP_EDGES } from '../../../src/analysis/stats/gapBands.js';
import { DOWN, UNCHANGED, UP } from '../../../src/analysis/gaps.js';

// Every expected count in CASES was printed by R 4.2.2 (the tests after it check labels, edges and
// refusals, which follow from the definitions):
//   Rscript test/analysis/stats/r/gapBands.R
// and pasted unchanged. The script builds the records as records() does here, counts the bands in
// exact integer arithmetic, and checks that R's cut() gives the same counts for the default edges.

/** The records of the R script: 2000 built ones, then the special ones (pence). */
function records(): { gap: Float64Array; indicative: Float64Array } {
  const specialIndicative = [10000, 10000, 10000, 10000, 10000, 25000, 0, 0, 12345];
  const specialGap = [-1000, 1000, -700, 700, 0, 0, 500, 0, -1];
  const n = 2000 + specialGap.length;
  const gap = new Float64Array(n);
  const indicative = new Float64Array(n);
  for (let i = 1; i <= 2000; i++) {
    indicative[i - 1] = 5000 + ((7919 * i) % 95001);
    const r = ((104729 * i + 13 * i * i) % 1201) - 600;
    gap[i - 1] = Math.floor((indicative[i - 1] * r) / 1000);
  }
  specialGap.forEach((value, k) => {
    gap[2000 + k] = value;
    indicative[2000 + k] = specialIndicative[k];
  });
  return { gap, indicative };
}

/** UP, DOWN or UNCHANGED with a tolerance of `percent` of the indicative budget, as gaps.ts. */
function directions(gap: Float64Array, indicative: Float64Array, percent: number): Int8Array {
  return Int8Array.from(gap, (g, i) =>
    Math.abs(g) * 100 <= percent * indicative[i] ? UNCHANGED : g > 0 ? UP : DOWN,
  );
}

const CASES: {
  name: string;
  edges: number[];
  rows: 'all' | 'every-third' | number[];
  tolerance: number | null;
  counts: number[];
  noPctGap: number;
  down: number;
  up: number;
}[] = [
  {
    name: 'default edges',
    edges: [-10, 0, 10],
    rows: 'all',
    tolerance: null,
    counts: [841, 181, 6, 167, 812],
    noPctGap: 2,
    down: 1022,
    up: 979,
  },
  {
    name: 'seven edges',
    edges: [-20, -10, -5, 0, 5, 10, 20],
    rows: 'all',
    tolerance: null,
    counts: [680, 161, 102, 79, 6, 79, 88, 179, 633],
    noPctGap: 2,
    down: 1022,
    up: 979,
  },
  {
    name: 'only 0',
    edges: [0],
    rows: 'all',
    tolerance: null,
    counts: [1022, 6, 979],
    noPctGap: 2,
    down: 1022,
    up: 979,
  },
  {
    name: 'edges at 7%',
    edges: [-7, 0, 7],
    rows: 'all',
    tolerance: null,
    counts: [895, 127, 6, 128, 851],
    noPctGap: 2,
    down: 1022,
    up: 979,
  },
  {
    name: 'with a 2% tolerance',
    edges: [-10, 0, 10],
    rows: 'all',
    tolerance: 2,
    counts: [841, 144, 70, 140, 812],
    noPctGap: 2,
    down: 985,
    up: 952,
  },
  {
    name: 'every third record',
    edges: [-10, 0, 10],
    rows: 'every-third',
    tolerance: null,
    counts: [260, 67, 3, 53, 286],
    noPctGap: 1,
    down: 327,
    up: 339,
  },
  {
    name: 'one record',
    edges: [-10, 0, 10],
    rows: [1],
    tolerance: null,
    counts: [0, 1, 0, 0, 0],
    noPctGap: 0,
    down: 1,
    up: 0,
  },
  {
    name: 'one record with no indicative budget',
    edges: [-10, 0, 10],
    rows: [2006],
    tolerance: null,
    counts: [0, 0, 0, 0, 0],
    noPctGap: 1,
    down: 0,
    up: 0,
  },
  {
    name: 'no records',
    edges: [-10, 0, 10],
    rows: [],
    tolerance: null,
    counts: [0, 0, 0, 0, 0],
    noPctGap: 0,
    down: 0,
    up: 0,
  },
];

describe('gapBands: against R', () => {
  const { gap, indicative } = records();
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const rows =
      c.rows === 'all'
        ? undefined
        : c.rows === 'every-third'
          ? Uint32Array.from({ length: Math.ceil(gap.length / 3) }, (_, k) => 3 * k)
          : Uint32Array.from(c.rows);
    const direction = c.tolerance === null ? undefined : directions(gap, indicative, c.tolerance);
    const result = gapBands(gap, indicative, { edges: c.edges, rows, direction });
    expect(result.bands.map((band) => band.count)).toEqual(c.counts);
    expect(result.noPctGap).toBe(c.noPctGap);
    // The bands agree with the direction counts: cuts add up to down, rises to up.
    const total = (which: string): number =>
      result.bands
        .filter((band) => band.direction === which)
        .reduce((sum, band) => sum + band.count, 0);
    expect([total('down'), total('up')]).toEqual([c.down, c.up]);
    const counted = rows === undefined ? gap.length : rows.length;
    expect(total('down') + total('unchanged') + total('up') + result.noPctGap).toBe(counted);
  });
});

describe('gapBands', () => {
  it('names the default bands as the issue does, each with its ends', () => {
    const { bands, edges } = gapBands(Float64Array.of(), Float64Array.of());
    expect(edges).toEqual([...DEFAULT_GAP_EDGES]);
    expect(
      bands.map(({ direction, from, to, label, count }) => [direction, from, to, label, count]),
    ).toEqual([
      ['down', null, -10, 'cut by more than 10%', 0],
      ['down', -10, 0, 'cut by up to 10%', 0],
      ['unchanged', 0, 0, 'unchanged', 0],
      ['up', 0, 10, 'raised by up to 10%', 0],
      ['up', 10, null, 'raised by more than 10%', 0],
    ]);
  });

  it('names middle bands by both ends', () => {
    const labels = gapBands(Float64Array.of(), Float64Array.of(), {
      edges: [-20, -10, 0, 5],
    }).bands.map((band) => band.label);
    expect(labels).toEqual([
      'cut by more than 20%',
      'cut by more than 10% and up to 20%',
      'cut by up to 10%',
      'unchanged',
      'raised by up to 5%',
      'raised by more than 5%',
    ]);
  });

  it('puts an exact edge in the band nearer 0, where the division would round past it', () => {
    // -700 / 10000 * 100 is -7.000000000000001 in floating point.
    expect((-700 / 10000) * 100).toBeLessThan(-7);
    const result = gapBands(Float64Array.of(-700, 700), Float64Array.of(10000, 10000), {
      edges: [-7, 0, 7],
    });
    expect(result.bands.map((band) => band.count)).toEqual([0, 1, 0, 1, 0]);
  });

  it('counts one record, and a record with no indicative budget apart', () => {
    expect(gapBands(Float64Array.of(-5), Float64Array.of(100)).bands.map((b) => b.count)).toEqual([
      0, 1, 0, 0, 0,
    ]);
    const zero = gapBands(Float64Array.of(0, 300), Float64Array.of(0, 0));
    expect(zero.noPctGap).toBe(2);
    expect(zero.bands.every((band) => band.count === 0)).toBe(true);
  });

  it('refuses edges that are not increasing, not finite, or leave out 0', () => {
    const none = Float64Array.of();
    expect(() => gapBands(none, none, { edges: [-10, 10] })).toThrow(/include 0/);
    expect(() => gapBands(none, none, { edges: [10, 0, -10] })).toThrow(RangeError);
    expect(() => gapBands(none, none, { edges: [-10, 0, 0, 10] })).toThrow(RangeError);
    expect(() => gapBands(none, none, { edges: [-Infinity, 0] })).toThrow(RangeError);
  });
});
