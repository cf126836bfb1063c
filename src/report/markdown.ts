/** statistics -> Markdown tables, for a README, a wiki page or a pull request. */
import { EXCLUSION_MEANINGS } from '../ingest/exclusions.js';
import { neutraliseFormula } from './csv.js';
import {
  DISPLAY_COLUMNS,
  INFERENCE_COLUMNS,
  FUNNEL_COLUMN,
  bandColumns,
  describeComparison,
  displayCell,
  funnelNote,
  type DisplayColumn,
  type RowFigures,
  leftOutNote,
  withheldNote,
} from './columns.js';
import { describeBreakdown, formatCount, roundingNote } from './format.js';
import type { Report } from './model.js';
import { heading, tablesDisclosureNote } from './table.js';

/** Escapes the characters that would break a Markdown table cell. */
export function markdownCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r\n?|\n/g, ' ');
}

/**
 * Text from the export or the command line (a group label, a file name) as literal Markdown:
 * whatever could start markup is backslash-escaped, which CommonMark renders as the character
 * itself: HTML tags and autolinks (`<`, `>`), links and images (`[`, `]`), emphasis and code
 * (`*`, `_`, `` ` ``, `~`), entities (`&name;`), bare URLs (`http://`, `www.`), and a heading or
 * an ordered list at the start; backslashes and pipes as in a table cell. Text CommonMark would
 * show as it is (hyphens, full stops, `&` in `A & B`) is left alone.
 *
 * @example
 * markdownText('<b>[x](y)</b>') // '\\<b\\>\\[x\\](y)\\</b\\>'
 */
export function markdownText(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_[\]<>|~@]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/\b([a-z][a-z0-9+.-]*):(?=\/\/)/gi, '$1\\:')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/^(\s*)#/, '$1\\#')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** A label from the export in a table: a formula neutralised (leading apostrophe), then escaped. */
export function markdownLabel(label: string): string {
  return markdownText(neutraliseFormula(label));
}

function markdownTable(
  firstTitle: string,
  rows: [string, RowFigures][],
  columns: DisplayColumn[] = DISPLAY_COLUMNS,
): string {
  const titles = [firstTitle, ...columns.map((column) => column.title)];
  const lines = [
    `| ${titles.map(markdownCell).join(' | ')} |`,
    `| ${titles.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map(
      ([label, summary]) =>
        // Labels come from the export, so a formula in one is neutralised as in CSV (tables get
        // pasted into spreadsheets); the figures are rasgap's own text.
        `| ${[markdownLabel(label), ...columns.map((column) => markdownCell(displayCell(column, summary)))].join(' | ')} |`,
    ),
  ];
  return lines.join('\n');
}

/**
 * @example
 * renderMarkdown(report).startsWith('# Indicative and actual budgets') // true
 */
export function renderMarkdown(report: Report): string {
  const parts = [
    ...(report.notice ? [`**${report.notice}**`, ''] : []),
    '# Indicative and actual budgets',
    '',
    heading({
      ...report,
      inputs: report.inputs.map((input) => ({ ...input, path: markdownText(input.path) })),
    }).replace(/^rasgap [^:]+: /, `rasgap ${report.tool.version}, `) + '.',
    '',
    report.periodNote,
    '',
    ...(report.filterNote ? [report.filterNote, ''] : []),
    ...[roundingNote(report.rows)].flatMap((note) => (note === null ? [] : [note, ''])),
    '## Overall',
    '',
    // The row names itself: its label column has no title to repeat it.
    markdownTable('', [['All records', report.overall]]),
    '',
    markdownTable('Gap bands', [['All records', report.overall]], bandColumns(report.gapBands)),
  ];
  const withTests = report.options.confidence !== null;
  const level = `${Math.round((report.options.confidence ?? 0.95) * 1000) / 10}%`;
  if (withTests) {
    parts.push(
      '',
      markdownTable(`${level} CI`, [['All records', report.overall]], INFERENCE_COLUMNS),
    );
  }
  for (const breakdown of report.breakdowns) {
    const title = describeBreakdown(breakdown.by);
    const heading = title[0].toUpperCase() + title.slice(1);
    const rows = breakdown.groups.map((group): [string, RowFigures] => [group.label, group]);
    const withFunnel = breakdown.groups.some((group) => 'funnel' in group);
    const main = withFunnel ? [...DISPLAY_COLUMNS, FUNNEL_COLUMN] : DISPLAY_COLUMNS;
    const bands = bandColumns(report.gapBands);
    parts.push(
      '',
      `## By ${title}`,
      '',
      markdownTable(heading, rows, main),
      '',
      markdownTable(`${heading}: gap bands`, rows, bands),
    );
    const note = withheldNote(
      rows.map(([label, figures]): [string, RowFigures] => [markdownLabel(label), figures]),
      [...main, ...bands, ...INFERENCE_COLUMNS],
      report.disclosure.minCount,
    );
    if (note !== null) parts.push('', note);
    const funnel = withFunnel ? funnelNote(breakdown.groups) : null;
    if (funnel !== null) parts.push('', funnel);
    if (breakdown.groupsLeftOut) parts.push('', leftOutNote(report.disclosure.minCount));
    if (withTests) {
      parts.push('', markdownTable(`${heading} (${level} CI)`, rows, INFERENCE_COLUMNS));
      if (breakdown.comparison) {
        parts.push(
          '',
          describeComparison(
            breakdown.comparison,
            breakdown.groups.map((group) => markdownLabel(group.label)),
          ),
        );
      }
    }
  }
  if (withTests) {
    parts.push(
      '',
      'p-values: exact sign test and Wilcoxon signed-rank test of "no systematic direction", Holm-adjusted across the groups of a breakdown in brackets; limits of agreement after Bland and Altman. The methods are stated in docs/methods.md of rasgap.',
    );
  }
  if (report.disclosure?.suppression) parts.push('', tablesDisclosureNote(report.disclosure));
  parts.push('', '## Rows', '');
  if (report.rows.excluded === 0)
    parts.push(`All ${formatCount(report.rows.read)} rows were used.`);
  else {
    parts.push('| Reason | Rows | Meaning | First lines |', '| --- | ---: | --- | --- |');
    for (const item of report.rows.exclusions) {
      parts.push(
        `| ${item.reason} | ${formatCount(item.count)} | ${markdownCell(EXCLUSION_MEANINGS[item.reason])} | ${item.lines.slice(0, 10).join(', ')} |`,
      );
    }
  }
  parts.push(
    '',
    '## Inputs',
    '',
    ...report.inputs.map(
      (input) =>
        `- ${markdownText(input.path)}${input.sheet === null ? '' : ` (sheet "${markdownText(input.sheet)}")`}: SHA-256 \`${input.sha256}\`, ${formatCount(input.rowsRead)} rows read, ${formatCount(input.rowsUsed)} used`,
    ),
    '',
    `Generated ${report.generatedAt} by rasgap ${report.tool.version}${report.command ? ` with \`${report.command.replace(/`/g, "'")}\`` : ''}.`,
    '',
    `Options: ${markdownText(JSON.stringify(report.options))}`,
  );
  return parts.join('\n') + '\n';
}
