/** `rasgap inspect` results -> text for a person (JSON is the object itself). */
import { ROLE_FLAGS } from '../ingest/columns.js';
import type { FileInspection, PoolInspection } from '../ingest/inspect.js';
import { PERIOD_WORDS } from '../ingest/period.js';
import { formatCount, visible } from './format.js';
import { displayWidth, wrapText } from './layout.js';

const EVIDENCE: Record<string, string> = {
  bom: 'from its byte-order mark',
  'valid-utf-8': 'valid UTF-8, no byte-order mark',
  'not-utf-8': 'not valid UTF-8, so read as Windows-1252',
  'mostly-utf-8': 'UTF-8, with a few bytes that are not (their rows are excluded)',
  'late-not-utf-8':
    'the first 64 KiB were plain ASCII, but a later byte is not UTF-8, so read as Windows-1252 from the start',
  'nul-pattern': 'from the pattern of zero bytes (no byte-order mark)',
  option: 'from --encoding',
};

const SHEET_EVIDENCE: Record<string, string> = {
  option: 'from --sheet',
  'first-with-header': 'the first sheet with a header row; choose another with --sheet NAME',
  'first-with-cells': 'no sheet has a recognised header; the first sheet with cells',
};

const DELIMITER_NAMES: Record<string, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

/**
 * Several files inspected together: how analyse would pool their people, and identical files.
 *
 * @example
 * process.stdout.write(renderPool((await inspectFiles(['q1.csv', 'q2.csv'], {}))[0].pooled!))
 */
export function renderPool(pool: PoolInspection, style: { width?: number } = {}): string {
  const lines: Line[] = [['pooled: ', pool.files.join(', ')]];
  for (const note of pool.notes) lines.push(['  - ', note]);
  for (const item of pool.identical) {
    lines.push([
      '  - ',
      `${item.path === item.sameAs ? `${item.path} is given twice` : `${item.path} has the same bytes (SHA-256) as ${item.sameAs}`}: analyse refuses it, as its rows would be counted twice. Fix: ${item.fix}`,
    ]);
  }
  return fitLines(lines, style.width).join('\n') + '\n';
}

/** A line as a prefix kept aligned (a field's name, a column's number, header and role, a dash) and its value. */
type Line = string | [prefix: string, value: string];

/**
 * Lines wider than `width` wrap their value under itself, so that names and columns stay
 * aligned; a prefix too wide to leave room puts its value on the lines below.
 */
function fitLines(lines: Line[], width: number | undefined): string[] {
  return lines.flatMap((line) => {
    // Headers, labels and file names come from the data: their control characters do not act.
    const [prefix, value] = typeof line === 'string' ? ['', visible(line)] : line.map(visible);
    if (width === undefined || displayWidth(prefix + value) <= width) return [prefix + value];
    const prefixWidth = displayWidth(prefix);
    if (prefixWidth > width - 24) {
      const head =
        prefixWidth <= width ? [prefix.trimEnd()] : wrapText(prefix.trimEnd(), width, '      ');
      return [...head, ...wrapText(value, width - 6).map((piece) => `      ${piece}`)];
    }
    const indent = ' '.repeat(prefixWidth);
    return wrapText(value, width - prefixWidth).map(
      (piece, index) => (index === 0 ? prefix : indent) + piece,
    );
  });
}

/**
 * One file's inspection as text. With a `width` (a terminal's columns), long lines wrap under
 * their value, so that the name and column of each line stay aligned.
 *
 * @example
 * process.stdout.write(renderInspection(await inspectFile('export.csv', {}), { width: 80 }))
 */
export function renderInspection(
  inspection: FileInspection,
  style: { width?: number } = {},
): string {
  const lines: Line[] = [inspection.path];
  const field = (name: string, value: string): void => {
    lines.push([`  ${name.padEnd(14)}`, value]);
  };
  if (inspection.encoding) {
    field(
      'encoding',
      `${inspection.encoding.encoding} (${EVIDENCE[inspection.encoding.evidence]})`,
    );
  }
  if (inspection.delimiter) {
    field(
      'delimiter',
      `${DELIMITER_NAMES[inspection.delimiter.delimiter]} (${inspection.delimiter.evidence === 'option' ? 'from --delimiter' : 'sniffed'})`,
    );
  }
  if (inspection.sheet) {
    const sheet = inspection.sheet;
    field('format', 'Excel workbook (.xlsx); line numbers are sheet row numbers');
    field('sheets', sheet.names.map((name) => `"${name}"`).join(', '));
    field('sheet', `"${sheet.name}" (${SHEET_EVIDENCE[sheet.evidence]})`);
  }
  field(
    'header',
    inspection.headerLine === null
      ? 'not found'
      : `line ${inspection.headerLine}${inspection.titleLines > 0 ? ` (${inspection.titleLines} title line${inspection.titleLines > 1 ? 's' : ''} above it skipped)` : ''}`,
  );
  field(
    'rows',
    `${formatCount(inspection.rowsRead)} data rows below the header${inspection.blankLines > 0 ? ` (${formatCount(inspection.blankLines)} blank line${inspection.blankLines > 1 ? 's' : ''} or rows of empty cells, not counted)` : ''}`,
  );
  lines.push('  columns');
  const width = Math.min(
    40,
    Math.max(...inspection.columns.map((column) => column.header.length), 6),
  );
  const roles = inspection.columns.map((column) => {
    const role = column.role ? ROLE_FLAGS[column.role] : '-';
    // The decimal places the amounts are written to: the precision analyse compares them at.
    const places = column.decimals === null ? '' : `, ${column.decimals} dp`;
    if (!column.period) return role + places;
    if (column.period.period) {
      const how = column.period.source === 'option' ? '--input-period' : 'header';
      return `${role}, ${PERIOD_WORDS[column.period.period]} (${how})${places}`;
    }
    return column.period.source === 'frequency-column'
      ? `${role}, period per row${places}`
      : `${role}, period not stated${places}`;
  });
  const roleWidth = Math.max(...roles.map((role) => role.length));
  inspection.columns.forEach((column, index) => {
    const issues: string[] = [];
    if (column.blank > 0) issues.push(`${formatCount(column.blank)} blank`);
    if (column.role === 'indicative' || column.role === 'actual') {
      if (column.suppressed > 0) issues.push(`${formatCount(column.suppressed)} suppressed`);
    }
    if (column.unparsed > 0) issues.push(`${formatCount(column.unparsed)} do not parse`);
    const samples = column.samples.join(' | ') || '(all blank)';
    lines.push([
      `    ${String(column.number).padStart(2)}  ${column.header.slice(0, width).padEnd(width)}  ${roles[index].padEnd(roleWidth)}  `,
      `e.g. ${samples}${issues.length > 0 ? `; ${issues.join(', ')}` : ''}`,
    ]);
  });
  if (inspection.clientGroups.length > 0) {
    lines.push('  client groups');
    const labelWidth = Math.min(
      50,
      Math.max(...inspection.clientGroups.map((group) => group.label.length)),
    );
    for (const group of inspection.clientGroups) {
      const mapping =
        group.canonical === null
          ? 'not recognised: kept as written (map it with --group-map)'
          : group.canonical === group.label
            ? 'canonical'
            : `-> ${group.canonical}`;
      // The mapping wraps under itself, as the other lines' values do.
      lines.push([
        `    ${group.label.slice(0, labelWidth).padEnd(labelWidth)}  ${formatCount(group.count).padStart(7)}  `,
        mapping,
      ]);
    }
  }
  if (inspection.rounding !== null) field('precision', inspection.rounding.note);
  if (inspection.repeatedIds.people > 0) {
    field(
      'repeated ids',
      `${formatCount(inspection.repeatedIds.people)} people appear more than once (${formatCount(inspection.repeatedIds.rows)} rows); analyse keeps each one's latest date agreed`,
    );
  }
  if (inspection.exclusions.length > 0) {
    field(
      'excluded',
      inspection.exclusions
        .map(
          (item) =>
            `${item.reason} ${formatCount(item.count)} (line${item.count > 1 ? 's' : ''} ${item.lines.slice(0, 5).join(', ')}${item.count > 5 ? ', ...' : ''})`,
        )
        .join('; '),
    );
  }
  if (inspection.layout.length > 0) {
    lines.push('  layout        rows below the header that are not people, left out:');
    for (const item of inspection.layout) {
      lines.push([
        '    - ',
        `${item.reason} ${formatCount(item.count)} (line${item.count > 1 ? 's' : ''} ${item.lines.slice(0, 5).join(', ')}${item.count > 5 ? ', ...' : ''}): ${item.meaning}. Fix: ${item.fix}`,
      ]);
    }
  }
  if (inspection.analysable) {
    lines.push('  can analyse   yes');
  } else {
    lines.push('  can analyse   no');
    for (const problem of inspection.problems) lines.push(['    - ', problem]);
  }
  if (inspection.warnings.length > 0) {
    lines.push('  warnings');
    for (const warning of inspection.warnings) lines.push(['    - ', warning]);
  }
  if (inspection.command !== null) {
    lines.push(['  to read it    ', inspection.command]);
    lines.push(['  or in rasgap.config.json: ', JSON.stringify(inspection.config)]);
    if (inspection.config.asOf !== undefined) {
      lines.push(
        '  (DD/MM/YYYY: the date ages are to be worked out at, e.g. the date of the extract)',
      );
    }
  }
  return fitLines(lines, style.width).join('\n') + '\n';
}

/**
 * Every file's inspection, then how they pool: the text `rasgap inspect` prints.
 *
 * @example
 * process.stdout.write(renderInspections(await inspectFiles(['q1.csv', 'q2.csv'], {}), { width: 80 }))
 */
export function renderInspections(
  inspections: readonly FileInspection[],
  style: { width?: number } = {},
): string {
  const pooled = inspections[0]?.pooled;
  return (
    inspections.map((inspection) => renderInspection(inspection, style)).join('\n') +
    (pooled ? '\n' + renderPool(pooled, style) : '')
  );
}
