/** statistics -> a terminal table (cli-table3), coloured for up and down when the terminal allows. */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import {
  DISPLAY_COLUMNS,
  INFERENCE_COLUMNS,
  describeComparison,
  displayCell,
  leftOutNote,
  withheldNote,
  type DisplayColumn,
  type RowFigures,
  type Tone,
} from './columns.js';
import { describeBreakdown, formatCount, roundingNote, visible } from './format.js';
import type { Report } from './model.js';

export interface TableStyle {
  colour: boolean;
  /** Terminal width to fit; undefined: no limit (piped). */
  width?: number;
  /** Show every column. */
  wide?: boolean;
  /** Exactly these columns, by key. */
  columns?: string[];
}

/**
 * @example
 * process.stdout.write(renderTable(report, { colour: false }))
 */
export function renderTable(report: Report, style: TableStyle): string {
  const chalk = new Chalk({ level: style.colour ? 1 : 0 });
  const paint = (text: string, tone: Tone): string =>
    tone === 'up' ? chalk.cyan(text) : tone === 'down' ? chalk.yellow(text) : text;

  const render = (
    firstTitle: string,
    columns: DisplayColumn[],
    rows: [string, RowFigures][],
  ): string => {
    const table = new Table({
      head: [firstTitle, ...columns.map((column) => column.title)],
      colAligns: ['left', ...columns.map(() => 'right' as const)],
      style: { head: style.colour ? ['bold'] : [], border: style.colour ? ['grey'] : [] },
      // No rule between body rows: a long breakdown stays readable on one screen.
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    });
    for (const [label, figures] of rows) {
      table.push([
        visible(label),
        ...columns.map((column) =>
          paint(displayCell(column, figures), column.tone ? column.tone(figures) : 'none'),
        ),
      ]);
    }
    return table.toString();
  };
  const withTests = report.options.confidence !== null;
  const level = `${Math.round((report.options.confidence ?? 0.95) * 1000) / 10}%`;

  const parts: string[] = [
    ...(report.notice ? [chalk.bold(report.notice)] : []),
    visible(heading(report)),
    chalk.dim(visible(report.periodNote)),
    ...[roundingNote(report.rows)].filter((note) => note !== null).map((note) => chalk.dim(note)),
    '',
  ];
  const minCount = report.disclosure.minCount;
  const note = (rows: [string, RowFigures][]): string[] => {
    const text = withheldNote(rows, [...DISPLAY_COLUMNS, ...INFERENCE_COLUMNS], minCount);
    return text === null ? [] : [chalk.dim(visible(text))];
  };
  const overallRows: [string, RowFigures][] = [['All records', report.overall]];
  parts.push(chalk.bold('Overall'), render('', DISPLAY_COLUMNS, overallRows), ...note(overallRows));
  if (withTests) parts.push(render(`${level} CI`, INFERENCE_COLUMNS, overallRows));
  parts.push('');
  for (const breakdown of report.breakdowns) {
    const title = describeBreakdown(breakdown.by);
    const heading = title[0].toUpperCase() + title.slice(1);
    const rows = breakdown.groups.map((group): [string, RowFigures] => [group.label, group]);
    parts.push(chalk.bold(`By ${title}`), render(heading, DISPLAY_COLUMNS, rows), ...note(rows));
    if (breakdown.groupsLeftOut) parts.push(chalk.dim(leftOutNote(minCount)));
    if (withTests) {
      parts.push(render(`${heading} (${level} CI)`, INFERENCE_COLUMNS, rows));
      if (breakdown.comparison) {
        parts.push(
          describeComparison(
            breakdown.comparison,
            breakdown.groups.map((group) => group.label),
          ),
        );
      }
    }
    parts.push('');
  }
  parts.push(
    chalk.dim(
      'Gap = actual - indicative. % gap is per person (records with a zero indicative budget left out); money-weighted = total actual / total indicative - 1.',
    ),
  );
  if (report.disclosure?.suppression) parts.push(chalk.dim(report.disclosure.note));
  if (withTests) {
    parts.push(
      chalk.dim(
        'p-values: sign test and Wilcoxon signed-rank test of "no systematic direction" (Holm-adjusted across the groups in brackets). Limits of agreement: Bland–Altman. Methods: docs/methods.md.',
      ),
    );
  }
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
  // Hidden when the whole run is under --min-count: the counts would give the number used back.
  if (read === null)
    return 'Row counts are hidden: fewer records were used than --min-count; --exclusions FILE lists every excluded row.\n';
  if (excluded === 0) return `All ${formatCount(read)} rows were used.\n`;
  const lines = exclusions.map((item) => {
    const shown = item.lines
      .slice(0, 5)
      .map((line, index) => (item.files ? `${item.files[index]}:${line}` : String(line)))
      .join(', ');
    const more = (item.count ?? 0) > 5 ? ', ...' : '';
    return `  ${item.reason}: ${formatCount(item.count)} (line${(item.count ?? 0) > 1 ? 's' : ''} ${shown}${more})`;
  });
  return `Excluded ${formatCount(excluded)} of ${formatCount(read)} rows:\n${lines.join('\n')}\n`;
}
