/**
 * statistics a reviewer asks for beside each summary: intervals, tests of whether moderation is
 * systematic, and how well the indicative budget predicts the actual one. All O(n log n).
 */
import type { RecordTable } from '../ingest/records.js';
import {
  blandAltman,
  fitLine,
  lineAndPearson,
  pearson,
  type BlandAltman,
} from './stats/agreement.js';
import { ranksAlong, type MeasureOrders } from './orders.js';
import { medianInterval, meanInterval, wilsonInterval, type Interval } from './stats/intervals.js';
import { signedRankFromRanks, signTestP } from './stats/tests.js';
import type { Gaps } from './gaps.js';

export type AgreementScale = 'difference' | 'ratio';

export interface InferenceSettings {
  /** Confidence level of every interval, e.g. 0.95. */
  confidence: number;
  /** Bland–Altman on actual - indicative (pounds) or on log(actual / indicative) (percent). */
  scale: AgreementScale;
}

export interface Agreement {
  /** Records in the agreement figures (with `ratio`, those with both amounts above zero). */
  n: number;
  pearson: number | null;
  spearman: number | null;
  /** Calibration line actual = intercept + slope × indicative (pounds), and its R². */
  calibrationIntercept: number | null;
  calibrationSlope: number | null;
  rSquared: number | null;
  scale: AgreementScale;
  /** Bias and limits in pounds (`difference`) or percent (`ratio`). */
  bias: number | null;
  biasCi: Interval | null;
  lowerLimit: number | null;
  upperLimit: number | null;
  lowerLimitCi: Interval | null;
  upperLimitCi: Interval | null;
  /** Slope of the difference (or log ratio) on the mean of the two amounts (or of their logs). */
  proportionalBiasSlope: number | null;
  proportionalBiasIntercept: number | null;
  proportionalBiasP: number | null;
}

export interface PointsFit {
  /** Records with RAS points. */
  n: number;
  /** Pounds of indicative budget per RAS point (slope of indicative on points), and its R². */
  poundsPerPoint: number | null;
  indicativeIntercept: number | null;
  indicativeRSquared: number | null;
  /** The same for the actual budget. */
  actualPoundsPerPoint: number | null;
  actualIntercept: number | null;
  actualRSquared: number | null;
}

export interface Inference {
  confidence: number;
  medianGapCi: Interval | null;
  medianPctGapCi: Interval | null;
  meanGapCi: Interval | null;
  upShareCi: Interval | null;
  downShareCi: Interval | null;
  signTestP: number | null;
  wilcoxonP: number | null;
  wilcoxonMethod: 'exact' | 'normal' | null;
  agreement: Agreement;
  /** Only when the export has RAS points. */
  points?: PointsFit;
}

/**
 * Working arrays reused from one summary to the next, so that a million rows' breakdowns do not
 * each allocate (and leave to the collector) several arrays as long as their groups: `position`
 * as long as the table, each row's place in the group being summarised (so that ranks read off the
 * measure orders land in the group's order); `values`, two arrays of a group's values at a time,
 * four with `--scale ratio` (see `workingValues`).
 */
export interface Scratch {
  position: Uint32Array;
  values: Float64Array[];
}

/**
 * @param values the largest group to be summarised (e.g. the used rows), sized up front so the
 *   working values are allocated once
 * @example
 * const scratch = newScratch(table.count, usedRows.length);
 */
export function newScratch(rows: number, values = 0): Scratch {
  return {
    position: new Uint32Array(rows),
    // Slots 2 and 3 are only used with `--scale ratio`: grown then.
    values: [
      new Float64Array(values),
      new Float64Array(values),
      new Float64Array(0),
      new Float64Array(0),
    ],
  };
}

/**
 * The first `n` entries of working array `slot` (0 to 3), grown when too short. Its contents are
 * the last user's: slots 0 and 1 hold a summary's sorted gaps and % gaps until its intervals are
 * worked out, then the agreement figures' differences, means and ranks; slots 2 and 3 hold the
 * logs of the amounts with `--scale ratio` (the amounts themselves are read from the table).
 *
 * @example
 * const gaps = workingValues(scratch, 0, rows.length);
 */
export function workingValues(scratch: Scratch, slot: number, n: number): Float64Array {
  if (scratch.values[slot].length < n) scratch.values[slot] = new Float64Array(n);
  return scratch.values[slot].subarray(0, n);
}

/**
 * @param sortedGaps the group's gaps in table units, sorted
 * @param sortedPcts the group's % gaps (zero indicative left out), sorted
 */
export function infer(
  rows: Uint32Array,
  table: RecordTable,
  gaps: Gaps,
  unitsPerPound: number,
  counts: { up: number; down: number },
  sortedGaps: Float64Array,
  sortedPcts: Float64Array,
  settings: InferenceSettings,
  context: { orders: MeasureOrders; scratch: Scratch },
): Inference {
  const n = rows.length;
  const { confidence } = settings;
  const pounds = (interval: Interval | null): Interval | null =>
    interval && [interval[0] / unitsPerPound, interval[1] / unitsPerPound];

  // Indexed loops, not for...of: until the optimising compiler takes over (all of a small
  // file's run), each step of a typed array's iterator allocates a result object.
  let sum = 0;
  for (let k = 0; k < sortedGaps.length; k++) sum += sortedGaps[k];
  const meanGap = n === 0 ? 0 : sum / n;
  let squares = 0;
  for (let k = 0; k < sortedGaps.length; k++) squares += (sortedGaps[k] - meanGap) ** 2;
  const sdGap = n > 1 ? Math.sqrt(squares / (n - 1)) : Number.NaN;

  const wilcoxon = signedRank(context.orders.absGap, gaps.gap, n);

  const inference: Inference = {
    confidence,
    medianGapCi: pounds(medianInterval(sortedGaps, confidence)),
    medianPctGapCi: medianInterval(sortedPcts, confidence),
    meanGapCi: pounds(meanInterval(meanGap, sdGap, n, confidence)),
    upShareCi: wilsonInterval(counts.up, n, confidence),
    downShareCi: wilsonInterval(counts.down, n, confidence),
    signTestP: signTestP(counts.up, counts.down),
    wilcoxonP: wilcoxon?.p ?? null,
    wilcoxonMethod: wilcoxon?.method ?? null,
    agreement: agreement(rows, table, unitsPerPound, settings, context),
  };
  const points = pointsFit(rows, table, unitsPerPound);
  if (points) inference.points = points;
  return inference;
}

/** Wilcoxon signed-rank from the group's rows in order of |gap| (zeros already left out). */
function signedRank(absGapOrder: Uint32Array, gap: Float64Array, n: number) {
  const moved = absGapOrder.length;
  let statistic = 0;
  let ties = 0;
  let start = 0;
  while (start < moved) {
    const size = Math.abs(gap[absGapOrder[start]]);
    let end = start + 1;
    while (end < moved && Math.abs(gap[absGapOrder[end]]) === size) end++;
    const rank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) if (gap[absGapOrder[i]] > 0) statistic += rank;
    const run = end - start;
    if (run > 1) ties += run * run * run - run;
    start = end;
  }
  return signedRankFromRanks(statistic, moved, ties, n - moved);
}

function agreement(
  rows: Uint32Array,
  table: RecordTable,
  unitsPerPound: number,
  settings: InferenceSettings,
  context: { orders: MeasureOrders; scratch: Scratch },
): Agreement {
  const n = rows.length;
  // The summary's sorted values (slots 0 and 1) are no longer needed: its intervals are done.
  const { scratch } = context;
  // The amounts in pounds are read through the group's rows, not copied (2 × 8 bytes a record).
  const along = { rows, scale: unitsPerPound };
  const { line, pearson } = lineAndPearson(table.indicative, table.actual, along);
  let agreementN = n;
  let limits: BlandAltman | null;
  let toScale = (value: number): number => value;
  if (settings.scale === 'ratio') {
    // log(actual / indicative) for records where both are above zero; reported as percentages.
    let positive = 0;
    for (let k = 0; k < n; k++) {
      if (
        table.indicative[rows[k]] / unitsPerPound > 0 &&
        table.actual[rows[k]] / unitsPerPound > 0
      ) {
        positive++;
      }
    }
    const logIndicative = workingValues(scratch, 2, positive);
    const logActual = workingValues(scratch, 3, positive);
    for (let k = 0, j = 0; k < n; k++) {
      const indicative = table.indicative[rows[k]] / unitsPerPound;
      const actual = table.actual[rows[k]] / unitsPerPound;
      if (indicative > 0 && actual > 0) {
        logIndicative[j] = Math.log(indicative);
        logActual[j++] = Math.log(actual);
      }
    }
    agreementN = positive;
    limits = blandAltman(logIndicative, logActual, settings.confidence, [
      workingValues(scratch, 0, agreementN),
      workingValues(scratch, 1, agreementN),
    ]);
    toScale = (value) => (Math.exp(value) - 1) * 100;
  } else {
    limits = blandAltman(
      table.indicative,
      table.actual,
      settings.confidence,
      [workingValues(scratch, 0, n), workingValues(scratch, 1, n)],
      along,
    );
  }
  const scaled = (interval: Interval | null | undefined): Interval | null =>
    interval ? [toScale(interval[0]), toScale(interval[1])] : null;
  return {
    n: agreementN,
    pearson,
    spearman: spearmanAlong(rows, table, context),
    calibrationIntercept: line?.intercept ?? null,
    calibrationSlope: line?.slope ?? null,
    rSquared: line?.rSquared ?? null,
    scale: settings.scale,
    bias: limits ? toScale(limits.bias) : null,
    biasCi: scaled(limits?.biasCi),
    lowerLimit: limits ? toScale(limits.lowerLimit) : null,
    upperLimit: limits ? toScale(limits.upperLimit) : null,
    lowerLimitCi: scaled(limits?.lowerLimitCi),
    upperLimitCi: scaled(limits?.upperLimitCi),
    proportionalBiasSlope: limits?.proportionalBias?.slope ?? null,
    proportionalBiasIntercept: limits?.proportionalBias?.intercept ?? null,
    proportionalBiasP: limits?.proportionalBias?.slopeP ?? null,
  };
}

/** Spearman's correlation from the group's orders: Pearson's on average ranks. */
function spearmanAlong(
  rows: Uint32Array,
  table: RecordTable,
  context: { orders: MeasureOrders; scratch: Scratch },
): number | null {
  if (rows.length < 2) return null;
  const { position } = context.scratch;
  for (let k = 0; k < rows.length; k++) position[rows[k]] = k;
  // Slots 0 and 1: the Bland–Altman figures that used them are done. The orders hold the same
  // rows as `rows`, so every place is written.
  const x = workingValues(context.scratch, 0, rows.length);
  const y = workingValues(context.scratch, 1, rows.length);
  ranksAlong(context.orders.indicative, table.indicative, x, position);
  ranksAlong(context.orders.actual, table.actual, y, position);
  return pearson(x, y);
}

function pointsFit(rows: Uint32Array, table: RecordTable, unitsPerPound: number): PointsFit | null {
  const points: number[] = [];
  const indicative: number[] = [];
  const actual: number[] = [];
  const { rasPoints } = table;
  if (rasPoints === null) return null;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    const value = rasPoints[row];
    if (Number.isNaN(value)) continue;
    points.push(value);
    indicative.push(table.indicative[row] / unitsPerPound);
    actual.push(table.actual[row] / unitsPerPound);
  }
  if (points.length === 0) return null;
  const x = Float64Array.from(points);
  const onIndicative = fitLine(x, Float64Array.from(indicative));
  const onActual = fitLine(x, Float64Array.from(actual));
  return {
    n: points.length,
    poundsPerPoint: onIndicative?.slope ?? null,
    indicativeIntercept: onIndicative?.intercept ?? null,
    indicativeRSquared: onIndicative?.rSquared ?? null,
    actualPoundsPerPoint: onActual?.slope ?? null,
    actualIntercept: onActual?.intercept ?? null,
    actualRSquared: onActual?.rSquared ?? null,
  };
}
