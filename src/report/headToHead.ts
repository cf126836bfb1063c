/** `rasgap compare` results -> a plain-English reading, a terminal table, markdown, CSV. */
import type { TableStyle } from './table.js';
import type { HeadToHead } from '../analysis/headToHead.js';
import type { CompareReport } from '../compare.js';
import {
  DISPLAY_COLUMNS,
  INFERENCE_COLUMNS,
  displayCell,
  pEquals,
  withheldNote,
} from './columns.js';
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { markdownCell } from './markdown.js';
import type { Report } from './model.js';
import { heading } from './table.js';
import { formatNumber, formatPercent, roundingNote } from './format.js';

/** A difference of percentages, in percentage points: `-10.1 pts`. */
const pts = (value: number | null): string => formatPercent(value).replace('%', ' pts');

const DIFFERENCE_ROWS: [string, (d: HeadToHead) => string][] = [
  ['Difference in median % gap (a - b)', (d) => pts(d.medianPctGapDifference)],
  [
    'Hodges–Lehmann shift in % gap [CI]',
    (d) =>
      d.hodgesLehmann === undefined
        ? '–'
        : `${pts(d.hodgesLehmann)} ${d.hodgesLehmannCi ? `[${pts(d.hodgesLehmannCi[0])}, ${pts(d.hodgesLehmannCi[1])}]` : '[–]'}`,
  ],
  ['Mann–Whitney p', (d) => (d.mannWhitneyP === undefined ? '–' : pEquals(d.mannWhitneyP))],
  ['Rank-biserial effect', (d) => formatNumber(d.rankBiserial ?? null, 2)],
  [
    'Difference in share moved down [CI]',
    (d) =>
      d.downShareDifference === null
        ? '–'
        : `${pts(d.downShareDifference * 100)} ${d.downShareDifferenceCi ? `[${pts(d.downShareDifferenceCi[0] * 100)}, ${pts(d.downShareDifferenceCi[1] * 100)}]` : '[–]'}`,
  ],
];

/** Rows of the head-to-head as label/value pairs, shared by the table and the markdown. */
export function headToHeadRows(report: CompareReport): {
  sides: [string, string, string][];
  difference: [string, string][];
} {
  const sides: [string, string, string][] = [...DISPLAY_COLUMNS, ...INFERENCE_COLUMNS.slice(1)].map(
    (column) => [column.title, displayCell(column, report.a), displayCell(column, report.b)],
  );
  const difference = DIFFERENCE_ROWS.map(([label, cell]): [string, string] => [
    label,
    cell(report.difference),
  ]);
  return { sides, difference };
}

/** The head-to-head for a terminal: `layout` as the table format's style, or whether to colour. */
export function renderHeadToHeadTable(report: CompareReport, layout: TableStyle | boolean): string {
  const colour = typeof layout === 'boolean' ? layout : layout.colour;
  const chalk = new Chalk({ level: colour ? 1 : 0 });
  const { sides, difference } = headToHeadRows(report);
  const style = { head: colour ? ['bold'] : [], border: colour ? ['grey'] : [] };
  const chars = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
  const sideTable = new Table({
    head: ['', `a: ${report.a.label}`, `b: ${report.b.label}`],
    colAligns: ['left', 'right', 'right'],
    style,
    chars,
  });
  for (const row of sides) sideTable.push(row);
  const differenceTable = new Table({
    head: ['a against b', ''],
    colAligns: ['left', 'right'],
    style,
    chars,
  });
  for (const row of difference) differenceTable.push(row);
  return [
    ...(report.notice ? [chalk.bold(report.notice)] : []),
    heading(report as unknown as Report),
    chalk.dim(report.periodNote),
    ...[roundingNote(report.rows)].filter((note) => note !== null).map((note) => chalk.dim(note)),
    '',
    sideTable.toString(),
    ...withheld(report).map((note) => chalk.dim(note)),
    differenceTable.toString(),
    '',
    report.reading,
    '',
  ].join('\n');
}

/** The head-to-head as Markdown. */
export function renderHeadToHeadMarkdown(report: CompareReport): string {
  const { sides, difference } = headToHeadRows(report);
  const row = (cells: string[]): string => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [
    ...(report.notice ? [`**${report.notice}**`, ''] : []),
    `# ${report.a.label} against ${report.b.label}`,
    '',
    report.periodNote,
    '',
    ...[roundingNote(report.rows)].flatMap((note) => (note === null ? [] : [note, ''])),
    row(['', `a: ${report.a.label}`, `b: ${report.b.label}`]),
    '| --- | ---: | ---: |',
    ...sides.map(row),
    '',
    row(['a against b', '']),
    '| --- | ---: |',
    ...difference.map(row),
    '',
    ...withheld(report).flatMap((note) => [note, '']),
    report.reading,
    '',
    `Generated ${report.generatedAt} by rasgap ${report.tool.version} from ${report.inputs.map((input) => `${input.path} (SHA-256 ${input.sha256})`).join(', ')}.`,
    '',
  ].join('\n');
}

/** Why each [c] of the two sides is there, as under the tables of `analyse`. */
function withheld(report: CompareReport): string[] {
  const note = withheldNote(
    [
      [report.a.label, report.a],
      [report.b.label, report.b],
    ],
    [...DISPLAY_COLUMNS, ...INFERENCE_COLUMNS],
    report.disclosure.minCount,
  );
  return note === null ? [] : [note];
}
