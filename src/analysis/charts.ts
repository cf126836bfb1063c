/**
 * What the HTML report draws, computed exactly from the records: for every breakdown, the % gap
 * distribution of each of its groups (box plot: 10th, 25th, 50th, 75th and 90th percentiles), and
 * indicative against actual and the Bland–Altman plane as binned counts (never individual
 * points). The years' chart draws the published financial-year breakdown, so nothing of it is
 * here. What of it may be published is decided in src/disclose/charts.ts.
 */
import type { RecordTable } from '../ingest/records.js';
import type { Gaps } from './gaps.js';
import type { Dimension, Group } from './groups.js';
import { quantileSorted } from './quantile.js';

export interface BoxStatistics {
  /** People with a % gap (zero indicative budgets have none). */
  count: number;
  p10: number;
  q1: number;
  median: number;
  q3: number;
  p90: number;
}

export interface BinnedPlane {
  /** Bin edges in pounds (length = bins + 1). */
  xEdges: number[];
  yEdges: number[];
  /** counts[y][x]: people in each bin. */
  counts: number[][];
  /** People beyond the drawn range. */
  beyond: number;
}

export interface GroupBox {
  label: string;
  n: number;
  box: BoxStatistics | null;
}

/** One breakdown's groups, in the breakdown's order. */
export interface BreakdownBoxes {
  by: Dimension[];
  groups: GroupBox[];
}

export interface ChartData {
  /** One per breakdown of the report, in the same order. */
  breakdowns: BreakdownBoxes[];
  scatter: BinnedPlane;
  blandAltman: BinnedPlane;
}

const BINS = 24;

/**
 * @example
 * chartData(table, gaps, usedRows, [{ by: ['ageBand'], groups: ageBandGroups }], 5200)
 */
export function chartData(
  table: RecordTable,
  gaps: Gaps,
  usedRows: Uint32Array,
  breakdowns: { by: Dimension[]; groups: Group[] }[],
  unitsPerPound: number,
): ChartData {
  const boxOf = (rows: Uint32Array): BoxStatistics | null => {
    const values: number[] = [];
    for (const row of rows) if (!Number.isNaN(gaps.pctGap[row])) values.push(gaps.pctGap[row]);
    if (values.length === 0) return null;
    const sorted = Float64Array.from(values).sort();
    return {
      count: sorted.length,
      p10: quantileSorted(sorted, 0.1),
      q1: quantileSorted(sorted, 0.25),
      median: quantileSorted(sorted, 0.5),
      q3: quantileSorted(sorted, 0.75),
      p90: quantileSorted(sorted, 0.9),
    };
  };

  const indicative = new Float64Array(usedRows.length);
  const actual = new Float64Array(usedRows.length);
  const mean = new Float64Array(usedRows.length);
  const difference = new Float64Array(usedRows.length);
  usedRows.forEach((row, k) => {
    indicative[k] = table.indicative[row] / unitsPerPound;
    actual[k] = table.actual[row] / unitsPerPound;
    mean[k] = (indicative[k] + actual[k]) / 2;
    difference[k] = actual[k] - indicative[k];
  });
  // Both axes of the scatter share one range, so that y = x is the diagonal.
  const top = Math.max(percentile(indicative, 0.99), percentile(actual, 0.99), 1);
  const scatter = bin(indicative, actual, [0, top], [0, top]);
  const spread = Math.max(
    Math.abs(percentile(difference, 0.01)),
    Math.abs(percentile(difference, 0.99)),
    1,
  );
  const blandAltman = bin(
    mean,
    difference,
    [0, Math.max(percentile(mean, 0.99), 1)],
    [-spread, spread],
  );

  return {
    breakdowns: breakdowns.map(({ by, groups }) => ({
      by,
      groups: groups.map((group) => ({
        label: group.label,
        n: group.rows.length,
        box: boxOf(group.rows),
      })),
    })),
    scatter,
    blandAltman,
  };
}

function percentile(values: Float64Array, p: number): number {
  if (values.length === 0) return 0;
  return quantileSorted(Float64Array.from(values).sort(), p);
}

function bin(
  x: Float64Array,
  y: Float64Array,
  [xLow, xHigh]: [number, number],
  [yLow, yHigh]: [number, number],
): BinnedPlane {
  const counts = Array.from({ length: BINS }, () => new Array<number>(BINS).fill(0));
  let beyond = 0;
  for (let k = 0; k < x.length; k++) {
    // The top edge belongs to the last bin.
    const i = x[k] === xHigh ? BINS - 1 : Math.floor(((x[k] - xLow) / (xHigh - xLow)) * BINS);
    const j = y[k] === yHigh ? BINS - 1 : Math.floor(((y[k] - yLow) / (yHigh - yLow)) * BINS);
    if (i < 0 || i >= BINS || j < 0 || j >= BINS) beyond++;
    else counts[j][i]++;
  }
  const edges = (low: number, high: number): number[] =>
    Array.from({ length: BINS + 1 }, (_, i) => low + ((high - low) * i) / BINS);
  return { xEdges: edges(xLow, xHigh), yEdges: edges(yLow, yHigh), counts, beyond };
}
