/**
 * Where the table is and which rows are people: the one header finder and row classifier that both
 * the reader (analyse) and `inspect` run, so the two always agree on which line is the header,
 * which lines are blank, and which rows are layout (subtotals, group labels, repeated headers, a
 * table under the data) rather than people. It looks at the layout only; amounts and periods are
 * the reader's business.
 */
import { looksLikeHeader, type ColumnOverrides } from './columns.js';

/** Lines above the header searched for it before giving up. */
export const HEADER_SEARCH_LINES = 50;

/** Layout rows: excluded with their own reason, never read as people. */
export const LAYOUT_REASONS = [
  'total-row',
  'subtotal-row',
  'group-label-row',
  'repeated-header',
  'table-below-data',
] as const;
export type LayoutReason = (typeof LAYOUT_REASONS)[number];

/**
 * What a record is. `title` lines are above the header, `blank` lines (an empty line, or a
 * spreadsheet row of empty cells such as `,,,,`) are not rows; `data` rows are candidates for
 * people; the layout kinds are rows below the header that are not people.
 */
export type RowKind = 'title' | 'blank' | 'header' | 'data' | LayoutReason;

export interface ClassifiedRow {
  kind: RowKind;
  fields: string[];
  line: number;
  /** For layout rows: what identified it, for the exclusion's detail. */
  detail: string;
}

/**
 * A grand total: `Total`, `Grand total`, `Total (all clients)`, `Total for all clients`,
 * `Total for 2023/24`, `All client groups`, `Overall`, `Sum`.
 */
const GRAND_TOTAL =
  /^(grand\s+)?totals?\s*:?$|^grand\s+totals?\b|^totals?\s*[(:-]?\s*(all|overall|everyone)\b|^totals?\s+for\s+(all\b|the\s+(year|council|authority|period)\b|\d)|^all(\s+(clients?|client\s+groups?|groups?|people|service\s+users))?:?$|^overall$|^sum$/i;

/**
 * A subtotal: `Subtotal`, `Sub-total`, `Learning Disability Subtotal`, `Total for Mental
 * Health`, `Total LD`, `Learning Disability Support Total`.
 */
const SUBTOTAL = /^sub[\s-]?totals?\b|\bsub[\s-]?totals?\s*:?$|^totals?\b|\btotals?\s*:?$/i;

/** A person's id, not a label: a short code ending in digits (`F7`, `AB1234`). */
const ID_LIKE = /^[a-z]{0,4}[-_ ]?\d+$/i;

/**
 * The label of a total or subtotal row, with which it is, or null. Only the first non-blank cell
 * is looked at, and only when it is short, to keep the per-row cost tiny.
 *
 * @example
 * totalRowLabel(['Grand total', '', '5000'])              // { label: 'Grand total', kind: 'total-row' }
 * totalRowLabel(['', 'Learning Disability Subtotal', '']) // { label: ..., kind: 'subtotal-row' }
 * totalRowLabel(['Totally-7', 'LD', '100'])               // null
 */
export function totalRowLabel(
  fields: readonly string[],
): { label: string; kind: 'total-row' | 'subtotal-row' } | null {
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (field.length === 0) continue;
    if (field.length > 60) return null;
    const trimmed = field.trim();
    if (trimmed === '') continue;
    if (GRAND_TOTAL.test(trimmed)) return { label: trimmed, kind: 'total-row' };
    if (SUBTOTAL.test(trimmed)) return { label: trimmed, kind: 'subtotal-row' };
    return null;
  }
  return null;
}

/**
 * Whether a record holds nothing: an empty line, or a row of empty cells (Excel pads rows with
 * commas to the widest row).
 *
 * @example
 * isBlankRecord([',', '', ' '].slice(1)) // true
 */
export function isBlankRecord(fields: readonly string[]): boolean {
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (field.length > 0 && field.trim() !== '') return false;
  }
  return true;
}

/** The cells of a row, trimmed and lower-cased, without trailing empty cells: to compare headers. */
function headerKey(fields: readonly string[]): string {
  let end = fields.length;
  while (end > 0 && fields[end - 1].trim() === '') end--;
  return fields
    .slice(0, end)
    .map((field) => field.trim().toLowerCase())
    .join('\u0000');
}

/**
 * Finds the header and sorts every record of one file into the kinds above. Records go in with
 * `push` in file order; each comes out, classified, through `onRow`, in the same order. Lines above
 * the header are held until the header is known (at most HEADER_SEARCH_LINES of them).
 *
 * @example
 * const rows = new RowClassifier({}, (row) => console.log(row.line, row.kind));
 * rows.push(['Client ID', 'IB', 'PB'], 1); // 1 header
 * rows.push(['C1', '100', '110'], 2);      // 2 data
 * rows.finish();
 */
export class RowClassifier {
  /** The header row, once found. */
  header: { fields: string[]; line: number } | null = null;
  titleLines = 0;
  blankLines = 0;
  /** Non-blank records below the header: data and layout rows (the rows that are accounted for). */
  rowsRead = 0;
  private held: { fields: string[]; line: number; blank: boolean }[] = [];
  private candidate: { fields: string[]; line: number } | null = null;
  private searched = 0;
  private key = '';
  private firstHeaderCell = '';
  /** Whether the last record was blank: a title or header line after a gap starts a new table. */
  private afterBlank = false;
  /** The line a table under the data starts on, once one has. */
  private tableBelow = 0;
  /** A lone label after blank lines, until the next row says whether it heads people or a table. */
  private heldLabel: { fields: string[]; line: number; label: string } | null = null;
  /** The last people row, whose shape a row after a lone label is compared with. */
  private lastData: readonly string[] | null = null;

  constructor(
    private readonly overrides: ColumnOverrides,
    private readonly onRow: (row: ClassifiedRow) => void,
  ) {}

  /** Whether any non-blank line was seen while looking for the header. */
  get searchedAny(): boolean {
    return this.searched > 0;
  }

  push(fields: string[], line: number): void {
    if (this.header === null) {
      this.search(fields, line);
      return;
    }
    this.classify(fields, line);
  }

  /**
   * At the end of the file: with no header found, the first line of two or more fields is taken
   * as the header (the reader then says which columns it could not find).
   */
  finish(): void {
    if (this.header === null && this.candidate !== null) this.fallBack();
    this.flushHeld();
  }

  private search(fields: string[], line: number): void {
    if (isBlankRecord(fields)) {
      this.held.push({ fields, line, blank: true });
      return;
    }
    this.searched++;
    if (this.candidate === null && fields.filter((field) => field.trim() !== '').length >= 2) {
      this.candidate = { fields, line };
    }
    if (looksLikeHeader(fields, this.overrides)) {
      this.useHeader(fields, line, this.held);
      return;
    }
    this.held.push({ fields, line, blank: false });
    if (this.searched >= HEADER_SEARCH_LINES) this.fallBack();
  }

  private fallBack(): void {
    const candidate = this.candidate!;
    const held = this.held;
    const above = held.filter((row) => row.line < candidate.line);
    const below = held.filter((row) => row.line > candidate.line);
    this.useHeader(candidate.fields, candidate.line, above);
    for (const row of below) this.classify(row.fields, row.line);
  }

  private useHeader(
    fields: string[],
    line: number,
    above: { fields: string[]; line: number; blank: boolean }[],
  ): void {
    this.held = [];
    for (const row of above) {
      if (row.blank) this.blankLines++;
      else this.titleLines++;
      this.onRow({
        kind: row.blank ? 'blank' : 'title',
        fields: row.fields,
        line: row.line,
        detail: '',
      });
    }
    this.header = { fields, line };
    this.key = headerKey(fields);
    this.firstHeaderCell =
      fields
        .find((field) => field.trim() !== '')
        ?.trim()
        .toLowerCase() ?? '';
    this.onRow({ kind: 'header', fields, line, detail: '' });
  }

  private emit(kind: RowKind, fields: string[], line: number, detail: string): void {
    if (kind !== 'blank') this.rowsRead++;
    this.onRow({ kind, fields, line, detail });
  }

  private classify(fields: string[], line: number): void {
    if (isBlankRecord(fields)) {
      // A title then a blank line: the title heads whatever follows, not the people above.
      if (this.heldLabel !== null) this.startTable(this.heldLabel);
      this.blankLines++;
      this.afterBlank = true;
      this.emit('blank', fields, line, '');
      return;
    }
    const afterBlank = this.afterBlank;
    this.afterBlank = false;
    if (this.isRepeatedHeader(fields)) {
      if (this.heldLabel !== null) this.startTable(this.heldLabel);
      // The header again (a page break in the report it came from): the rows below it are the
      // same table, even after a table under the data.
      this.tableBelow = 0;
      this.emit('repeated-header', fields, line, `repeats the header on line ${this.header!.line}`);
      return;
    }
    if (this.tableBelow > 0) {
      this.emit(
        'table-below-data',
        fields,
        line,
        `in the table that starts on line ${this.tableBelow}`,
      );
      return;
    }
    const label = soleLabel(fields);
    const held = this.heldLabel;
    if (held !== null) {
      // A label after blank lines is a group heading if people's rows follow it, and the title
      // of a table under the data if anything else does.
      this.heldLabel = null;
      if (label === null && totalRowLabel(fields) === null && this.fitsData(fields)) {
        this.emit('group-label-row', held.fields, held.line, `"${held.label}"`);
      } else {
        this.startTable(held);
        this.emit(
          'table-below-data',
          fields,
          line,
          `in the table that starts on line ${held.line}`,
        );
        return;
      }
    }
    const total = totalRowLabel(fields);
    if (total !== null) {
      this.emit(total.kind, fields, line, `"${total.label}"`);
      return;
    }
    if (label !== null) {
      if (afterBlank) {
        this.heldLabel = { fields, line, label };
        return;
      }
      this.emit('group-label-row', fields, line, `"${label}"`);
      return;
    }
    if (afterBlank ? this.isHeaderLine(fields) : this.isNewHeader(fields)) {
      // Blank lines, then a header of its own (or a new header naming the amounts straight
      // under the data): a second table, such as a summary by group. Its rows are not people.
      this.tableBelow = line;
      this.emit('table-below-data', fields, line, 'a header line of another table');
      return;
    }
    this.lastData = fields;
    this.emit('data', fields, line, '');
  }

  /** Ends the file: a label held after blank lines with nothing after it is a closing note. */
  private flushHeld(): void {
    if (this.heldLabel !== null) this.startTable(this.heldLabel);
  }

  private startTable(held: { fields: string[]; line: number; label: string }): void {
    this.heldLabel = null;
    this.tableBelow = held.line;
    this.emit(
      'table-below-data',
      held.fields,
      held.line,
      `title "${held.label}" after a blank line`,
    );
  }

  /**
   * Whether a row has the shape of the last people row: at most one cell differs in being blank,
   * text, or holding a number. A summary row ("Learning Disability Support,2,300,300") puts its
   * numbers in other columns than a person's row, and a header line has none.
   */
  private fitsData(fields: readonly string[]): boolean {
    if (this.isHeaderLine(fields)) return false;
    const last = this.lastData;
    if (last === null) return true;
    const width = Math.max(fields.length, last.length);
    let differ = 0;
    for (let i = 0; i < width; i++) {
      const shape = i < fields.length ? cellShape(fields[i]) : 0;
      if (shape !== (i < last.length ? cellShape(last[i]) : 0)) differ++;
    }
    return differ <= 1;
  }

  private isRepeatedHeader(fields: readonly string[]): boolean {
    // The first non-blank cell is compared first, so a data row costs one comparison.
    let first = '';
    for (let i = 0; i < fields.length && first === ''; i++) {
      // Too short to be the header's first cell: not a header (no need to trim it).
      if (fields[i].length === 0) continue;
      if (fields[i].length < this.firstHeaderCell.length) return false;
      first = fields[i].trim();
    }
    if (first.length !== this.firstHeaderCell.length) return false;
    if (first.toLowerCase() !== this.firstHeaderCell) return false;
    return headerKey(fields) === this.key;
  }

  /**
   * A header line: two or more cells, none with a digit (people's rows have amounts and ids), or
   * one that names the amounts.
   */
  private isHeaderLine(fields: readonly string[]): boolean {
    let cells = 0;
    for (const field of fields) {
      const trimmed = field.trim();
      if (trimmed === '') continue;
      if (/\d/.test(trimmed)) return looksLikeHeader(fields, this.overrides);
      cells++;
    }
    return cells >= 2;
  }

  /** A different header naming both amounts, directly under the data (no blank line between). */
  private isNewHeader(fields: readonly string[]): boolean {
    // Cheap test first: a people row has a digit somewhere in its first cells.
    for (let i = 0; i < fields.length; i++) if (/\d/.test(fields[i])) return false;
    return looksLikeHeader(fields, this.overrides);
  }
}

/** 0 for a blank cell, 1 for text, 2 for a cell with a digit in it. */
function cellShape(field: string): number {
  const trimmed = field.trim();
  return trimmed === '' ? 0 : /\d/.test(trimmed) ? 2 : 1;
}

/**
 * The text of a row whose only non-blank cell is a label (a group heading such as "Learning
 * Disability Support", or a title), or null. A person's id alone is not a label.
 */
function soleLabel(fields: readonly string[]): string | null {
  let label: string | null = null;
  for (const field of fields) {
    const trimmed = field.trim();
    if (trimmed === '') continue;
    if (label !== null) return null;
    label = trimmed;
  }
  if (label === null || !/[a-z]{2}/i.test(label) || ID_LIKE.test(label)) return null;
  return label;
}

/**
 * What to do about each layout, for `inspect`: rasgap leaves these rows out by itself, so the fix
 * says when that is right and what to change in the file when it is not.
 */
export const LAYOUT_FIXES: Record<LayoutReason, string> = {
  'total-row':
    'nothing to do: totals are left out; if a listed line is a person, change the label in its first cell',
  'subtotal-row':
    'nothing to do: subtotals are left out, so no group is counted twice; if a listed line is a person, change the label in its first cell',
  'group-label-row':
    'nothing to do for the overall figures; the label is not carried to the rows under it, so for a breakdown by group give each row its group in a Client Group column',
  'repeated-header': 'nothing to do: the rows under a repeated header are read as the same table',
  'table-below-data':
    'nothing to do if these lines are a summary or notes; if they are people, delete the blank lines and the title or header line above them so they join the table',
};
