/** statistics -> a terminal table (cli-table3), coloured for up and down when the terminal allows. */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Summary } from '../analysis/summary.js';
import { DISPLAY_COLUMNS, type Tone } from './columns.js';
import { describeBreakdown, formatCount } from './format.js';
import type { Report } from './model.js';

export interface TableStyle {
  colour: boolean;
}

/**
 * @example
 * process.stdout.write(renderTable(report, { colour: false }))
 */
export function renderTable(report: Report, style: TableStyle): string {
  const chalk = new Chalk({ level: style.colour ? 1 : 0 });
  const paint = (text: string, tone: Tone): string =>
    tone === 'up' ? chalk.cyan(text) : tone === 'down' ? chalk.yellow(text) : text;

  const makeTable = (firstTitle: string): Table.Table =>
    new Table({
      head: [firstTitle, ...DISPLAY_COLUMNS.map((column) => column.title)],
      colAligns: ['left', ...DISPLAY_COLUMNS.map(() => 'right' as const)],
      style: { head: style.colour ? ['bold'] : [], border: style.colour ? ['grey'] : [] },
      // No rule between body rows: a long breakdown stays readable on one screen.
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    });
  const row = (label: string, summary: Summary): string[] => [
    label,
    ...DISPLAY_COLUMNS.map((column) =>
      paint(column.cell(summary), column.tone ? column.tone(summary) : 'none'),
    ),
  ];

  const parts: string[] = [heading(report), chalk.dim(report.periodNote), ''];
  const overall = makeTable('');
  overall.push(row('All records', report.overall));
  parts.push(chalk.bold('Overall'), overall.toString(), '');
  for (const breakdown of report.breakdowns) {
    const title = describeBreakdown(breakdown.by);
    const table = makeTable(title[0].toUpperCase() + title.slice(1));
    for (const group of breakdown.groups) table.push(row(group.label, group));
    parts.push(chalk.bold(`By ${title}`), table.toString(), '');
  }
  parts.push(
    chalk.dim(
      'Gap = actual - indicative. % gap is per person (records with a zero indicative budget left out); money-weighted = total actual / total indicative - 1.',
    ),
  );
  return parts.join('\n') + '\n';
}

/** The line naming the files, period and row counts. */
export function heading(report: Report): string {
  const files = report.inputs.map((input) => input.path).join(', ');
  const { read, used, excluded } = report.rows;
  return `rasgap ${report.tool.version}: ${files}: ${formatCount(read)} rows read, ${formatCount(used)} used, ${formatCount(excluded)} excluded; amounts ${report.period === 'not-stated' ? 'as given (period not stated)' : `per ${report.period}`}`;
}

/** The exclusion summary, for stderr. */
export function renderExclusionSummary(report: Report): string {
  const { read, excluded, exclusions } = report.rows;
  if (excluded === 0) return `All ${formatCount(read)} rows were used.\n`;
  const lines = exclusions.map((item) => {
    const shown = item.lines.slice(0, 5).join(', ');
    const more = item.count > 5 ? ', ...' : '';
    return `  ${item.reason}: ${formatCount(item.count)} (line${item.count > 1 ? 's' : ''} ${shown}${more})`;
  });
  return `Excluded ${formatCount(excluded)} of ${formatCount(read)} rows:\n${lines.join('\n')}\n`;
}
