/**
 * statistics -> terminal tables, coloured for up and down when the terminal allows, fitted to the
 * terminal's width: the columns a reader needs first, more while they fit, labels wrapped, and
 * one block per group when no table fits. Without a width (piped), every column, boxed.
 */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import {
  COLUMN_KEYS,
  ESSENTIAL_COLUMNS,
  EXTRA_COLUMNS,
  describeComparison,
  displayCell,
  funnelNote,
  leftOutNote,
  parseColumnKeys,
  tableColumns,
  withheldNote,
  type RowFigures,
  type TableColumn,
  type Tone,
} from './columns.js';
import { describeBreakdown, formatCount, roundingNote, visible } from './format.js';
import { headlineSentences } from './headline.js';
import {
  compactTable,
  stackedBlocks,
  tableWidth,
  wrapText,
  type LayoutColumn,
  type LayoutRow,
  type TableLook,
} from './layout.js';
import type { Report } from './model.js';
import { PERIOD_WORDS } from '../ingest/period.js';

export interface TableStyle {
  colour: boolean;
  /** Terminal columns; undefined: no limit (piped), every column shown. */
  width?: number;
  /** Every column, whatever the width. */
  wide?: boolean;
  /** Exactly these columns (keys of COLUMN_KEYS), in this order. */
  columns?: string[];
}

export { COLUMN_KEYS, parseColumnKeys };

/**
 * @example
 * process.stdout.write(renderTable(report, { colour: false, width: 80 }))
 */
export function renderTable(report: Report, style: TableStyle): string {
  const chalk = new Chalk({ level: style.colour ? 1 : 0 });
  const look: TableLook = { bold: (text) => chalk.bold(text), dim: (text) => chalk.dim(text) };
  const paint = (tone: Tone) => (text: string) =>
    tone === 'up' ? chalk.cyan(text) : tone === 'down' ? chalk.yellow(text) : text;
  const width = style.width;
  const prose = (text: string, tint: (text: string) => string = (t) => t): string[] =>
    wrapText(visible(text), width).map(tint);

  const withTests = report.options.confidence !== null;
  const level = `${Math.round((report.options.confidence ?? 0.95) * 1000) / 10}%`;
  const catalogue = tableColumns(withTests, report.gapBands);
  // `bands` is one column per gap band.
  const byKey = (keys: readonly string[]): TableColumn[] =>
    keys.flatMap((key) => catalogue.filter((column) => column.key === key));
  // The funnel column only where the rows have funnels (a breakdown by source).
  let available = catalogue;
  const availableFor = (rows: [string, RowFigures][]): TableColumn[] =>
    catalogue.filter(
      (column) =>
        (withTests || !column.needsTests) &&
        (column.key !== 'funnel' || rows.some(([, figures]) => 'funnel' in figures)),
    );
  const explicit = style.columns ? parseColumnKeys(style.columns) : null;

  /** The label column's title, naming the confidence level when the table has intervals. */
  const labelColumn = (title: string, hasCi: boolean): LayoutColumn => ({
    // The Overall table's label column has no title: its one row, "All records", names itself.
    title: !hasCi || !title ? title : `${title} (${level} CI)`,
    narrowTitle: !hasCi || !title ? title : `${title}\n(${level} CI)`,
    align: 'left',
  });

  /** A table of `rows` with `columns`, or null when none fits; `title` heads the label column. */
  const table = (
    title: string,
    columns: TableColumn[],
    rows: [string, RowFigures][],
  ): string[] | null => {
    const label = labelColumn(
      title,
      columns.some((column) => column.title.includes('[CI]')),
    );
    if (width === undefined) return [boxed(label.title, columns, rows, paint, style.colour)];
    return compactTable(
      label,
      columns.map(layoutColumn),
      layoutRows(columns, rows, paint),
      width,
      look,
    );
  };
  /** One block per group, for when no table fits. */
  const stacked = (columns: TableColumn[], rows: [string, RowFigures][]): string[] =>
    stackedBlocks(columns.map(layoutColumn), layoutRows(columns, rows, paint), width ?? 0, look);

  /** The columns that fit one table at this width: the essentials, then extras by priority. */
  const fitted = (title: string, rows: [string, RowFigures][]): TableColumn[] => {
    const essentials = byKey(ESSENTIAL_COLUMNS).filter((column) => available.includes(column));
    if (width === undefined) return essentials;
    const body = (columns: TableColumn[]): LayoutRow[] => layoutRows(columns, rows, paint);
    // The essentials carry an interval whenever there are tests.
    const label = labelColumn(title, withTests);
    for (const narrow of [false, true]) {
      const fits = (columns: TableColumn[]): boolean => {
        const size = tableWidth(label, columns.map(layoutColumn), body(columns), narrow);
        return size.label + size.rest <= width;
      };
      if (!fits(essentials)) continue;
      let chosen = essentials;
      for (const keys of EXTRA_COLUMNS) {
        const extra = byKey(keys);
        if (!extra.every((column) => available.includes(column))) continue;
        const candidate = available.filter(
          (column) => chosen.includes(column) || extra.includes(column),
        );
        if (fits(candidate)) chosen = candidate;
      }
      return chosen;
    }
    return essentials;
  };

  /** Every table of one row set, and the columns they show (for the note on [c]). */
  const tables = (
    title: string,
    rows: [string, RowFigures][],
  ): { lines: string[]; shown: TableColumn[] } => {
    available = availableFor(rows);
    if (explicit) {
      const columns = byKey(explicit).filter(
        (column) => column.key !== 'funnel' || available.includes(column),
      );
      return { lines: table(title, columns, rows) ?? stacked(columns, rows), shown: columns };
    }
    if (width === undefined || style.wide) {
      const sections = (['main', 'amounts', 'tests', 'bands'] as const)
        .map((section) =>
          available.filter((column) => column.section === section || column.key === 'n'),
        )
        .filter((columns) => columns.length > 1);
      const drawn = sections.map((columns) => table(title, columns, rows));
      const shown = sections.flat();
      if (drawn.every((lines) => lines !== null)) return { lines: drawn.flat(), shown };
      // Stacked, every figure of a group in its one block.
      const every = available.filter((column) => shown.includes(column));
      return { lines: stacked(every, rows), shown: every };
    }
    const columns = fitted(title, rows);
    return { lines: table(title, columns, rows) ?? stacked(columns, rows), shown: columns };
  };

  const minCount = report.disclosure.minCount;
  // Every column some table shows: the notes under the tables explain these and no others.
  const everShown = new Set<string>();
  const notes = (rows: [string, RowFigures][], shown: TableColumn[]): string[] => {
    for (const column of shown) everShown.add(column.key);
    const text = withheldNote(rows, shown, minCount);
    const zero = zeroIndicativeNote(
      rows,
      shown.some((column) => column.key === 'zero'),
    );
    return [text, zero].filter((note) => note !== null).flatMap((note) => prose(note, look.dim));
  };

  const headline = headlineSentences(report).join(' ');
  const parts: string[] = [
    ...(report.notice ? prose(report.notice, look.bold) : []),
    ...(headline ? [...prose(headline), ''] : []),
    ...prose(heading(report)),
    ...prose(report.periodNote, look.dim),
    ...(report.filterNote ? prose(report.filterNote, look.dim) : []),
    ...[roundingNote(report.rows)]
      .filter((note) => note !== null)
      .flatMap((note) => prose(note, look.dim)),
    '',
  ];
  const overallRows: [string, RowFigures][] = [['All records', report.overall]];
  const overall = tables('', overallRows);
  parts.push(look.bold('Overall'), ...overall.lines, ...notes(overallRows, overall.shown), '');
  for (const breakdown of report.breakdowns) {
    const title = describeBreakdown(breakdown.by);
    const rows = breakdown.groups.map((group): [string, RowFigures] => [group.label, group]);
    const shown = tables(title[0].toUpperCase() + title.slice(1), rows);
    parts.push(...prose(`By ${title}`, look.bold), ...shown.lines, ...notes(rows, shown.shown));
    const funnel = shown.shown.some((column) => column.key === 'funnel')
      ? funnelNote(rows.map(([, figures]) => figures))
      : null;
    if (funnel !== null) parts.push(...prose(funnel, look.dim));
    if (breakdown.groupsLeftOut) parts.push(...prose(leftOutNote(minCount), look.dim));
    if (withTests && breakdown.comparison) {
      parts.push(
        ...prose(
          describeComparison(
            breakdown.comparison,
            breakdown.groups.map((group) => group.label),
          ),
        ),
      );
    }
    parts.push('');
  }
  const missing = explicit
    ? byKey(explicit).filter((column) => column.needsTests && !withTests)
    : [];
  if (missing.length > 0) {
    parts.push(
      ...prose(
        `Not computed with --no-tests: ${missing.map((column) => column.key).join(', ')} (shown as –).`,
        look.dim,
      ),
    );
  }
  const [gapNote, testNote] = columnNotes(everShown, level, withTests);
  parts.push(...prose(gapNote, look.dim));
  if (report.disclosure?.suppression)
    parts.push(...prose(tablesDisclosureNote(report.disclosure), look.dim));
  if (testNote !== undefined) parts.push(...prose(testNote, look.dim));
  // Asked for by name but in no table: said, not dropped without a word.
  const funnels = report.breakdowns.some((b) => b.groups.some((group) => 'funnel' in group));
  if (style.columns?.includes('funnel') && !funnels) {
    parts.push(
      ...prose(
        'funnel: shown only in a breakdown by source alone (--by source), where each group is a council.',
        look.dim,
      ),
    );
  }
  return parts.join('\n') + '\n';
}

function layoutColumn(column: TableColumn): LayoutColumn {
  return { title: column.title, narrowTitle: column.narrowTitle, align: 'right' };
}

function layoutRows(
  columns: TableColumn[],
  rows: [string, RowFigures][],
  paint: (tone: Tone) => (text: string) => string,
): LayoutRow[] {
  return rows.map(([label, figures]) => ({
    label: visible(label),
    cells: columns.map((column) => displayCell(column, figures)),
    paint: columns.map((column) => paint(column.tone ? column.tone(figures) : 'none')),
  }));
}

/** The boxed table of cli-table3, for output without a width limit. */
function boxed(
  firstTitle: string,
  columns: TableColumn[],
  rows: [string, RowFigures][],
  paint: (tone: Tone) => (text: string) => string,
  colour: boolean,
): string {
  const table = new Table({
    head: [firstTitle, ...columns.map((column) => column.title)],
    colAligns: ['left', ...columns.map(() => 'right' as const)],
    style: { head: colour ? ['bold'] : [], border: colour ? ['grey'] : [] },
    // No rule between body rows: a long breakdown stays readable on one screen.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const [label, figures] of rows) {
    table.push([
      visible(label),
      ...columns.map((column) =>
        paint(column.tone ? column.tone(figures) : 'none')(displayCell(column, figures)),
      ),
    ]);
  }
  return table.toString();
}

/**
 * The notes under the tables, for the columns shown (`shown`: keys of COLUMN_KEYS) and no others.
 *
 * @example
 * columnNotes(new Set(['n', 'down', 'money']), '95%')
 * // ['Gap = actual - indicative. Money-weighted: total actual / total indicative - 1.']
 */
export function columnNotes(shown: ReadonlySet<string>, level: string, withTests = true): string[] {
  const has = (...keys: string[]): boolean => keys.some((key) => shown.has(key));
  const gaps = ['Gap = actual - indicative.'];
  if (has('median', 'mean'))
    gaps.push('% gap: per person (records with a zero indicative budget left out).');
  if (has('money')) gaps.push('Money-weighted: total actual / total indicative - 1.');
  const tests: string[] = [];
  if (withTests && has('median', 'median-gap', 'down-ci'))
    tests.push(`[CI]: ${level} confidence interval.`);
  if (has('p'))
    tests.push(
      'p: sign test of "no systematic direction", Holm-adjusted across the groups of a breakdown.',
    );
  const unadjusted = [
    ...(has('sign-p') ? ['Sign test p'] : []),
    ...(has('wilcoxon-p') ? ['Wilcoxon p (signed-rank)'] : []),
  ];
  if (unadjusted.length > 0)
    tests.push(
      `${unadjusted.join(' and ')} ${unadjusted.length > 1 ? 'give' : 'gives'} the unadjusted p with the Holm-adjusted one in brackets.`,
    );
  if (has('bias')) tests.push('Limits of agreement: Bland–Altman.');
  if (tests.length > 0 || has('spearman', 'r2')) tests.push('Methods: docs/methods.md.');
  return [gaps.join(' '), ...(tests.length > 0 ? [tests.join(' ')] : [])];
}

/**
 * Under a table whose groups have records with a zero indicative budget (a published count above
 * 0): they are in the money-weighted change but not in the % gaps, so the two can disagree.
 *
 * @example
 * zeroIndicativeNote([['65+', { ...group, zeroIndicative: 3 }]], false)
 * // '65+: records with a zero indicative budget are left out of the % gaps but in the ...'
 */
export function zeroIndicativeNote(rows: [string, RowFigures][], shown: boolean): string | null {
  const labels = rows
    .filter(
      ([, figures]) => typeof figures.zeroIndicative === 'number' && figures.zeroIndicative > 0,
    )
    .map(([label]) => label);
  if (labels.length === 0) return null;
  return `${labels.join('; ')}: records with a zero indicative budget are left out of the % gaps but in the money-weighted change${shown ? '' : ' (how many: --columns ...,zero or --wide)'}.`;
}

/**
 * What suppression did, in the words of a table (the JSON's own note speaks of null and
 * "suppressed", which a table does not have).
 *
 * @example
 * tablesDisclosureNote({ minCount: 5, dominanceP: 10, roundCounts: null })
 * // 'In these tables counts from 1 to 4 are shown as [c]; ...'
 */
export function tablesDisclosureNote(
  disclosure: Pick<Report['disclosure'], 'minCount' | 'dominanceP' | 'roundCounts'>,
): string {
  const k = disclosure.minCount ?? 1;
  return `In these tables counts from 1 to ${formatCount(k - 1)} are shown as [c]; groups of fewer than ${formatCount(k)} records show only their label; money totals are hidden where one or two budgets make up all but ${disclosure.dominanceP ?? 0}% of them (the p% rule); further cells are hidden so that none of these can be worked back from any sum in this output${disclosure.roundCounts ? `; counts are rounded to the nearest ${formatCount(disclosure.roundCounts)}` : ''}.`;
}

/** The line naming the files, period and row counts. */
export function heading(report: Report): string {
  const files = report.inputs.map((input) => input.path).join(', ');
  const { read, used, excluded } = report.rows;
  return `rasgap ${report.tool.version}: ${files}: ${formatCount(read)} rows read, ${formatCount(used)} used, ${formatCount(excluded)} excluded; amounts ${report.period === 'not-stated' ? 'as given (period not stated)' : PERIOD_WORDS[report.period]}`;
}

/** The exclusion summary, for stderr. */
export function renderExclusionSummary(report: Pick<Report, 'rows'>): string {
  const { read, excluded, exclusions } = report.rows;
  // Hidden when the whole run is under --min-count: the counts would give the number used back.
  if (read === null && report.rows.used === null)
    return 'Row counts are hidden: fewer records were used than --min-count; --exclusions FILE lists every excluded row.\n';
  if (excluded === 0) return `All ${formatCount(read)} rows were used.\n`;
  const lines = exclusions.map((item) => {
    const shown = item.lines
      .slice(0, 5)
      .map((line, index) => (item.files ? `${item.files[index]}:${line}` : String(line)))
      .join(', ');
    const more = (item.count ?? 0) > 5 ? ', ...' : '';
    // Rows left out by a filter are counted, never listed (see src/disclose/publish.ts).
    if (shown === '') return `  ${item.reason}: ${formatCount(item.count)}`;
    return `  ${item.reason}: ${formatCount(item.count)} (line${(item.count ?? 0) > 1 ? 's' : ''} ${shown}${more})`;
  });
  return `Excluded ${formatCount(excluded)} of ${formatCount(read)} rows:\n${lines.join('\n')}\n`;
}
