/**
 * groups -> statistics: the figures reported for the whole file and for each group.
 */
import { mean } from 'simple-statistics';
import type { RecordTable } from '../ingest/records.js';
import { DOWN, UP, type Gaps } from './gaps.js';
import { quantileSorted } from './quantile.js';
import {
  infer,
  newScratch,
  workingValues,
  type Inference,
  type InferenceSettings,
  type Scratch,
} from './inference.js';
import { measureOrders, type MeasureOrders } from './orders.js';

/** The figures for one group. Amounts are pounds in the output period; null when undefined. */
export interface Summary {
  n: number;
  up: number;
  down: number;
  unchanged: number;
  /** Shares are proportions from 0 to 1 of `n`. */
  upShare: number | null;
  downShare: number | null;
  unchangedShare: number | null;
  /** Records whose indicative budget is 0: in the pound figures and directions, not the % ones. */
  zeroIndicative: number;
  totalIndicative: number;
  totalActual: number;
  /** totalActual - totalIndicative. */
  netGap: number;
  /** Money-weighted: (totalActual - totalIndicative) / totalIndicative x 100. */
  netGapPct: number | null;
  meanGap: number | null;
  medianGap: number | null;
  q1Gap: number | null;
  q3Gap: number | null;
  /** Person-weighted: over records with a non-zero indicative budget. */
  meanPctGap: number | null;
  medianPctGap: number | null;
  /**
   * Records in each gap band, in the order of the report's `gapBands` (src/analysis/councils.ts):
   * set by the analysis for every row.
   */
  bands?: number[];
  /**
   * The two largest indicative and actual budgets (pounds, largest first; 0 where fewer): for the
   * dominance rule on money totals (src/disclose). Never published.
   */
  largest?: { indicative: [number, number]; actual: [number, number] };
  /**
   * Set by small-number suppression (src/disclose): the fields shown as [c]. Their values are
   * then null, whatever their type says.
   */
  suppressed?: string[];
}

/** A summary with its intervals, tests and agreement figures (left out with `--no-tests`). */
export type GroupStatistics = Summary & Partial<Inference>;

/**
 * Summarises the records at `rows`.
 *
 * @param unitsPerPound how many of the table's amount units make one pound of output, e.g. 5200
 *   for pence per year shown per week.
 *
 * @example
 * summarise(Uint32Array.of(0, 1, 2), table, gaps, 5200).medianPctGap
 */
export function summarise(
  rows: Uint32Array,
  table: RecordTable,
  gaps: Gaps,
  unitsPerPound: number,
  inference: InferenceSettings | null = null,
  /** The group's rows sorted by each measure, when the caller has them (see orders.ts). */
  orders?: MeasureOrders,
  scratch?: Scratch,
): GroupStatistics {
  const sortedRows = orders ?? (inference ? measureOrders(rows, table, gaps) : undefined);
  const n = rows.length;
  let up = 0;
  let down = 0;
  let zeroIndicative = 0;
  let totalIndicative = 0;
  let totalActual = 0;
  const largest = { indicative: [0, 0] as [number, number], actual: [0, 0] as [number, number] };
  const gapValues = scratch ? workingValues(scratch, 0, n) : new Float64Array(n);
  const pctValues = scratch ? workingValues(scratch, 1, n) : new Float64Array(n);
  let pctCount = 0;
  for (let k = 0; k < n; k++) {
    const row = rows[k];
    const direction = gaps.direction[row];
    if (direction === UP) up++;
    else if (direction === DOWN) down++;
    // Whole pence: these sums are exact.
    totalIndicative += table.indicative[row];
    totalActual += table.actual[row];
  }
  if (sortedRows) {
    // Read off the orders: the two largest amounts are their last two rows, and the records with
    // a zero indicative budget are those without a % gap.
    largest.indicative = lastTwo(table.indicative, sortedRows.indicative);
    largest.actual = lastTwo(table.actual, sortedRows.actual);
    zeroIndicative = n - sortedRows.pct.length;
    for (let k = 0; k < n; k++) gapValues[k] = gaps.gap[sortedRows.gap[k]];
    const pct = sortedRows.pct;
    for (let k = 0; k < pct.length; k++) pctValues[pctCount++] = gaps.pctGap[pct[k]];
  } else {
    for (let k = 0; k < n; k++) {
      const row = rows[k];
      keepLargest(largest.indicative, table.indicative[row]);
      keepLargest(largest.actual, table.actual[row]);
      gapValues[k] = gaps.gap[row];
      const pct = gaps.pctGap[row];
      if (Number.isNaN(pct)) zeroIndicative++;
      else pctValues[pctCount++] = pct;
    }
    gapValues.sort();
    pctValues.subarray(0, pctCount).sort();
  }
  const unchanged = n - up - down;
  const share = (count: number): number | null => (n === 0 ? null : count / n);
  const pcts = pctValues.subarray(0, pctCount);
  const money = (units: number): number => units / unitsPerPound;
  const orNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

  const summary: Summary = {
    n,
    up,
    down,
    unchanged,
    upShare: share(up),
    downShare: share(down),
    unchangedShare: share(unchanged),
    zeroIndicative,
    totalIndicative: money(totalIndicative),
    totalActual: money(totalActual),
    netGap: money(totalActual - totalIndicative),
    netGapPct:
      totalIndicative === 0 ? null : ((totalActual - totalIndicative) / totalIndicative) * 100,
    meanGap: n === 0 ? null : money((totalActual - totalIndicative) / n),
    medianGap: orNull(money(quantileSorted(gapValues, 0.5))),
    q1Gap: orNull(money(quantileSorted(gapValues, 0.25))),
    q3Gap: orNull(money(quantileSorted(gapValues, 0.75))),
    meanPctGap: pctCount === 0 ? null : mean(pcts as unknown as number[]),
    medianPctGap: orNull(quantileSorted(pcts, 0.5)),
    largest: {
      indicative: [money(largest.indicative[0]), money(largest.indicative[1])],
      actual: [money(largest.actual[0]), money(largest.actual[1])],
    },
  };
  if (inference === null) return summary;
  return {
    ...summary,
    ...infer(rows, table, gaps, unitsPerPound, { up, down }, gapValues, pcts, inference, {
      orders: sortedRows!,
      scratch: scratch ?? newScratch(table.count),
    }),
  };
}

/** The values of the last two rows of an ascending order, largest first (0 where fewer). */
function lastTwo(values: Float64Array, order: Uint32Array): [number, number] {
  const n = order.length;
  return [n > 0 ? values[order[n - 1]] : 0, n > 1 ? values[order[n - 2]] : 0];
}

/** Keeps the two largest values seen, largest first. */
function keepLargest(pair: [number, number], value: number): void {
  if (value > pair[0]) {
    pair[1] = pair[0];
    pair[0] = value;
  } else if (value > pair[1]) pair[1] = value;
}
