/** One entry point for every output format. */
import { renderCsv } from './csv.js';
import type { Format } from './formats.js';
import { renderMarkdown } from './markdown.js';
import type { Report } from './model.js';
import { renderTable, type TableStyle } from './table.js';
import { headlineSentences } from './headline.js';
import { renderHtml } from './html.js';

export { FORMATS, parseFormat, type Format } from './formats.js';

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
      return renderHtml(report, { headline: headlineSentences(report) });
  }
}
