/**
 * What the HTML report draws, computed from the records: the % gap distribution of each group
 * (box plot: quartiles, and the 10th and 90th percentiles only where they are not a blend with the
 * smallest or largest value), indicative against actual and the Bland–Altman plane as binned
 * counts (never individual points), and the % gap by financial year. With suppression on, a bin
 * or year of fewer than minCount people is left out, and so is a share of the year worked from a
 * count of 1 to minCount - 1; where only one bin or year would be hidden, the next smallest is
 * hidden too, so the hidden one cannot be worked back from the total.
 */
import { RANK_SAFE } from '../disclose/rules.js';
import type { RecordTable } from '../ingest/records.js';
import type { Gaps } from './gaps.js';
import type { Group } from './groups.js';
import { quantileSorted } from './quantile.js';

export interface BoxStatistics {
  /** People with a % gap (zero indicative budgets have none). */
  count: number;
  /**
   * The 10th and 90th percentiles, null below WHISKER_MIN values: with fewer, R's type-7
   * quantile blends the smallest (largest) value with the next, and beside Q1 gives it back.
   */
  p10: number | null;
  q1: number;
  median: number;
  q3: number;
  p90: number | null;
}

/** 1 + 0.1 (n - 1) >= 2: the 10th percentile then lies between the 2nd and later values. */
export const WHISKER_MIN = 11;

export interface BinnedPlane {
  /** Bin edges in pounds (length = bins + 1). */
  xEdges: number[];
  yEdges: number[];
  /** counts[y][x]; null where a bin is suppressed (1 to minCount - 1 people). */
  counts: (number | null)[][];
  /** People in bins not drawn because they are too few, and beyond the drawn range. */
  hidden: number;
}

export interface YearFigures {
  /** Financial year (1 April to 31 March), e.g. `2023/24`. */
  year: string;
  n: number | null;
  medianPctGap: number | null;
  /** People moderated down; null with downShare where it (or n less it) is a small count. */
  down: number | null;
  downShare: number | null;
}

export interface ChartData {
  groups: { label: string; n: number; box: BoxStatistics | null }[];
  scatter: BinnedPlane;
  blandAltman: BinnedPlane;
  byYear: YearFigures[];
  /** null when suppression is off. */
  minCount: number | null;
}

const BINS = 24;

/**
 * @example
 * chartData(table, gaps, usedRows, ageBandGroups, 5200, 5)
 */
export function chartData(
  table: RecordTable,
  gaps: Gaps,
  usedRows: Uint32Array,
  groups: Group[],
  unitsPerPound: number,
  minCount: number | null,
): ChartData {
  const small = (count: number): boolean => minCount !== null && count > 0 && count < minCount;
  const boxOf = (rows: Uint32Array): BoxStatistics | null => {
    const values: number[] = [];
    for (const row of rows) if (!Number.isNaN(gaps.pctGap[row])) values.push(gaps.pctGap[row]);
    // Quartiles of fewer than minCount values would be those people's own values.
    if (values.length === 0 || small(rows.length) || small(values.length)) return null;
    const sorted = Float64Array.from(values).sort();
    const whiskers = sorted.length >= WHISKER_MIN;
    return {
      count: sorted.length,
      p10: whiskers ? quantileSorted(sorted, 0.1) : null,
      q1: quantileSorted(sorted, 0.25),
      median: quantileSorted(sorted, 0.5),
      q3: quantileSorted(sorted, 0.75),
      p90: whiskers ? quantileSorted(sorted, 0.9) : null,
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
  const scatter = bin(indicative, actual, [0, top], [0, top], small);
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
    small,
  );

  const years = new Map<string, number[]>();
  for (const row of usedRows) {
    const days = table.dateAgreed[row];
    if (Number.isNaN(days)) continue;
    const date = new Date(days * 86_400_000);
    const start = date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
    const year = `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
    const list = years.get(year) ?? [];
    list.push(row);
    years.set(year, list);
  }
  const byYear = [...years.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([year, rows]): YearFigures => {
      if (small(rows.length)) {
        return { year, n: null, medianPctGap: null, down: null, downShare: null };
      }
      const pcts = Float64Array.from(
        rows.map((row) => gaps.pctGap[row]).filter((value) => !Number.isNaN(value)),
      ).sort();
      const down = rows.filter((row) => gaps.direction[row] < 0).length;
      // The share down gives the count back beside n: withheld where it, or those not moved
      // down, are from 1 to minCount - 1; and then the median, as the report's order statistics.
      const hideDown = small(down) || small(rows.length - down);
      const hideMedian =
        pcts.length === 0 ||
        small(pcts.length) ||
        (hideDown && minCount !== null && rows.length < RANK_SAFE * minCount);
      return {
        year,
        n: rows.length,
        medianPctGap: hideMedian ? null : quantileSorted(pcts, 0.5),
        down: hideDown ? null : down,
        downShare: hideDown ? null : down / rows.length,
      };
    });
  if (minCount !== null) secondaryYears(byYear);

  return {
    groups: groups.map((group) => ({
      label: group.label,
      n: group.rows.length,
      box: boxOf(group.rows),
    })),
    scatter,
    blandAltman,
    byYear,
    minCount,
  };
}

/**
 * Years add up to the people with a date agreed, and their downs to those moved down: where one
 * year's n (or down) alone is hidden, the other years and the total would give it back, so the
 * smallest shown one is hidden too.
 */
function secondaryYears(years: YearFigures[]): void {
  const hiddenN = years.filter((year) => year.n === null);
  if (hiddenN.length === 1) {
    const next = smallest(
      years.filter((year) => year.n !== null),
      (year) => year.n!,
    );
    if (next) Object.assign(next, { n: null, medianPctGap: null, down: null, downShare: null });
  }
  const hiddenDown = years.filter((year) => year.down === null);
  if (hiddenDown.length === 1) {
    const next = smallest(
      years.filter((year) => year.down !== null),
      (year) => year.down!,
    );
    if (next) Object.assign(next, { down: null, downShare: null });
  }
}

function smallest<T>(items: T[], size: (item: T) => number): T | undefined {
  return items.reduce<T | undefined>(
    (best, item) => (best === undefined || size(item) < size(best) ? item : best),
    undefined,
  );
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
  small: (count: number) => boolean,
): BinnedPlane {
  const counts = Array.from({ length: BINS }, () => new Array<number>(BINS).fill(0));
  let hidden = 0;
  for (let k = 0; k < x.length; k++) {
    // The top edge belongs to the last bin; anything beyond the drawn range is counted as hidden.
    const i = x[k] === xHigh ? BINS - 1 : Math.floor(((x[k] - xLow) / (xHigh - xLow)) * BINS);
    const j = y[k] === yHigh ? BINS - 1 : Math.floor(((y[k] - yLow) / (yHigh - yLow)) * BINS);
    if (i < 0 || i >= BINS || j < 0 || j >= BINS) hidden++;
    else counts[j][i]++;
  }
  const shown: (number | null)[][] = counts.map((row) =>
    row.map((count) => {
      if (small(count)) {
        hidden += count;
        return null;
      }
      return count;
    }),
  );
  // One hidden cell would be the total less the shown cells and those beyond the range (which
  // may be none): hide the smallest shown cell with it.
  const hiddenCells = shown.flat().filter((count) => count === null).length;
  if (hiddenCells === 1) {
    let best = { j: -1, i: -1, count: Infinity };
    for (let j = 0; j < BINS; j++) {
      for (let i = 0; i < BINS; i++) {
        const count = shown[j][i];
        if (count !== null && count > 0 && count < best.count) best = { j, i, count };
      }
    }
    if (best.j >= 0) {
      hidden += best.count;
      shown[best.j][best.i] = null;
    }
  }
  const edges = (low: number, high: number): number[] =>
    Array.from({ length: BINS + 1 }, (_, i) => low + ((high - low) * i) / BINS);
  return { xEdges: edges(xLow, xHigh), yEdges: edges(yLow, yHigh), counts: shown, hidden };
}
