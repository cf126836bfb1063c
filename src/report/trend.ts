/**
 * The published trend (src/disclose/trend.ts) in every format: a terminal table, JSON, CSV,
 * Markdown and a self-contained HTML page with small multiples of the share moved down. Renders
 * only: every figure and every withheld mark comes from the published trend.
 */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { TrendCell, TrendGroup, TrendReport } from '../disclose/trend.js';
import { WITHHELD_MEANINGS, type WithheldReason } from '../disclose/types.js';
import { RasgapError } from '../errors.js';
import { csvCell, SUPPRESSED } from './csv.js';
import {
  describeBreakdown,
  formatCount,
  formatNumber,
  formatP,
  formatPercent,
  formatPounds,
  formatShare,
  roundingNote,
  visible,
} from './format.js';
import { escapeHtml } from './html.js';
import { markdownCell } from './markdown.js';
import {
  compactTable,
  displayWidth,
  stackedBlocks,
  wrapText,
  type LayoutColumn,
  type LayoutRow,
  type TableLook,
} from './layout.js';

export const TREND_FORMATS = ['table', 'json', 'csv', 'markdown', 'html'] as const;
export type TrendFormat = (typeof TREND_FORMATS)[number];

export interface TrendStyle {
  colour: boolean;
  /** Columns to fit the terminal table in; the intervals go first when it is narrower. */
  width?: number;
}

/**
 * @example
 * renderTrend(await trend('export.csv', { by: 'client-group' }), 'markdown')
 */
export function renderTrend(
  report: TrendReport,
  format: TrendFormat,
  style: TrendStyle = { colour: false },
): string {
  switch (format) {
    case 'table':
      return trendTable(report, style);
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'csv':
      return trendCsv(report);
    case 'markdown':
      return trendMarkdown(report);
    case 'html':
      return trendHtml(report);
    default:
      throw new RasgapError('USAGE', `a trend cannot be rendered as "${String(format)}"`, {
        fix: `use one of ${TREND_FORMATS.join(', ')}`,
      });
  }
}

// ---------------------------------------------------------------------------------------------
// Words shared by the formats.

const PERIOD_WORDS = { financialYear: 'financial year', quarter: 'quarter' } as const;

/** "Trend of moderation by client group, each financial year". */
function title(report: TrendReport): string {
  const groups = report.by ? ` by ${describeBreakdown([report.by])}` : '';
  return `Trend of moderation${groups}, each ${PERIOD_WORDS[report.every]}`;
}

function level(report: TrendReport): string {
  return `${Math.round(report.confidence * 1000) / 10}%`;
}

/** What the periods are and which rows the tests leave out. */
function periodsNote(report: TrendReport): string {
  const span =
    report.periods.length === 0
      ? 'no record has a date agreed, so there is nothing to test'
      : `${report.periods.length} ${PERIOD_WORDS[report.every]}${report.periods.length === 1 ? '' : 's'}, ${report.periods[0]} to ${report.periods.at(-1)!}, scored 0 to ${report.periods.length - 1}`;
  return `Periods by date agreed: ${span}. Records without a date agreed are shown as Unknown and are in neither test.`;
}

/** The two tests of a group in one sentence. */
export function describeTests(group: TrendGroup): string {
  const withheld = (field: keyof TrendGroup): string | null => {
    const reason = group.withheld?.[field];
    return reason ? `[c] (${WITHHELD_MEANINGS[reason]})` : null;
  };
  const direction =
    group.cochranArmitageZ === null || group.cochranArmitageZ === 0
      ? ''
      : group.cochranArmitageZ > 0
        ? 'rising, '
        : 'falling, ';
  const ca =
    withheld('cochranArmitageP') ??
    (group.cochranArmitageP === null
      ? 'not defined (no one, or everyone, moved down, or one period only)'
      : `${direction}Cochran–Armitage ${pEquals(group.cochranArmitageP)}`);
  const kendall =
    withheld('kendallTau') ??
    (group.kendallTau === null
      ? 'not defined (one period, or every % gap the same)'
      : `Kendall's tau-b = ${formatNumber(group.kendallTau, 3)}, ${pEquals(group.kendallP)}`);
  return `Share moved down over the periods: ${ca}. % gap against the period: ${kendall}.`;
}

/** `p = 0.012`, or `p < 0.001`. */
function pEquals(p: number | null): string {
  const text = formatP(p);
  return text.startsWith('<') ? `p < ${text.slice(1)}` : `p = ${text}`;
}

/** A figure, or the GSS marker where it is withheld. */
function shown(cell: TrendCell, field: keyof TrendCell, text: string): string {
  return cell.suppressed?.includes(field) ? SUPPRESSED : text;
}

function withInterval(
  cell: TrendCell,
  field: 'downShare' | 'medianGap' | 'medianPctGap',
  format: (value: number | null) => string,
): string {
  const value = shown(cell, field, format(cell[field]));
  const low = cell[`${field}Low`];
  const high = cell[`${field}High`];
  if (value === SUPPRESSED || low === null || high === null) return value;
  return `${value} [${format(low)}, ${format(high)}]`;
}

const COLUMNS: {
  title: string;
  brief: string;
  cell: (cell: TrendCell) => string;
  interval?: boolean;
}[] = [
  { title: 'n', brief: 'n', cell: (c) => shown(c, 'n', formatCount(c.n)) },
  { title: 'Up', brief: 'Up', cell: (c) => shown(c, 'up', formatCount(c.up)) },
  { title: 'Down', brief: 'Down', cell: (c) => shown(c, 'down', formatCount(c.down)) },
  { title: 'Same', brief: 'Same', cell: (c) => shown(c, 'unchanged', formatCount(c.unchanged)) },
  {
    title: '% down [CI]',
    brief: '% down',
    cell: (c) => withInterval(c, 'downShare', formatShare),
    interval: true,
  },
  {
    title: 'Median gap [CI]',
    brief: 'Median gap',
    cell: (c) => withInterval(c, 'medianGap', formatPounds),
    interval: true,
  },
  {
    title: 'Median % gap [CI]',
    brief: 'Median % gap',
    cell: (c) => withInterval(c, 'medianPctGap', formatPercent),
    interval: true,
  },
];

/** The reasons a trend withholds figures for, each once, as sentences. */
function withheldNotes(report: TrendReport): string[] {
  const reasons = new Set<WithheldReason>();
  for (const group of report.groups) {
    for (const reason of Object.values(group.withheld ?? {})) reasons.add(reason);
    for (const cell of group.periods) {
      for (const reason of Object.values(cell.withheld ?? {})) reasons.add(reason);
    }
  }
  const notes = [...reasons].map((reason) => `[c]: ${WITHHELD_MEANINGS[reason]}.`);
  if (reasons.size > 0) {
    notes.push(
      'A trend test is published only when every period it rests on shows its counts; the JSON and CSV name the reason for each [c].',
    );
  }
  if (report.cellsLeftOut) {
    notes.push(
      'Periods of a group with fewer than k people are left out where their labels alone would give their sizes away.',
    );
  }
  return notes;
}

/** Notice (unsuppressed), rounding, inputs and disclosure: what every format says around the figures. */
function preamble(report: TrendReport): string[] {
  const inputs = report.inputs.map((input) => `${input.path} (SHA-256 ${input.sha256})`).join('; ');
  return [
    ...(report.notice ? [report.notice] : []),
    `rasgap ${report.tool.version}: ${inputs}; ${formatCount(report.rows.read)} rows read, ${formatCount(report.rows.used)} used, ${formatCount(report.rows.excluded)} excluded.`,
    report.periodNote,
    ...(report.filterNote === null ? [] : [report.filterNote]),
    periodsNote(report),
    ...[roundingNote(report.rows)].filter((note): note is string => note !== null),
  ];
}

// ---------------------------------------------------------------------------------------------
// Terminal table.

function trendTable(report: TrendReport, style: TrendStyle): string {
  const chalk = new Chalk({ level: style.colour ? 1 : 0 });
  // Sentences wrap to the terminal; piped (no width), each stays one line.
  const fit = (text: string): string[] => wrapText(text, style.width);
  const look: TableLook = { bold: (text) => chalk.bold(text), dim: (text) => chalk.dim(text) };
  const cellsOf = (cell: TrendCell, intervals: boolean): string[] =>
    COLUMNS.map((column) =>
      intervals || !column.interval ? column.cell(cell) : briefCell(cell, column.brief),
    );
  const titled = (group: TrendGroup, body: string[]): string =>
    [
      ...fit(visible(group.label)).map((line) => chalk.bold(line)),
      ...body,
      ...fit(describeTests(group)),
    ].join('\n');
  const boxed = (intervals: boolean): string[][] =>
    report.groups.map((group) => {
      const table = new Table({
        head: ['Period', ...COLUMNS.map((column) => (intervals ? column.title : column.brief))],
        colAligns: ['left', ...COLUMNS.map(() => 'right' as const)],
        style: { head: style.colour ? ['bold'] : [], border: style.colour ? ['grey'] : [] },
        chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      });
      for (const cell of group.periods)
        table.push([visible(cell.period), ...cellsOf(cell, intervals)]);
      return [table.toString()];
    });
  // As analyse's table: boxed with the intervals, then boxed without them, then borderless, and
  // when even that does not fit, a block per period.
  const fits = (bodies: string[][]): boolean =>
    style.width === undefined ||
    Math.max(0, ...bodies.flat().flatMap((text) => text.split('\n').map(displayWidth))) <=
      style.width;
  let bodies = boxed(true);
  if (!fits(bodies)) bodies = boxed(false);
  if (!fits(bodies) && style.width !== undefined) {
    const width = style.width;
    const label: LayoutColumn = { title: 'Period', align: 'left' };
    const columns: LayoutColumn[] = COLUMNS.map((column) => ({
      title: column.brief,
      narrowTitle: column.brief.replace(' ', '\n'),
      align: 'right',
    }));
    bodies = report.groups.map((group) => {
      const rows: LayoutRow[] = group.periods.map((cell) => ({
        label: visible(cell.period),
        cells: cellsOf(cell, false),
      }));
      return (
        compactTable(label, columns, rows, width, look) ?? stackedBlocks(columns, rows, width, look)
      );
    });
  }
  const tables = report.groups.map((group, i) => titled(group, bodies[i]));
  const notes = withheldNotes(report);
  return (
    [
      ...(report.notice ? fit(report.notice).map((line) => chalk.bold(line)) : []),
      ...fit(title(report)).map((line) => chalk.bold(line)),
      ...preamble(report)
        .filter((line) => line !== report.notice)
        .flatMap((line) => fit(visible(line)))
        .map((line) => chalk.dim(line)),
      '',
      tables.join('\n\n'),
      ...(notes.length > 0 ? ['', ...notes.flatMap(fit).map((note) => chalk.dim(note))] : []),
      ...fit(report.disclosure.note).map((line) => chalk.dim(line)),
    ].join('\n') + '\n'
  );
}

/** Without intervals, for a narrow terminal. */
function briefCell(cell: TrendCell, brief: string): string {
  switch (brief) {
    case '% down':
      return shown(cell, 'downShare', formatShare(cell.downShare));
    case 'Median gap':
      return shown(cell, 'medianGap', formatPounds(cell.medianGap));
    default:
      return shown(cell, 'medianPctGap', formatPercent(cell.medianPctGap));
  }
}

// ---------------------------------------------------------------------------------------------
// CSV: one row per group and period, full precision, the group's tests on each of its rows.

const CELL_FIELDS = [
  'n',
  'up',
  'down',
  'unchanged',
  'zeroIndicative',
  'upShare',
  'upShareLow',
  'upShareHigh',
  'downShare',
  'downShareLow',
  'downShareHigh',
  'unchangedShare',
  'unchangedShareLow',
  'unchangedShareHigh',
  'medianGap',
  'medianGapLow',
  'medianGapHigh',
  'medianPctGap',
  'medianPctGapLow',
  'medianPctGapHigh',
] as const;
const TEST_FIELDS = ['cochranArmitageP', 'cochranArmitageZ', 'kendallTau', 'kendallP'] as const;

function trendCsv(report: TrendReport): string {
  const line = (cells: (string | number | null)[]): string => cells.map(csvCell).join(',') + '\r\n';
  let text = report.notice ? line([report.notice]) : '';
  // As analyse's CSV: which records were kept, on a line of its own before the header.
  if (report.filterNote !== null) text += line([report.filterNote]);
  text += line(['by', 'group', 'period', 'score', ...CELL_FIELDS, ...TEST_FIELDS, 'withheld']);
  for (const group of report.groups) {
    const tests = TEST_FIELDS.map((field) =>
      group.suppressed?.includes(field) ? SUPPRESSED : group[field],
    );
    for (const cell of group.periods) {
      const withheld = { ...group.withheld, ...cell.withheld };
      text += line([
        report.by ?? '',
        group.label,
        cell.period,
        cell.score,
        ...CELL_FIELDS.map((field) =>
          cell.suppressed?.includes(field) ? SUPPRESSED : cell[field],
        ),
        ...tests,
        Object.entries(withheld)
          .map(([field, reason]) => `${field}:${reason}`)
          .join(';'),
      ]);
    }
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Markdown.

function trendMarkdown(report: TrendReport): string {
  // Without suppression the first line says so, before anything else (as analyse's Markdown).
  const parts = [...(report.notice ? [`**${report.notice}**`, ''] : []), `# ${title(report)}`, ''];
  for (const line of preamble(report).filter((text) => text !== report.notice)) {
    parts.push(markdownCell(line), '');
  }
  for (const group of report.groups) {
    parts.push(`## ${markdownCell(group.label)}`, '');
    parts.push(`| Period | ${COLUMNS.map((column) => column.title).join(' | ')} |`);
    parts.push(`| --- | ${COLUMNS.map(() => '---:').join(' | ')} |`);
    for (const cell of group.periods) {
      parts.push(
        `| ${markdownCell(cell.period)} | ${COLUMNS.map((column) => markdownCell(column.cell(cell))).join(' | ')} |`,
      );
    }
    parts.push('', describeTests(group), '');
  }
  const notes = withheldNotes(report);
  if (notes.length > 0) parts.push('## Notes', '', ...notes.map((note) => `- ${note}`), '');
  parts.push(`Intervals: ${level(report)}, Wilson for shares, distribution-free for medians.`, '');
  parts.push(markdownCell(report.disclosure.note), '');
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------
// HTML: small multiples of the share moved down with their interval bands, and the same figures
// as tables (the accessible alternative to each chart).

const CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:1100px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
.notice{font-weight:bold;color:#a00}.note{color:#555;font-size:13px}
.notice,.note,code{overflow-wrap:anywhere}.scroll{max-width:100%;overflow-x:auto}
.multiples{display:flex;flex-wrap:wrap;gap:1rem}
figure{margin:0;width:300px}figcaption{font-size:13px}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:13px}
th,td{padding:2px 8px;border-bottom:1px solid #e5e5e5;text-align:right}
th:first-child,td:first-child{text-align:left}caption{text-align:left;font-weight:bold}
`;

const CHART = { width: 300, height: 170, left: 38, right: 12, top: 12, bottom: 34 };

function trendHtml(report: TrendReport): string {
  const parts: string[] = [];
  if (report.notice) parts.push(`<p class="notice">${escapeHtml(report.notice)}</p>`);
  parts.push(`<h1>${escapeHtml(title(report))}</h1>`);
  for (const line of preamble(report).filter((text) => text !== report.notice)) {
    parts.push(`<p class="note">${escapeHtml(line)}</p>`);
  }
  parts.push(
    '<h2>Share moved down, each period</h2>',
    `<p class="note">Each panel: the share of budgets moved down in each period (points), with its ${escapeHtml(level(report))} Wilson interval (band). A withheld period is marked [c] and not drawn. The tables below give every figure.</p>`,
    `<div class="multiples">${report.groups.map((group, index) => smallMultiple(report, group, index)).join('\n')}</div>`,
    '<h2>Figures</h2>',
  );
  // A table wider than a phone scrolls in its own box, not the page.
  report.groups.forEach((group, index) =>
    parts.push(`<div class="scroll">${htmlTable(group, index)}</div>`),
  );
  const notes = withheldNotes(report);
  if (notes.length > 0) {
    parts.push(
      '<h2>Notes</h2>',
      `<ul>${notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`,
    );
  }
  parts.push(`<p class="note">${escapeHtml(report.disclosure.note)}</p>`);
  parts.push(
    `<p class="note">Generated ${escapeHtml(report.generatedAt)}${report.command ? ` by <code>${escapeHtml(report.command)}</code>` : ''}.</p>`,
  );
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(`rasgap: ${title(report)}`)}</title>
<style>${CSS}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}

/** One group's panel: x the period's score, y the share moved down (0 to 100%). */
function smallMultiple(report: TrendReport, group: TrendGroup, index: number): string {
  const { width, height, left, right, top, bottom } = CHART;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const count = Math.max(report.periods.length, 1);
  const x = (score: number): number =>
    left + (count === 1 ? plotWidth / 2 : (score / (count - 1)) * plotWidth);
  const y = (share: number): number => top + (1 - share) * plotHeight;
  const f = (value: number): string => value.toFixed(1);
  const dated = group.periods.filter((cell) => cell.score !== null);
  const drawn = dated.filter((cell) => cell.downShare !== null);
  // Runs of consecutive drawn periods: a band and a line do not bridge a withheld or empty one.
  const runs: TrendCell[][] = [];
  for (const cell of drawn) {
    const run = runs.at(-1);
    if (run && run.at(-1)!.score === cell.score! - 1) run.push(cell);
    else runs.push([cell]);
  }
  const bands = runs
    .map((run) => {
      const withBand = run.filter(
        (cell) => cell.downShareLow !== null && cell.downShareHigh !== null,
      );
      if (withBand.length !== run.length) return '';
      if (run.length === 1) {
        const cell = run[0];
        return `<rect x="${f(x(cell.score!) - 4)}" y="${f(y(cell.downShareHigh!))}" width="8" height="${f(y(cell.downShareLow!) - y(cell.downShareHigh!))}" fill="#E69F00" fill-opacity="0.3"/>`;
      }
      const upper = run.map((cell) => `${f(x(cell.score!))},${f(y(cell.downShareHigh!))}`);
      const lower = [...run]
        .reverse()
        .map((cell) => `${f(x(cell.score!))},${f(y(cell.downShareLow!))}`);
      return `<polygon points="${[...upper, ...lower].join(' ')}" fill="#E69F00" fill-opacity="0.3"/>`;
    })
    .join('');
  const lines = runs
    .filter((run) => run.length > 1)
    .map(
      (run) =>
        `<polyline points="${run.map((cell) => `${f(x(cell.score!))},${f(y(cell.downShare!))}`).join(' ')}" fill="none" stroke="#B35900" stroke-width="1.5"/>`,
    )
    .join('');
  const points = drawn
    .map(
      (cell) =>
        `<circle cx="${f(x(cell.score!))}" cy="${f(y(cell.downShare!))}" r="2.5" fill="#B35900"/>`,
    )
    .join('');
  const withheld = dated
    .filter((cell) => cell.downShare === null)
    .map(
      (cell) =>
        `<text x="${f(x(cell.score!))}" y="${f(y(0.25))}" font-size="9" text-anchor="middle" fill="#555">[c]</text>`,
    )
    .join('');
  const grid = [0, 0.5, 1]
    .map(
      (share) =>
        `<line x1="${left}" x2="${width - right}" y1="${f(y(share))}" y2="${f(y(share))}" stroke="#ddd"/><text x="${left - 4}" y="${f(y(share) + 3)}" font-size="10" text-anchor="end">${share * 100}%</text>`,
    )
    .join('');
  const axis =
    report.periods.length === 0
      ? ''
      : `<text x="${f(x(0))}" y="${height - 18}" font-size="10" text-anchor="start">${escapeHtml(report.periods[0])}</text>` +
        (report.periods.length > 1
          ? `<text x="${f(x(count - 1))}" y="${height - 18}" font-size="10" text-anchor="end">${escapeHtml(report.periods.at(-1)!)}</text>`
          : '');
  const description = dated
    .map((cell) =>
      cell.downShare === null
        ? `${cell.period}: withheld`
        : `${cell.period}: ${formatShare(cell.downShare)}${cell.downShareLow !== null && cell.downShareHigh !== null ? ` (${formatShare(cell.downShareLow)} to ${formatShare(cell.downShareHigh)})` : ''}`,
    )
    .join('; ');
  return `<figure>
<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="trend-title-${index} trend-desc-${index}">
<title id="trend-title-${index}">${escapeHtml(`${group.label}: share moved down per ${PERIOD_WORDS[report.every]}`)}</title>
<desc id="trend-desc-${index}">${escapeHtml(description || 'no period with a date agreed')}</desc>
${grid}${bands}${lines}${points}${withheld}${axis}
</svg>
<figcaption><strong>${escapeHtml(group.label)}</strong>. ${escapeHtml(describeTests(group))} <a href="#trend-table-${index}">Figures</a>.</figcaption>
</figure>`;
}

function htmlTable(group: TrendGroup, index: number): string {
  const head = `<tr><th scope="col">Period</th>${COLUMNS.map((column) => `<th scope="col">${escapeHtml(column.title)}</th>`).join('')}</tr>`;
  const rows = group.periods
    .map(
      (cell) =>
        `<tr><th scope="row">${escapeHtml(cell.period)}</th>${COLUMNS.map((column) => `<td>${escapeHtml(column.cell(cell))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table id="trend-table-${index}">
<caption>${escapeHtml(group.label)}</caption>
<thead>${head}</thead>
<tbody>
${rows}
</tbody>
</table>
<p class="note">${escapeHtml(describeTests(group))}</p>`;
}
