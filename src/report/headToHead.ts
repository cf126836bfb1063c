/** `rasgap compare` results -> a plain-English reading, a terminal table, markdown, CSV. */
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
import { heading, type TableStyle } from './table.js';
import { formatNumber, formatPercent, roundingNote, visible } from './format.js';
import {
  compactTable,
  displayWidth,
  stackedBlocks,
  wrapText,
  type LayoutColumn,
  type LayoutRow,
  type TableLook,
} from './layout.js';

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

/**
 * The head-to-head for a terminal: boxed tables, or, when they are wider than `style.width`,
 * borderless ones with wrapped row titles, or else one block per side.
 *
 * @example
 * process.stdout.write(renderHeadToHeadTable(report, { colour: false, width: 80 }))
 */
export function renderHeadToHeadTable(
  report: CompareReport,
  style: boolean | Pick<TableStyle, 'colour' | 'width'>,
): string {
  const { colour, width } =
    typeof style === 'boolean' ? { colour: style, width: undefined } : style;
  const chalk = new Chalk({ level: colour ? 1 : 0 });
  const look: TableLook = { bold: (text) => chalk.bold(text), dim: (text) => chalk.dim(text) };
  const prose = (text: string, tint: (text: string) => string = (t) => t): string[] =>
    wrapText(visible(text), width).map(tint);
  const { sides, difference } = headToHeadRows(report);
  const a = visible(report.a.label);
  const b = visible(report.b.label);
  const boxStyle = { head: colour ? ['bold'] : [], border: colour ? ['grey'] : [] };
  const chars = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
  const sideTable = new Table({
    head: ['', `a: ${a}`, `b: ${b}`],
    colAligns: ['left', 'right', 'right'],
    style: boxStyle,
    chars,
  });
  for (const row of sides) sideTable.push(row);
  const differenceTable = new Table({
    head: ['a against b', ''],
    colAligns: ['left', 'right'],
    style: boxStyle,
    chars,
  });
  for (const row of difference) differenceTable.push(row);
  const fits = (text: string): boolean =>
    width === undefined || text.split('\n').every((line) => displayWidth(line) <= width);

  let tables: string[];
  if (fits(sideTable.toString()) && fits(differenceTable.toString())) {
    tables = [
      sideTable.toString(),
      ...withheld(report).flatMap((note) => prose(note, look.dim)),
      differenceTable.toString(),
    ];
  } else {
    const value: LayoutColumn = { title: '', align: 'right' };
    const toRows = (rows: string[][]): LayoutRow[] =>
      rows.map(([label, ...cells]) => ({ label, cells }));
    const compactSides = compactTable(
      { title: '', align: 'left' },
      [
        { ...value, title: `a: ${a}`, narrowTitle: 'a' },
        { ...value, title: `b: ${b}`, narrowTitle: 'b' },
      ],
      toRows(sides),
      width,
      look,
    );
    const sideLines =
      compactSides === null
        ? stackedBlocks(
            sides.map(([title]) => ({ title, align: 'right' })),
            [
              { label: `a: ${a}`, cells: sides.map((row) => row[1]) },
              { label: `b: ${b}`, cells: sides.map((row) => row[2]) },
            ],
            width!,
            look,
          )
        : [
            // Named above the table when the names did not fit its header.
            ...(compactSides[0].includes(`a: ${a}`)
              ? []
              : prose(`a: ${report.a.label}; b: ${report.b.label}`)),
            ...compactSides,
          ];
    const differenceLines =
      compactTable(
        { title: 'a against b', align: 'left' },
        [value],
        toRows(difference),
        width,
        look,
      ) ??
      stackedBlocks(
        difference.map(([title]) => ({ title, align: 'right' })),
        [{ label: 'a against b', cells: difference.map((row) => row[1]) }],
        width!,
        look,
      );
    tables = [
      ...sideLines,
      ...withheld(report).flatMap((note) => prose(note, look.dim)),
      '',
      ...differenceLines,
    ];
  }
  return [
    ...(report.notice ? prose(report.notice, look.bold) : []),
    ...prose(heading(report as unknown as Report)),
    ...prose(report.periodNote, look.dim),
    ...(report.filterNote ? prose(report.filterNote, look.dim) : []),
    ...[roundingNote(report.rows)]
      .filter((note) => note !== null)
      .flatMap((note) => prose(note, look.dim)),
    '',
    ...tables,
    '',
    ...prose(report.reading),
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
    ...(report.filterNote ? [report.filterNote, ''] : []),
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
