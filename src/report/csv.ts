/** statistics -> CSV: one row per group, a column per figure, full precision. */
import type { Summary } from '../analysis/summary.js';
import { DIMENSIONS } from '../analysis/groups.js';
import type { Exclusion } from '../ingest/exclusions.js';
import type { Report } from './model.js';

/** The figures of a summary, in the order of the CSV columns and the JSON. */
export const SUMMARY_FIELDS: readonly (keyof Summary)[] = [
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
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(cells: (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

/**
 * @example
 * renderCsv(report).split('\r\n')[0] // 'breakdown,clientGroup,ageBand,label,n,up,...'
 */
export function renderCsv(report: Report): string {
  const header = ['breakdown', ...DIMENSIONS, 'label', ...SUMMARY_FIELDS];
  let text = csvLine(header);
  const figures = (summary: Summary) => SUMMARY_FIELDS.map((field) => summary[field]);
  text += csvLine([
    'overall',
    ...DIMENSIONS.map(() => ''),
    'All records',
    ...figures(report.overall),
  ]);
  for (const breakdown of report.breakdowns) {
    for (const group of breakdown.groups) {
      text += csvLine([
        breakdown.by.join('+'),
        ...DIMENSIONS.map((dimension) => group.key[dimension] ?? ''),
        group.label,
        ...figures(group),
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
