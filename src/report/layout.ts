/**
 * Text laid out for a terminal of a given width: display width (wide characters count two,
 * colour escapes none), word wrapping, a borderless table and a stacked list of figures. Widths
 * are counted with string-width, the same measure cli-table3 uses.
 */
import stringWidth from 'string-width';

/**
 * Columns a text takes on a terminal: East Asian wide characters and emoji count two, combining
 * marks and colour escapes none.
 *
 * @example
 * displayWidth('£1,073') // 6
 * displayWidth('\u001b[33m61%\u001b[39m') // 3
 */
export function displayWidth(text: string): number {
  // Fitting a table measures the same cells and words many times over.
  let width = widths.get(text);
  if (width === undefined) {
    width = stringWidth(text);
    if (widths.size > 10_000) widths.clear();
    widths.set(text, width);
  }
  return width;
}
const widths = new Map<string, number>();

// Made on first use: constructing it loads ICU data (about 8 ms), and few words need breaking.
let graphemes: Intl.Segmenter | undefined;

/** A word wider than `width` cut into pieces no wider than `width` (at least one character each). */
function breakWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  for (const { segment } of graphemes.segment(word)) {
    if (piece !== '' && displayWidth(piece + segment) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += segment;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * Plain text (no colour escapes) wrapped into lines no wider than `width`: at spaces, and inside a
 * word only when the word alone is too wide. Lines after the first start with `indent`. Without a
 * width, the text's own lines.
 *
 * @example
 * wrapText('Physical Support: Access & mobility only', 18)
 * // ['Physical Support:', 'Access & mobility', 'only']
 */
export function wrapText(text: string, width: number | undefined, indent = ''): string[] {
  if (width === undefined) return text.split('\n');
  const lines: string[] = [];
  // A tab would jump to the terminal's next tab stop, past any width counted here.
  text = text.replace(/\t/g, ' ');
  const indentWidth = displayWidth(indent);
  const lead = (): [string, number] => (lines.length === 0 ? ['', 0] : [indent, indentWidth]);
  for (const paragraph of text.split('\n')) {
    // Widths add up word by word: measuring each candidate line anew would be quadratic.
    let line: string | null = null;
    let used = 0;
    for (const word of paragraph.split(/ +/).filter((w) => w !== '')) {
      const size = displayWidth(word);
      if (line !== null && used + 1 + size <= width) {
        line = `${line} ${word}`;
        used += 1 + size;
        continue;
      }
      if (line !== null) lines.push(line);
      const [prefix, prefixWidth] = lead();
      if (prefixWidth + size <= width) {
        line = prefix + word;
        used = prefixWidth + size;
        continue;
      }
      const pieces = breakWord(word, Math.max(1, width - indentWidth));
      for (const piece of pieces.slice(0, -1)) lines.push(lead()[0] + piece);
      const last = pieces[pieces.length - 1];
      line = lead()[0] + last;
      used = lead()[1] + displayWidth(last);
    }
    lines.push(line ?? '');
  }
  return lines;
}

export type Align = 'left' | 'right';

/** One column of a borderless table. */
export interface LayoutColumn {
  /** The title on one line. */
  title: string;
  /** The title broken over lines (`\n`) for a narrow column. */
  narrowTitle?: string;
  align: Align;
}

/** A body row: the label (plain text) and the cells, each painted after it is padded. */
export interface LayoutRow {
  label: string;
  cells: string[];
  paint?: ((text: string) => string)[];
}

export interface TableLook {
  bold: (text: string) => string;
  dim: (text: string) => string;
}

const GAP = '  ';
/** Labels narrower than this are wrapped no further: the table is stacked instead. */
export const MIN_LABEL_WIDTH = 12;
/** A label that would take more lines than this: the table is stacked instead. */
export const MAX_LABEL_LINES = 4;

function titleLines(column: LayoutColumn, narrow: boolean): string[] {
  return (narrow && column.narrowTitle ? column.narrowTitle : column.title).split('\n');
}

function columnWidth(column: LayoutColumn, cells: string[], narrow: boolean): number {
  return Math.max(...cells.map(displayWidth), ...titleLines(column, narrow).map(displayWidth));
}

/**
 * How wide a borderless table would be: label column (unwrapped) plus each column and the gaps.
 * `narrow` uses the broken titles.
 *
 * @example
 * tableWidth({ title: 'Age band', align: 'left' }, [{ title: 'n', align: 'right' }],
 *   [{ label: '65+', cells: ['1,073'] }], false) // { label: 8, rest: 7 }
 */
export function tableWidth(
  label: LayoutColumn,
  columns: LayoutColumn[],
  rows: LayoutRow[],
  narrow: boolean,
): { label: number; rest: number } {
  const labelWidth = columnWidth(
    label,
    rows.map((row) => row.label),
    narrow,
  );
  const rest = columns.reduce(
    (sum, column, i) =>
      sum +
      GAP.length +
      columnWidth(
        column,
        rows.map((row) => row.cells[i]),
        narrow,
      ),
    0,
  );
  return { label: labelWidth, rest };
}

/**
 * A borderless table: titles (bottom-aligned, bold), a rule, then the rows; a label wider than
 * its column wraps onto further lines indented by one space. Null when it cannot fit `width`
 * with the label column at least MIN_LABEL_WIDTH wide and no label over MAX_LABEL_LINES lines.
 *
 * @example
 * compactTable({ title: 'Age band', align: 'left' }, [{ title: 'n', align: 'right' }],
 *   [{ label: '65+', cells: ['1,073'] }], 80, plainLook)
 * // ['Age band      n', '────────  ─────', '65+       1,073']
 */
export function compactTable(
  label: LayoutColumn,
  columns: LayoutColumn[],
  rows: LayoutRow[],
  width: number | undefined,
  look: TableLook,
): string[] | null {
  for (const narrow of [false, true]) {
    const size = tableWidth(label, columns, rows, narrow);
    if (width !== undefined && size.rest + size.label > width && !narrow) continue;
    let labelWidth = size.label;
    if (width !== undefined && size.rest + labelWidth > width) {
      labelWidth = width - size.rest;
      if (labelWidth < MIN_LABEL_WIDTH) return null;
      const tallest = Math.max(...rows.map((row) => wrapText(row.label, labelWidth, ' ').length));
      if (tallest > MAX_LABEL_LINES) return null;
    }
    return draw(label, columns, rows, labelWidth, narrow, look);
  }
  return null;
}

function pad(text: string, width: number, align: Align): string {
  const space = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + space : space + text;
}

function draw(
  label: LayoutColumn,
  columns: LayoutColumn[],
  rows: LayoutRow[],
  labelWidth: number,
  narrow: boolean,
  look: TableLook,
): string[] {
  const widths = columns.map((column, i) =>
    columnWidth(
      column,
      rows.map((row) => row.cells[i]),
      narrow,
    ),
  );
  const labelTitle = titleLines(label, labelWidth < displayWidth(label.title));
  const titles = [
    labelTitle.flatMap((line) => wrapText(line, labelWidth)),
    ...columns.map((column, i) =>
      titleLines(column, narrow && displayWidth(column.title) > widths[i]),
    ),
  ];
  const height = Math.max(...titles.map((lines) => lines.length));
  const allWidths = [labelWidth, ...widths];
  const aligns: Align[] = ['left', ...columns.map((column) => column.align)];
  const lines: string[] = [];
  for (let k = 0; k < height; k++) {
    const cells = titles.map((lines, c) => {
      const line = lines[k - (height - lines.length)] ?? '';
      const padded = pad(line, allWidths[c], aligns[c]);
      return line === '' ? padded : padded.replace(line, () => look.bold(line));
    });
    lines.push(cells.join(GAP).trimEnd());
  }
  lines.push(look.dim(allWidths.map((w) => '─'.repeat(w)).join(GAP)));
  for (const row of rows) {
    const labelLines = wrapText(row.label, labelWidth, ' ');
    const first = row.cells.map((cell, i) => {
      const padded = pad(cell, widths[i], columns[i].align);
      const paint = row.paint?.[i];
      return paint ? padded.replace(cell, () => paint(cell)) : padded;
    });
    lines.push([pad(labelLines[0], labelWidth, 'left'), ...first].join(GAP).trimEnd());
    for (const more of labelLines.slice(1)) lines.push(more);
  }
  return lines;
}

/**
 * The stacked layout, for when no table fits: one block per row, the label on its own line(s)
 * and then `title value` pairs flowed into lines no wider than `width`.
 *
 * @example
 * stackedBlocks([{ title: 'n', align: 'right' }], [{ label: '65+', cells: ['1,073'] }], 40, plainLook)
 * // ['65+', '  n 1,073']
 */
export function stackedBlocks(
  columns: LayoutColumn[],
  rows: LayoutRow[],
  width: number,
  look: TableLook,
): string[] {
  const lines: string[] = [];
  const indent = '  ';
  for (const row of rows) {
    lines.push(...wrapText(row.label, width, ' ').map(look.bold));
    let line = '';
    let plain = '';
    const flush = (): void => {
      if (plain !== '') lines.push(line);
      line = '';
      plain = '';
    };
    columns.forEach((column, i) => {
      const title = column.title;
      const item = `${title} ${row.cells[i]}`;
      const paint = row.paint?.[i];
      const painted = `${look.dim(title)} ${paint ? paint(row.cells[i]) : row.cells[i]}`;
      const candidate = plain === '' ? indent + item : `${plain}   ${item}`;
      if (displayWidth(candidate) <= width) {
        line = plain === '' ? indent + painted : `${line}   ${painted}`;
        plain = candidate;
        return;
      }
      flush();
      if (displayWidth(indent + item) <= width) {
        line = indent + painted;
        plain = indent + item;
        return;
      }
      // An item wider than the terminal: wrapped plain, without colour.
      for (const piece of wrapText(item, width - indent.length, '  ')) lines.push(indent + piece);
    });
    flush();
  }
  return lines;
}
