/** One entry point for every output format. */
import { RasgapError } from '../errors.js';
import { renderCsv } from './csv.js';
import { renderMarkdown } from './markdown.js';
import type { Report } from './model.js';
import { renderTable, type TableStyle } from './table.js';
import { renderHtml } from './html.js';

export const FORMATS = ['table', 'json', 'csv', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export function parseFormat(text: string): Format {
  const format = (FORMATS as readonly string[]).includes(text) ? (text as Format) : null;
  if (format === null) {
    throw new RasgapError('USAGE', `unknown format "${text}"`, {
      fix: `use --format ${FORMATS.join(', ')}`,
    });
  }
  return format;
}

/**
 * @example
 * render(report, 'json', { colour: false }) // the JSON text, schema version 1
 * render(report, 'table', { colour: true, width: 80 }) // fitted to 80 columns
 */
export function render(report: Report, format: Format, style: TableStyle): string {
  switch (format) {
    case 'table':
      return renderTable(report, style);
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'csv':
      return renderCsv(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
  }
}
