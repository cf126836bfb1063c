/** statistics -> CSV: one row per group, a column per figure, full precision. */
import type { Summary } from '../analysis/summary.js';
import { DIMENSIONS } from '../analysis/groups.js';
import { isColumnDimension, type Dimension } from '../analysis/dimensions.js';
import type { Exclusion } from '../ingest/exclusions.js';
import { bandIndex } from '../disclose/cells.js';
import type { Report } from './model.js';
import type { Comparison } from '../analysis/compare.js';
import type { Interval } from '../analysis/stats/intervals.js';
import type { RowFigures } from './columns.js';
import { roundingNote } from './format.js';

/** The figures of a summary, in the order of the CSV columns and the JSON. */
export const SUMMARY_FIELDS: readonly Exclude<keyof Summary, 'suppressed' | 'largest' | 'bands'>[] =
  [
    'n',
    'up',
    'down',
    'unchanged',
    'upShare',
    'downShare',
    'unchangedShare',
    'zeroIndicative',
    'totalIndicative',
    'totalActual',
    'netGap',
    'netGapPct',
    'meanGap',
    'medianGap',
    'q1Gap',
    'q3Gap',
    'meanPctGap',
    'medianPctGap',
  ];

/**
 * Quotes a CSV cell when it holds a comma, quote or line break (RFC 4180).
 *
 * @example
 * csvCell('Physical Support: Personal care, support') // '"Physical Support: Personal care, support"'
 */
export function csvCell(value: string | number | null | undefined): string {
  // NaN and Infinity are written as JSON writes them: empty (null), never as words.
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) return '';
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Text that a spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a
 * carriage return) gets a leading apostrophe, as OWASP's CSV injection guidance advises. Numbers
 * are never touched, so a negative figure stays a number.
 *
 * @example
 * neutraliseFormula('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 * neutraliseFormula('-4.5')            // '-4.5'
 */
export function neutraliseFormula(text: string): string {
  if (!/^[=+\-@\t\r]/.test(text)) return text;
  if (/^[+-]?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text)) return text;
  return `'${text}`;
}

function csvLine(cells: Cell[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

type Cell = string | number | null | undefined;

/** How a suppressed cell is shown: the Government Statistical Service marker. */
export const SUPPRESSED = '[c]';

/** The report field behind a flattened CSV column: `medianGapCiLow` -> `medianGapCi`. */
function sourceField(column: string): string {
  if (AGREEMENT_COLUMNS.has(column)) return 'agreement';
  if (/^points|PerPoint$/.test(column)) return 'points';
  return column.replace(/(Low|High)$/, '');
}

const AGREEMENT_COLUMNS = new Set([
  'agreementN',
  'pearson',
  'spearman',
  'calibrationIntercept',
  'calibrationSlope',
  'rSquared',
  'agreementScale',
  'bias',
  'biasCiLow',
  'biasCiHigh',
  'lowerLimit',
  'lowerLimitCiLow',
  'lowerLimitCiHigh',
  'upperLimit',
  'upperLimitCiLow',
  'upperLimitCiHigh',
  'proportionalBiasSlope',
  'proportionalBiasIntercept',
  'proportionalBiasP',
]);
type Figures = RowFigures;

const low = (interval: Interval | null | undefined): Cell => interval?.[0] ?? null;
const high = (interval: Interval | null | undefined): Cell => interval?.[1] ?? null;

/** The intervals, tests and agreement figures, flattened: `[column name, value]`. */
export const INFERENCE_FIELDS: readonly [string, (figures: Figures) => Cell][] = [
  ['confidence', (f) => f.confidence],
  ['medianGapCiLow', (f) => low(f.medianGapCi)],
  ['medianGapCiHigh', (f) => high(f.medianGapCi)],
  ['medianPctGapCiLow', (f) => low(f.medianPctGapCi)],
  ['medianPctGapCiHigh', (f) => high(f.medianPctGapCi)],
  ['meanGapCiLow', (f) => low(f.meanGapCi)],
  ['meanGapCiHigh', (f) => high(f.meanGapCi)],
  ['upShareCiLow', (f) => low(f.upShareCi)],
  ['upShareCiHigh', (f) => high(f.upShareCi)],
  ['downShareCiLow', (f) => low(f.downShareCi)],
  ['downShareCiHigh', (f) => high(f.downShareCi)],
  ['signTestP', (f) => f.signTestP],
  ['signTestPHolm', (f) => f.signTestPHolm],
  ['wilcoxonP', (f) => f.wilcoxonP],
  ['wilcoxonPHolm', (f) => f.wilcoxonPHolm],
  ['wilcoxonMethod', (f) => f.wilcoxonMethod],
  ['agreementN', (f) => f.agreement?.n],
  ['pearson', (f) => f.agreement?.pearson],
  ['spearman', (f) => f.agreement?.spearman],
  ['calibrationIntercept', (f) => f.agreement?.calibrationIntercept],
  ['calibrationSlope', (f) => f.agreement?.calibrationSlope],
  ['rSquared', (f) => f.agreement?.rSquared],
  ['agreementScale', (f) => f.agreement?.scale],
  ['bias', (f) => f.agreement?.bias],
  ['biasCiLow', (f) => low(f.agreement?.biasCi)],
  ['biasCiHigh', (f) => high(f.agreement?.biasCi)],
  ['lowerLimit', (f) => f.agreement?.lowerLimit],
  ['lowerLimitCiLow', (f) => low(f.agreement?.lowerLimitCi)],
  ['lowerLimitCiHigh', (f) => high(f.agreement?.lowerLimitCi)],
  ['upperLimit', (f) => f.agreement?.upperLimit],
  ['upperLimitCiLow', (f) => low(f.agreement?.upperLimitCi)],
  ['upperLimitCiHigh', (f) => high(f.agreement?.upperLimitCi)],
  ['proportionalBiasSlope', (f) => f.agreement?.proportionalBiasSlope],
  ['proportionalBiasIntercept', (f) => f.agreement?.proportionalBiasIntercept],
  ['proportionalBiasP', (f) => f.agreement?.proportionalBiasP],
  ['pointsN', (f) => f.points?.n],
  ['poundsPerPoint', (f) => f.points?.poundsPerPoint],
  ['pointsIndicativeIntercept', (f) => f.points?.indicativeIntercept],
  ['pointsIndicativeRSquared', (f) => f.points?.indicativeRSquared],
  ['actualPoundsPerPoint', (f) => f.points?.actualPoundsPerPoint],
  ['pointsActualIntercept', (f) => f.points?.actualIntercept],
  ['pointsActualRSquared', (f) => f.points?.actualRSquared],
];

/** The breakdown's comparison, repeated on each of its groups' rows. */
const COMPARISON_FIELDS: readonly [string, (comparison: Comparison | undefined) => Cell][] = [
  ['kruskalWallisH', (c) => c?.kruskalWallis?.statistic],
  ['kruskalWallisDf', (c) => c?.kruskalWallis?.df],
  ['kruskalWallisP', (c) => c?.kruskalWallis?.p],
  ['mannWhitneyU', (c) => c?.twoGroups?.mannWhitneyU],
  ['mannWhitneyP', (c) => c?.twoGroups?.mannWhitneyP],
  ['hodgesLehmann', (c) => c?.twoGroups?.hodgesLehmann],
  ['hodgesLehmannCiLow', (c) => low(c?.twoGroups?.hodgesLehmannCi)],
  ['hodgesLehmannCiHigh', (c) => high(c?.twoGroups?.hodgesLehmannCi)],
  ['rankBiserial', (c) => c?.twoGroups?.rankBiserial],
];

/** A council's funnel (breakdowns by source), flattened. */
const FUNNEL_FIELDS: readonly [string, (figures: Figures) => Cell][] = [
  ['funnelTarget', (f) => f.funnel?.target],
  ['funnelLower95', (f) => f.funnel?.lower95],
  ['funnelUpper95', (f) => f.funnel?.upper95],
  ['funnelLower998', (f) => f.funnel?.lower998],
  ['funnelUpper998', (f) => f.funnel?.upper998],
  ['funnelPosition', (f) => f.funnel?.position],
];

/**
 * One row per group, a column per figure, full precision; then a column per gap band (headed
 * `band: ` and its label, and so named in `withheld`), the funnel's columns when a breakdown is by source; with
 * tests, the intervals, tests, agreement and the breakdown's comparison; and last `withheld`:
 * why each [c] of the row is there.
 *
 * @example
 * renderCsv(report).split('\r\n')[0] // 'breakdown,clientGroup,ageBand,...,label,n,up,...'
 */
export function renderCsv(report: Report): string {
  const withTests = report.options.confidence !== null;
  const withFunnel = report.breakdowns.some((b) => b.groups.some((group) => 'funnel' in group));
  // A column per dimension, then one per column:NAME broken down by (named as the JSON key).
  const dimensions: Dimension[] = [
    ...DIMENSIONS,
    ...new Set(report.breakdowns.flatMap((breakdown) => breakdown.by.filter(isColumnDimension))),
  ];
  const header = [
    'breakdown',
    ...dimensions,
    'label',
    ...SUMMARY_FIELDS,
    // `band: unchanged` apart from the `unchanged` direction count.
    ...report.gapBands.bands.map((band) => `band: ${band.label}`),
    ...(withFunnel ? FUNNEL_FIELDS.map(([name]) => name) : []),
    ...(withTests ? [...INFERENCE_FIELDS, ...COMPARISON_FIELDS].map(([name]) => name) : []),
    'withheld',
  ];
  // Without suppression the first line says so, before the header, so nobody publishes it unread.
  // So is a count of records called unchanged within rounding, as the other formats say it.
  const rounding = roundingNote(report.rows);
  let text =
    (report.notice ? csvLine([report.notice]) : '') +
    (report.filterNote ? csvLine([report.filterNote]) : '') +
    (rounding ? csvLine([rounding]) : '') +
    csvLine(header);
  // A gap band is named in `withheld` as its column is headed ("band: cut by more than 10%"), not
  // by its place in the JSON's `bands` ("bands[0]").
  const withheldName = (field: string): string => {
    const band = bandIndex(field);
    const layout = band === null ? undefined : report.gapBands.bands[band];
    return layout === undefined ? field : `band: ${layout.label}`;
  };
  const figures = (summary: Figures, comparison: Comparison | undefined): Cell[] => {
    // A suppressed figure is written as the GSS marker, not left blank like an undefined one.
    const hidden = new Set(summary.suppressed ?? []);
    const shown = (field: string, value: Cell): Cell => (hidden.has(field) ? SUPPRESSED : value);
    return [
      ...SUMMARY_FIELDS.map((field) => shown(field, summary[field])),
      ...report.gapBands.bands.map((_, i) => shown(`bands[${i}]`, summary.bands?.[i])),
      ...(withFunnel ? FUNNEL_FIELDS.map(([, get]) => shown('funnel', get(summary))) : []),
      ...(withTests
        ? [
            ...INFERENCE_FIELDS.map(([name, get]) => shown(sourceField(name), get(summary))),
            ...COMPARISON_FIELDS.map(([, get]) => get(comparison)),
          ]
        : []),
      // Why each [c] of the row is there: "up:secondary;unchanged:fewer-than-k".
      Object.entries(summary.withheld ?? {})
        .map(([field, reason]) => `${withheldName(field)}:${reason}`)
        .join(';'),
    ];
  };
  text += csvLine([
    'overall',
    ...dimensions.map(() => ''),
    'All records',
    ...figures(report.overall, undefined),
  ]);
  for (const breakdown of report.breakdowns) {
    for (const group of breakdown.groups) {
      text += csvLine([
        breakdown.by.join('+'),
        ...dimensions.map((dimension) => group.key[dimension] ?? ''),
        group.label,
        ...figures(group, breakdown.comparison),
      ]);
    }
  }
  return text;
}

/** Every excluded record with its file, line, reason and detail, for `--exclusions FILE`. */
export function renderExclusionsCsv(exclusions: readonly Exclusion[], paths: string[]): string {
  const sorted = [...exclusions].sort((a, b) => a.source - b.source || a.line - b.line);
  let text = csvLine(['file', 'line', 'reason', 'detail']);
  for (const item of sorted)
    text += csvLine([paths[item.source], item.line, item.reason, item.detail]);
  return text;
}
