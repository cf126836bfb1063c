/**
 * .xlsx bytes -> rows of strings for the same ExportReader that reads CSV, so that every reading
 * rule (title rows, amounts, markers such as "n/a", dates) stays in one place. A workbook is a zip
 * of XML parts: the zip's central directory is read first (yauzl), then only the parts needed are
 * inflated and parsed as they stream (sax), so a sheet of a million rows is never held whole. The
 * shared-strings table is the one thing kept in memory, as Excel itself requires.
 *
 * What the reader hands on, cell by cell, is what Excel would write to a CSV, less the display
 * formatting: text as written; numbers in full (a currency format's `£` and commas are display
 * only); real dates (a number under a date format) as `YYYY-MM-DD`; TRUE/FALSE; errors as `#N/A`.
 */
import type Sax from 'sax';
import type Yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { RasgapError } from '../errors.js';
import type { ColumnOverrides } from './columns.js';
import { looksLikeHeader } from './columns.js';

let parsers: Promise<{ yauzl: typeof Yauzl; sax: typeof Sax }> | undefined;

/**
 * The zip and XML parsers, loaded with the first workbook: every file is sniffed here, and a CSV
 * never needs them (loading them took 20-40 ms of a 20,000-row CSV's run).
 */
function loadParsers(): Promise<{ yauzl: typeof Yauzl; sax: typeof Sax }> {
  parsers ??= Promise.all([import('yauzl'), import('sax')]).then(([zip, xml]) => ({
    yauzl: zip.default,
    sax: xml.default,
  }));
  return parsers;
}

/** What the first bytes of a file say it is. */
export type Container = 'zip' | 'ole2' | 'text';

/**
 * @example
 * sniffContainer(Buffer.from('PK\x03\x04')) // 'zip'
 * sniffContainer(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) // 'ole2'
 */
export function sniffContainer(head: Uint8Array): Container {
  // Local file header, or the end record of an empty archive.
  if (
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    (head[2] === 3 || head[2] === 5) &&
    head[3] === head[2] + 1
  ) {
    return 'zip';
  }
  const ole2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (ole2.every((byte, i) => head[i] === byte)) return 'ole2';
  return 'text';
}

/** Which sheet was read, and why: named by `--sheet`, or the first one with a header row. */
export interface SheetChoice {
  name: string;
  /** Every sheet in the workbook, in order. */
  names: string[];
  evidence: 'option' | 'first-with-header' | 'first-with-cells';
  /**
   * A later sheet that also has a header row and many more rows than the one read (not chosen by
   * --sheet): the one read may be a summary table, the people on this one.
   */
  larger?: string;
}

/** How many times as many rows (and at least how many more) make a later sheet "many more". */
const LARGER_FACTOR = 3;
const LARGER_MARGIN = 20;

/**
 * The warning for a sheet read when a later one looks more like the people, or none.
 *
 * @example
 * sheetWarnings('foi.xlsx', { name: 'Summary', names: ['Summary', 'Data'], evidence: 'first-with-header', larger: 'Data' })
 * // ['foi.xlsx: read sheet "Summary", the first with a header row; sheet "Data" also has ...']
 */
export function sheetWarnings(path: string, sheet: SheetChoice | null): string[] {
  if (!sheet?.larger) return [];
  return [
    `${path}: read sheet "${sheet.name}", the first with a header row; sheet "${sheet.larger}" also has a header row and many more rows: if the people are on "${sheet.larger}", pass --sheet ${JSON.stringify(sheet.larger)}`,
  ];
}

export interface WorkbookOptions {
  sheet?: string;
  /** Headers named by `--column`, so that the sheet with the header can be found. */
  columns?: ColumnOverrides;
}

/** Rows of a sheet looked at for a header when choosing the sheet (as the reader looks). */
const HEADER_SEARCH_ROWS = 50;
/** A used range wider than this is formatting, not data: rows are then padded as they come. */
const MAX_PADDED_WIDTH = 1024;
const SAVE_AS =
  'open it in Excel (or LibreOffice) and save it as .xlsx (Excel Workbook) or as CSV (UTF-8)';

/**
 * The sheet's rows as string fields, each with its sheet row number, padded to the sheet's width
 * as Excel pads a CSV; rows missing from the sheet come as blank records, so that row numbers and
 * blank lines are as in the CSV Excel would write.
 *
 * @example
 * const sheet = await streamWorkbookRows('foi.xlsx', {}, (fields, row) => reader.accept(fields, row));
 * await streamWorkbookRows({ path: 'upload.xlsx', book: bytes }, {}, onRow); // from memory
 * sheet.name // 'Data'
 */
export async function streamWorkbookRows(
  file: string | { path: string; book: Buffer },
  options: WorkbookOptions,
  onRecord: (fields: string[], row: number) => void,
): Promise<SheetChoice> {
  const book = await openWorkbook(file);
  try {
    const sheet = await book.chooseSheet(options);
    let rows = 0;
    await book.readSheet(sheet.entry, (fields, row) => {
      if (fields.some((field) => field.trim() !== '')) rows++;
      onRecord(fields, row);
      return true;
    });
    const larger =
      sheet.evidence === 'option' ? undefined : await book.largerSheet(sheet, rows, options);
    return {
      name: sheet.name,
      names: book.sheets.map((item) => item.name),
      evidence: sheet.evidence,
      ...(larger === undefined ? {} : { larger }),
    };
  } finally {
    book.close();
  }
}

/**
 * The one line for a file that is an old binary workbook (or a password-protected one, which
 * Excel also stores as OLE2).
 */
export function ole2Error(path: string): RasgapError {
  return new RasgapError(
    'NOT_A_WORKBOOK',
    'this is an old binary Excel workbook (.xls) or a password-protected one, which rasgap cannot read',
    { file: path, fix: `${SAVE_AS}, without a password` },
  );
}

interface SheetEntry {
  name: string;
  entry: Entry | undefined;
  hidden: boolean;
}

/** A workbook on disk by its path, or in memory (given as bytes or a stream) by its name. */
async function openWorkbook(file: string | { path: string; book: Buffer }): Promise<Workbook> {
  const path = typeof file === 'string' ? file : file.path;
  const { yauzl } = await loadParsers();
  let zip: ZipFile;
  try {
    zip =
      typeof file === 'string'
        ? await yauzl.openPromise(path, { lazyEntries: true, autoClose: false })
        : await yauzl.fromBufferPromise(file.book, { lazyEntries: true });
  } catch (error) {
    throw new RasgapError(
      'NOT_A_WORKBOOK',
      `the file starts as a zip archive (as .xlsx files do) but cannot be opened as one (${(error as Error).message})`,
      { file: path, fix: `check the file is complete, or ${SAVE_AS}` },
    );
  }
  const entries = new Map<string, Entry>();
  try {
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName.toLowerCase(), entry);
    const book = new Workbook(path, zip, entries);
    await book.load();
    return book;
  } catch (error) {
    zip.close();
    throw error instanceof RasgapError ? error : damaged(path, error);
  }
}

function damaged(path: string, error: unknown): RasgapError {
  return new RasgapError(
    'NOT_A_WORKBOOK',
    `the workbook cannot be read (${(error as Error).message.split('\n')[0]})`,
    { file: path, fix: SAVE_AS },
  );
}

class Workbook {
  sheets: SheetEntry[] = [];
  private sharedStrings: string[] = [];
  /** Per cell style (`s` attribute): whether its number format shows a date. */
  private dateStyles: boolean[] = [];
  private date1904 = false;
  /** Serial -> date text: exports repeat the same few thousand dates. */
  private readonly dates = new Map<string, string>();

  constructor(
    private readonly path: string,
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
  ) {}

  close(): void {
    this.zip.close();
  }

  async load(): Promise<void> {
    const rootRels = await this.relationships('_rels/.rels', '');
    const workbookPart =
      [...rootRels.values()].find((rel) => rel.type.endsWith('/officeDocument'))?.target ??
      'xl/workbook.xml';
    if (!this.entries.has(workbookPart.toLowerCase()) || /\.bin$/i.test(workbookPart)) {
      throw this.notAWorkbook();
    }
    const folder = workbookPart.includes('/')
      ? workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1)
      : '';
    const rels = await this.relationships(
      `${folder}_rels/${workbookPart.slice(folder.length)}.rels`,
      folder,
    );
    const sheets: { name: string; id: string; hidden: boolean }[] = [];
    await this.parsePart(workbookPart, {
      open: (name, attributes) => {
        if (name === 'sheet') {
          const id = Object.entries(attributes).find(([key]) => localName(key) === 'id')?.[1];
          sheets.push({
            name: attributes.name ?? '',
            id: id ?? '',
            hidden: attributes.state === 'hidden' || attributes.state === 'veryHidden',
          });
        } else if (name === 'workbookPr') {
          this.date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
        }
      },
    });
    this.sheets = sheets.map((sheet) => {
      const target = rels.get(sheet.id)?.target;
      return {
        name: sheet.name,
        hidden: sheet.hidden,
        entry: target === undefined ? undefined : this.entries.get(target.toLowerCase()),
      };
    });
    const partOf = (type: string, fallback: string): string =>
      [...rels.values()].find((rel) => rel.type.endsWith(type))?.target ?? fallback;
    await this.loadStyles(partOf('/styles', `${folder}styles.xml`));
    await this.loadSharedStrings(partOf('/sharedStrings', `${folder}sharedStrings.xml`));
  }

  /** A zip, but not a workbook: say what it is when that is clear. */
  private notAWorkbook(): RasgapError {
    const has = (name: string): boolean => this.entries.has(name);
    const what = has('xl/workbook.bin')
      ? 'an Excel binary workbook (.xlsb), which rasgap cannot read'
      : has('content.xml') && has('mimetype')
        ? 'an OpenDocument file (.ods or .odt), not an Excel workbook'
        : has('word/document.xml')
          ? 'a Word document (.docx), not a workbook'
          : has('ppt/presentation.xml')
            ? 'a PowerPoint file (.pptx), not a workbook'
            : 'a zip archive, not an Excel workbook (it has no xl/workbook.xml)';
    return new RasgapError('NOT_A_WORKBOOK', `this is ${what}`, {
      file: this.path,
      fix: what.startsWith('a zip archive')
        ? `if the export is inside, unzip it and pass that file; otherwise ${SAVE_AS}`
        : SAVE_AS,
    });
  }

  async chooseSheet(
    options: WorkbookOptions,
  ): Promise<SheetEntry & { entry: Entry; evidence: SheetChoice['evidence'] }> {
    const names = this.sheets.map((sheet) => `"${sheet.name}"`).join(', ');
    if (options.sheet !== undefined) {
      const wanted = options.sheet.trim();
      const sheet =
        this.sheets.find((item) => item.name === wanted) ??
        this.sheets.find((item) => item.name.trim().toLowerCase() === wanted.toLowerCase());
      if (sheet === undefined || sheet.entry === undefined) {
        throw new RasgapError(
          'SHEET_NOT_FOUND',
          `the workbook has no sheet "${wanted}"; its sheets are ${names}`,
          {
            file: this.path,
            fix: 'name one of them as its tab shows it, or leave out --sheet to read the first sheet with a header row',
          },
        );
      }
      return { ...sheet, entry: sheet.entry, evidence: 'option' };
    }
    // A notes or contents sheet often comes first: the data is on the first sheet with a header.
    let firstWithCells: (SheetEntry & { entry: Entry }) | null = null;
    for (const sheet of this.sheets) {
      if (sheet.hidden || sheet.entry === undefined) continue;
      const entry = sheet.entry;
      let rows = 0;
      let header = false;
      await this.readSheet(entry, (fields) => {
        if (fields.every((field) => field.trim() === '')) return true;
        rows++;
        if (looksLikeHeader(fields, options.columns)) header = true;
        return !header && rows < HEADER_SEARCH_ROWS;
      });
      if (header) return { ...sheet, entry, evidence: 'first-with-header' };
      if (rows > 0 && firstWithCells === null) firstWithCells = { ...sheet, entry };
    }
    if (firstWithCells !== null) return { ...firstWithCells, evidence: 'first-with-cells' };
    throw new RasgapError('EMPTY_FILE', `none of the workbook's sheets (${names}) has any cells`, {
      file: this.path,
      fix: 'check that this is the export you meant; it holds no data',
    });
  }

  /**
   * The first visible sheet after `read` with a header row and many more non-blank rows than
   * `rows` (the count of the sheet read); each is read only until that is known.
   */
  async largerSheet(
    read: SheetEntry,
    rows: number,
    options: WorkbookOptions,
  ): Promise<string | undefined> {
    const enough = Math.max(rows * LARGER_FACTOR, rows + LARGER_MARGIN);
    const at = this.sheets.findIndex((sheet) => sheet.name === read.name);
    for (const sheet of this.sheets.slice(at + 1)) {
      if (sheet.hidden || sheet.entry === undefined) continue;
      let count = 0;
      let header = false;
      await this.readSheet(sheet.entry, (fields) => {
        if (fields.every((field) => field.trim() === '')) return true;
        count++;
        if (!header && count <= HEADER_SEARCH_ROWS)
          header = looksLikeHeader(fields, options.columns);
        if (!header && count >= HEADER_SEARCH_ROWS) return false;
        return count <= enough;
      });
      if (header && count > enough) return sheet.name;
    }
    return undefined;
  }

  /**
   * Streams one sheet's rows to `onRow` until it returns false. Cells are placed by their
   * reference (`C7`), so empty cells Excel leaves out come back as empty strings.
   */
  async readSheet(entry: Entry, onRow: (fields: string[], row: number) => boolean): Promise<void> {
    let width = 0;
    let lastRow = 0;
    let row = 0;
    let cells: string[] = [];
    let column = 0;
    let type = '';
    let style = 0;
    let text = '';
    let inValue = false;
    let inInline = false;
    // A formula saved without its result (some writers do): its text, never a blank.
    let formula: string | null = null;
    let inFormula = false;
    let hasValue = false;
    let stopped = false;
    const emit = (fields: string[], number: number): void => {
      if (stopped) return;
      if (!onRow(fields, number)) stopped = true;
    };
    await this.parsePart(
      entry.fileName,
      {
        open: (name, attributes) => {
          switch (name) {
            case 'dimension': {
              // `A1:F120`: Excel's CSV pads every row to the used range's width.
              const last = /:?\$?([A-Z]+)\$?\d+$/.exec(attributes.ref ?? '');
              const columns = last ? columnIndex(last[1]) + 1 : 0;
              if (columns <= MAX_PADDED_WIDTH) width = Math.max(width, columns);
              break;
            }
            case 'row':
              row = attributes.r ? Number(attributes.r) : lastRow + 1;
              cells = [];
              column = 0;
              break;
            case 'c': {
              const reference = attributes.r ? /^\$?([A-Z]+)/.exec(attributes.r) : null;
              column = reference ? columnIndex(reference[1]) : column;
              type = attributes.t ?? 'n';
              style = attributes.s ? Number(attributes.s) : 0;
              text = '';
              formula = null;
              hasValue = false;
              break;
            }
            case 'v':
              inValue = true;
              hasValue = true;
              break;
            case 'f':
              inFormula = true;
              formula = '';
              break;
            case 'is':
              inInline = true;
              break;
          }
        },
        text: (value) => {
          if (inValue || inInline) text += value;
          else if (inFormula) formula += value;
        },
        close: (name) => {
          switch (name) {
            case 'v':
              inValue = false;
              break;
            case 'is':
              inInline = false;
              break;
            case 'f':
              inFormula = false;
              break;
            case 'c':
              while (cells.length < column) cells.push('');
              cells[column] =
                formula !== null && !hasValue && type !== 'inlineStr'
                  ? `=${formula || '(formula with no saved result)'}`
                  : this.cellText(type, style, text);
              column++;
              break;
            case 'row': {
              width = Math.max(width, cells.length);
              if (row > lastRow + 1) {
                // Rows Excel leaves out are empty: as in its CSV, a line of empty cells each.
                const blank: string[] = Array<string>(width).fill('');
                for (let gap = lastRow + 1; gap < row && !stopped; gap++) emit(blank, gap);
              }
              while (cells.length < width) cells.push('');
              emit(cells, row);
              lastRow = row;
              break;
            }
          }
        },
        done: () => stopped,
      },
      true,
    );
  }

  private cellText(type: string, style: number, raw: string): string {
    switch (type) {
      case 's':
        return this.sharedStrings[Number(raw)] ?? '';
      case 'inlineStr':
        return unescapeText(raw);
      case 'str':
      case 'e':
        return unescapeText(raw);
      case 'b':
        return raw === '1' ? 'TRUE' : raw === '0' ? 'FALSE' : raw;
      case 'd':
        // An ISO date-time written as such (Strict files, some writers): the date part.
        return raw.slice(0, 10);
      default: {
        const trimmed = raw.trim();
        if (trimmed === '') return '';
        if (this.dateStyles[style]) {
          let date = this.dates.get(trimmed);
          if (date === undefined) {
            const value = Number(trimmed);
            date = Number.isFinite(value) && value >= 1 ? isoDate(value, this.date1904) : '';
            if (this.dates.size < 100_000) this.dates.set(trimmed, date);
          }
          if (date !== '') return date;
        }
        // Most numbers are already as short as Excel shows them (`412.5`): keep the text.
        if (trimmed.length <= 15 && PLAIN_NUMBER.test(trimmed)) return trimmed;
        const value = Number(trimmed);
        return Number.isFinite(value) ? numberText(value) : trimmed;
      }
    }
  }

  private async loadStyles(part: string): Promise<void> {
    const formats = new Map<number, string>();
    const cellFormats: number[] = [];
    let inCellXfs = false;
    await this.parsePart(part, {
      open: (name, attributes) => {
        if (name === 'numFmt')
          formats.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) cellFormats.push(Number(attributes.numFmtId ?? 0));
      },
      close: (name) => {
        if (name === 'cellXfs') inCellXfs = false;
      },
    });
    this.dateStyles = cellFormats.map((id) => isDateFormat(id, formats.get(id)));
  }

  private async loadSharedStrings(part: string): Promise<void> {
    const strings: string[] = [];
    let current = '';
    let inText = false;
    let phonetic = 0;
    await this.parsePart(part, {
      open: (name) => {
        if (name === 'si') current = '';
        else if (name === 't') inText = true;
        else if (name === 'rPh') phonetic++;
      },
      text: (value) => {
        // Phonetic guides (rPh) are not part of the cell's text.
        if (inText && phonetic === 0) current += value;
      },
      close: (name) => {
        if (name === 't') inText = false;
        else if (name === 'rPh') phonetic--;
        else if (name === 'si') strings.push(unescapeText(current));
      },
    });
    this.sharedStrings = strings;
  }

  private async relationships(
    part: string,
    folder: string,
  ): Promise<Map<string, { type: string; target: string }>> {
    const found = new Map<string, { type: string; target: string }>();
    await this.parsePart(part, {
      open: (name, attributes) => {
        if (name !== 'Relationship' || attributes.TargetMode === 'External') return;
        found.set(attributes.Id ?? '', {
          type: attributes.Type ?? '',
          target: resolvePart(folder, attributes.Target ?? ''),
        });
      },
    });
    return found;
  }

  /** Streams one XML part through sax; a part that is not there is skipped unless `required`. */
  private async parsePart(
    part: string,
    handlers: {
      open?: (name: string, attributes: Record<string, string>) => void;
      text?: (text: string) => void;
      close?: (name: string) => void;
      done?: () => boolean;
    },
    required = false,
  ): Promise<void> {
    const entry = this.entries.get(part.toLowerCase());
    if (entry === undefined) {
      if (required) throw this.notAWorkbook();
      return;
    }
    const { sax } = await loadParsers();
    const parser = sax.parser(true, { position: false });
    parser.onopentag = (tag) => {
      handlers.open?.(localName(tag.name), tag.attributes as Record<string, string>);
    };
    if (handlers.text) {
      const onText = handlers.text;
      parser.ontext = onText;
      parser.oncdata = onText;
    }
    if (handlers.close) {
      const onClose = handlers.close;
      parser.onclosetag = (name) => onClose(localName(name));
    }
    let failure: Error | null = null;
    parser.onerror = (error) => {
      failure = error;
    };
    let stream;
    try {
      stream = await this.zip.openReadStreamPromise(entry);
    } catch (error) {
      throw damaged(this.path, error);
    }
    stream.setEncoding('utf8');
    const chunks = stream[Symbol.asyncIterator]();
    try {
      for (;;) {
        let next: IteratorResult<unknown>;
        try {
          next = await chunks.next();
        } catch (error) {
          // A zip stream error (bad checksum, truncated entry): the file is damaged.
          throw damaged(this.path, error);
        }
        if (next.done) break;
        // Errors from the handlers (the reader's own, with file and line) pass through as they are.
        parser.write(next.value as string);
        if (failure !== null) throw damaged(this.path, failure);
        if (handlers.done?.()) return;
      }
      parser.close();
      if (failure !== null) throw damaged(this.path, failure);
    } finally {
      stream.destroy();
    }
  }
}

/** Digits with an optional sign and fraction, without a leading zero or a trailing `.0`. */
const PLAIN_NUMBER = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/;

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** `xl/` + `worksheets/sheet1.xml`, or an absolute `/xl/...` target, with `..` resolved. */
function resolvePart(folder: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : folder + target).split('/');
  const resolved: string[] = [];
  for (const part of parts) {
    if (part === '..') resolved.pop();
    else if (part !== '.' && part !== '') resolved.push(part);
  }
  return resolved.join('/');
}

/** `A` -> 0, `Z` -> 25, `AA` -> 26. */
function columnIndex(letters: string): number {
  let index = 0;
  for (let i = 0; i < letters.length; i++) index = index * 26 + (letters.charCodeAt(i) - 64);
  return index - 1;
}

/** Excel escapes control characters in text as `_x000D_`. */
function unescapeText(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/**
 * A number as Excel shows it in General format: 15 significant digits, so that binary noise
 * (`5843.240000000001`) does not reach the reader.
 */
export function numberText(value: number): string {
  return String(Number(value.toPrecision(15)));
}

/** Built-in number formats that show a date (ECMA-376 18.8.30, with the East Asian ones). */
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/**
 * Whether a number format shows a date: a built-in date format, or a custom code with a day or
 * year part once quoted text, escapes, colours/locales and padding are taken out.
 *
 * @example
 * isDateFormat(164, 'dd/mm/yyyy')     // true
 * isDateFormat(165, '"£"#,##0.00')    // false
 */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (BUILT_IN_DATES.has(id)) return true;
  if (code === undefined) return false;
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/[_*]./g, '');
  return /[dy]/i.test(bare);
}

/** An Excel serial day as `YYYY-MM-DD` (the time of day dropped). */
function isoDate(serial: number, date1904: boolean): string {
  const whole = Math.floor(serial);
  // The 1900 system counts a 29 February 1900 that never was: serials before it are a day off.
  const days = date1904 ? whole - 24107 : whole < 61 ? whole - 25568 : whole - 25569;
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}
