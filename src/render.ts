/**
 * `render` for the Node API: any result of `analyse`, `compare` or `inspect` as the text the CLI
 * would write for it. The renderers themselves live in src/report/.
 */
import type { CompareReport } from './compare.js';
import { RasgapError } from './errors.js';
import type { FileInspection } from './ingest/inspect.js';
import { renderHeadToHeadMarkdown, renderHeadToHeadTable } from './report/headToHead.js';
import { renderInspections } from './report/inspection.js';
import type { Report } from './report/model.js';
import { FORMATS, render as renderReport, type Format } from './report/render.js';
import type { TrendReport } from './disclose/trend.js';
import { renderTrend, TREND_FORMATS, type TrendFormat } from './report/trend.js';

/**
 * How text is styled: colour (ANSI) for a terminal; off by default. `width` fits a trend's
 * terminal table to that many columns.
 */
export type RenderStyle = Partial<Parameters<typeof renderReport>[2]> & { width?: number };
export const COMPARE_FORMATS = ['table', 'json', 'markdown'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];
export const INSPECT_FORMATS = ['text', 'json'] as const;
export type InspectFormat = (typeof INSPECT_FORMATS)[number];

/**
 * The text of a report in one format (default: the terminal table, or text for inspections),
 * exactly as the CLI writes it.
 *
 * @example
 * render(report, 'json') // analyse's JSON
 * render(await compare('export.csv', { a: '65+', b: '18-64' }), 'markdown')
 * render(await inspect('export.csv')) // inspect's text
 * render(await trend('export.csv', { by: 'client-group' }), 'html')
 */
export function render(report: Report, format?: Format, style?: RenderStyle): string;
export function render(report: CompareReport, format?: CompareFormat, style?: RenderStyle): string;
export function render(inspections: readonly FileInspection[], format?: InspectFormat): string;
export function render(report: TrendReport, format?: TrendFormat, style?: RenderStyle): string;
export function render(
  result: Report | CompareReport | TrendReport | readonly FileInspection[],
  format?: string,
  style: RenderStyle = {},
): string {
  const colour = style.colour ?? false;
  if (isInspections(result)) {
    switch (checkFormat(format ?? 'text', INSPECT_FORMATS, 'an inspection')) {
      case 'json':
        return JSON.stringify(result, null, 2) + '\n';
      case 'text':
        return renderInspections(result, { width: style.width });
    }
  }
  if (isTrendReport(result)) {
    return renderTrend(result, checkFormat(format ?? 'table', TREND_FORMATS, 'a trend'), {
      colour,
      width: style.width,
    });
  }
  if (isCompareReport(result)) {
    switch (checkFormat(format ?? 'table', COMPARE_FORMATS, 'a comparison')) {
      case 'json':
        return JSON.stringify(result, null, 2) + '\n';
      case 'markdown':
        return renderHeadToHeadMarkdown(result);
      case 'table':
        return renderHeadToHeadTable(result, colour);
    }
  }
  return renderReport(result, checkFormat(format ?? 'table', FORMATS, 'a report'), {
    ...style,
    colour,
  });
}

function isInspections(
  result: Report | CompareReport | TrendReport | readonly FileInspection[],
): result is readonly FileInspection[] {
  return Array.isArray(result);
}

function isTrendReport(result: Report | CompareReport | TrendReport): result is TrendReport {
  return 'every' in result && 'groups' in result;
}

function isCompareReport(result: Report | CompareReport): result is CompareReport {
  return 'difference' in result && 'a' in result && 'b' in result;
}

function checkFormat<T extends string>(format: string, formats: readonly T[], what: string): T {
  if ((formats as readonly string[]).includes(format)) return format as T;
  throw new RasgapError('USAGE', `${what} cannot be rendered as "${format}"`, {
    fix: `use one of ${formats.join(', ')}`,
  });
}
