/**
 * statistics a reviewer asks for beside each summary: intervals, tests of whether moderation is
 * systematic, and how well the indicative budget predicts the actual one. All O(n log n).
 */
import type { RecordTable } from '../ingest/records.js';
import { blandAltman, fitLine, pearson, spearman, type BlandAltman } from './stats/agreement.js';
import { medianInterval, meanInterval, wilsonInterval, type Interval } from './stats/intervals.js';
import { signedRankTest, signTestP } from './stats/tests.js';
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
): Inference {
  const n = rows.length;
  const { confidence } = settings;
  const pounds = (interval: Interval | null): Interval | null =>
    interval && [interval[0] / unitsPerPound, interval[1] / unitsPerPound];

  let sum = 0;
  for (const gap of sortedGaps) sum += gap;
  const meanGap = n === 0 ? 0 : sum / n;
  let squares = 0;
  for (const gap of sortedGaps) squares += (gap - meanGap) ** 2;
  const sdGap = n > 1 ? Math.sqrt(squares / (n - 1)) : Number.NaN;

  const differences = new Float64Array(n);
  for (let k = 0; k < n; k++) differences[k] = gaps.gap[rows[k]];
  const wilcoxon = signedRankTest(differences);

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
    agreement: agreement(rows, table, unitsPerPound, settings),
  };
  const points = pointsFit(rows, table, unitsPerPound);
  if (points) inference.points = points;
  return inference;
}

function agreement(
  rows: Uint32Array,
  table: RecordTable,
  unitsPerPound: number,
  settings: InferenceSettings,
): Agreement {
  const n = rows.length;
  const indicative = new Float64Array(n);
  const actual = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    indicative[k] = table.indicative[rows[k]] / unitsPerPound;
    actual[k] = table.actual[rows[k]] / unitsPerPound;
  }
  const line = fitLine(indicative, actual);
  let agreementN = n;
  let limits: BlandAltman | null;
  let toScale = (value: number): number => value;
  if (settings.scale === 'ratio') {
    // log(actual / indicative) for records where both are above zero; reported as percentages.
    const logIndicative: number[] = [];
    const logActual: number[] = [];
    for (let k = 0; k < n; k++) {
      if (indicative[k] > 0 && actual[k] > 0) {
        logIndicative.push(Math.log(indicative[k]));
        logActual.push(Math.log(actual[k]));
      }
    }
    agreementN = logIndicative.length;
    limits = blandAltman(
      Float64Array.from(logIndicative),
      Float64Array.from(logActual),
      settings.confidence,
    );
    toScale = (value) => (Math.exp(value) - 1) * 100;
  } else {
    limits = blandAltman(indicative, actual, settings.confidence);
  }
  const scaled = (interval: Interval | null | undefined): Interval | null =>
    interval ? [toScale(interval[0]), toScale(interval[1])] : null;
  return {
    n: agreementN,
    pearson: pearson(indicative, actual),
    spearman: spearman(indicative, actual),
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

function pointsFit(rows: Uint32Array, table: RecordTable, unitsPerPound: number): PointsFit | null {
  const points: number[] = [];
  const indicative: number[] = [];
  const actual: number[] = [];
  for (const row of rows) {
    const value = table.rasPoints[row];
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
