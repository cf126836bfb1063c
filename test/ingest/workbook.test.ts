import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RasgapError } from '../../src/errors.js';
import { readExports } from '../../src/ingest/read.js';
import {
  isDateFormat,
  numberText,
  sniffContainer,
  streamWorkbookRows,
  type WorkbookOptions,
} from '../../src/ingest/workbook.js';
import { textRow, workbookParts, zip, type SheetPart } from './zip.js';

let dir: string;
let count = 0;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasgap-workbook-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(content: Buffer, name = `book-${++count}.xlsx`): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function rows(
  file: string,
  options: WorkbookOptions = {},
): Promise<{ sheet: Awaited<ReturnType<typeof streamWorkbookRows>>; rows: [number, string[]][] }> {
  const found: [number, string[]][] = [];
  const sheet = await streamWorkbookRows(file, options, (fields, row) =>
    found.push([row, [...fields]]),
  );
  return { sheet, rows: found };
}

async function failure(promise: Promise<unknown>): Promise<RasgapError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RasgapError);
    return error as RasgapError;
  }
  throw new Error('expected a RasgapError');
}

const HEADER = ['Client ID', 'Indicative Budget (weekly)', 'Actual Budget (weekly)'];

describe('sniffContainer', () => {
  it('knows a zip, an empty zip, an OLE2 compound file and text by their first bytes', () => {
    expect(sniffContainer(Buffer.from('PK\x03\x04rest'))).toBe('zip');
    expect(sniffContainer(Buffer.from('PK\x05\x06'))).toBe('zip');
    expect(sniffContainer(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBe(
      'ole2',
    );
    expect(sniffContainer(Buffer.from('Person ID,Indicative Budget\n'))).toBe('text');
    // A CSV whose first header happens to start with "PK" is text.
    expect(sniffContainer(Buffer.from('PK,Indicative Budget,Actual Budget\n'))).toBe('text');
    expect(sniffContainer(Buffer.from([0xd0, 0xcf, 0x11]))).toBe('text');
  });
});

describe('isDateFormat', () => {
  it('takes the built-in date formats and custom codes with a day or year part as dates', () => {
    for (const id of [14, 15, 16, 17, 22]) expect(isDateFormat(id, undefined)).toBe(true);
    expect(isDateFormat(164, 'dd/mm/yyyy')).toBe(true);
    expect(isDateFormat(165, 'd mmm yy')).toBe(true);
    expect(isDateFormat(166, '[$-809]dd mmmm yyyy;@')).toBe(true);
    expect(isDateFormat(167, 'yyyy-mm-dd hh:mm')).toBe(true);
  });

  it('does not take numbers, currencies, accounting, text or times as dates', () => {
    for (const id of [0, 1, 2, 3, 4, 44, 49]) expect(isDateFormat(id, undefined)).toBe(false);
    expect(isDateFormat(164, '"£"#,##0.00')).toBe(false);
    expect(isDateFormat(165, '[$£-809]#,##0.00;[Red]-[$£-809]#,##0.00')).toBe(false);
    expect(isDateFormat(166, '_-£* #,##0.00_-;\\-£* #,##0.00_-;_-£* "-"??_-;_-@_-')).toBe(false);
    expect(isDateFormat(167, 'h:mm')).toBe(false);
    expect(isDateFormat(168, '"Days: "0')).toBe(false);
    expect(isDateFormat(169, 'General')).toBe(false);
  });
});

describe('numberText', () => {
  it('shows a number as Excel does in General format, without binary noise', () => {
    expect(numberText((183.3 * 3) / 3)).toBe('183.3');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(1234.56)).toBe('1234.56');
    expect(numberText(-12)).toBe('-12');
    expect(numberText(5843.240000000001)).toBe('5843.24');
  });
});

describe('streamWorkbookRows on fixtures/foi-workbook.xlsx', () => {
  it('skips the notes sheet and reads the Data sheet row by row', async () => {
    const { sheet, rows: found } = await rows('fixtures/foi-workbook.xlsx');
    expect(sheet).toEqual({
      name: 'Data',
      names: ['Notes', 'Data', 'Summary'],
      evidence: 'first-with-header',
    });
    // Every sheet row, numbered as in Excel, including the blank ones.
    expect(found.map(([row]) => row)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    // The writer states no used range, so rows are padded to the widest row so far (Excel
    // states it; see the hand-written sheets below): the title rows are one cell wide.
    expect(found.map(([, fields]) => fields.length)).toEqual([1, 1, 1, ...Array(19).fill(6)]);
    const byRow = new Map(found);
    expect(byRow.get(1)?.[0]).toBe(
      'Adult social care: indicative and actual personal budgets, 2023-24',
    );
    expect(byRow.get(3)).toEqual(['']);
    expect(byRow.get(21)).toEqual(['', '', '', '', '', '']);
    expect(byRow.get(4)).toEqual([
      'Client ID',
      'Primary Support Reason',
      'Age',
      'Indicative Budget (weekly)',
      'Actual Budget (weekly)',
      'Date Agreed',
    ]);
    // Currency-formatted numbers in full, real dates as ISO dates, ages as numbers.
    expect(byRow.get(5)).toEqual([
      'P01',
      'Learning Disability Support',
      '34',
      '412.5',
      '455',
      '2023-04-03',
    ]);
    expect(byRow.get(9)?.[4]).toBe('n/a');
    expect(byRow.get(14)?.[3]).toBe('[c]');
    expect(byRow.get(15)?.[3]).toBe('');
    // Text typed into cells stays as typed.
    expect(byRow.get(16)?.slice(3)).toEqual(['£345.00', '330', '27/06/2023']);
    // A formula's binary noise does not reach the reader.
    expect(byRow.get(18)?.[3]).toBe('183.3');
    expect(byRow.get(22)).toEqual(['Total', '', '', '5183.57', '6036.03', '']);
  });

  it('reads the sheet --sheet names, in any case', async () => {
    const { sheet, rows: found } = await rows('fixtures/foi-workbook.xlsx', { sheet: 'summary' });
    expect(sheet).toMatchObject({ name: 'Summary', evidence: 'option' });
    expect(found).toEqual([
      [1, ['Primary Support Reason', 'People']],
      [2, ['Learning Disability Support', '5']],
      [3, ['Mental Health Support', '3']],
    ]);
  });

  it('refuses a sheet the workbook does not have, listing the ones it has', async () => {
    const error = await failure(rows('fixtures/foi-workbook.xlsx', { sheet: 'Table 2' }));
    expect(error.code).toBe('SHEET_NOT_FOUND');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      'the workbook has no sheet "Table 2"; its sheets are "Notes", "Data", "Summary"',
    );
  });
});

describe('streamWorkbookRows on hand-written XML', () => {
  const book = (sheets: SheetPart[], options = {}, deflate = false): string =>
    write(zip(workbookParts(sheets, options), deflate));

  it('reads shared strings (rich runs, phonetic guides, escapes), inline strings, booleans, errors and formula text', async () => {
    const strings =
      '<si><t>Client ID</t></si>' +
      '<si><r><t>Indicative Budget </t></r><r><rPr><b/></rPr><t xml:space="preserve">(weekly)</t></r></si>' +
      '<si><t>Actual Budget (weekly)</t><rPh sb="0" eb="1"><t>ignored</t></rPh></si>' +
      '<si><t>Line_x000D_break &amp; more</t></si>';
    const file = book(
      [
        {
          name: 'Data',
          xml:
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
            '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#N/A</v></c>' +
            '<c r="D2" t="str"><f>A2&amp;"x"</f><v>formula text</v></c><c r="E2" t="d"><v>2024-03-31T00:00:00</v></c></row>',
        },
      ],
      { strings },
      true,
    );
    const { rows: found } = await rows(file);
    expect(found).toEqual([
      [1, [...HEADER]],
      [2, ['Line\rbreak & more', 'TRUE', '#N/A', 'formula text', '2024-03-31']],
    ]);
  });

  it('gives a formula saved without its result as the formula, not as a blank', async () => {
    const file = book([
      {
        name: 'Data',
        xml:
          textRow(1, HEADER) +
          '<row r="2"><c r="A2" t="inlineStr"><is><t>C1</t></is></c><c r="B2"><v>100</v></c><c r="C2"><f>B2*1.1</f></c></row>' +
          '<row r="3"><c r="A3" t="inlineStr"><is><t>C2</t></is></c><c r="B3"><f>B2</f><v>100</v></c><c r="C3"><f t="shared" si="0"/></c></row>',
      },
    ]);
    const { rows: found } = await rows(file);
    expect(found.slice(1)).toEqual([
      [2, ['C1', '100', '=B2*1.1']],
      [3, ['C2', '100', '=(formula with no saved result)']],
    ]);
  });

  it('reads a worksheet written with a namespace prefix and without row or cell references', async () => {
    const file = book([
      {
        name: 'Data',
        whole: true,
        xml:
          '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
          '<x:row><x:c t="inlineStr"><x:is><x:t>Client ID</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Indicative Budget (weekly)</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Actual Budget (weekly)</x:t></x:is></x:c></x:row>' +
          '<x:row><x:c t="inlineStr"><x:is><x:t>C1</x:t></x:is></x:c><x:c><x:v>100</x:v></x:c><x:c><x:v>110.5</x:v></x:c></x:row>' +
          '</x:sheetData></x:worksheet>',
      },
    ]);
    const { rows: found } = await rows(file);
    expect(found).toEqual([
      [1, [...HEADER]],
      [2, ['C1', '100', '110.5']],
    ]);
  });

  it('turns serial numbers under date formats into dates, in the 1900 and the 1904 systems', async () => {
    // Style 1: built-in 14 (d/m/yyyy); style 2: custom dd/mm/yyyy; style 3: a £ format.
    const sheet = (name: string): SheetPart => ({
      name,
      xml:
        textRow(1, ['Date Agreed', 'Other date', 'Amount', 'Early']) +
        '<row r="2"><c r="A2" s="1"><v>45382</v></c><c r="B2" s="2"><v>45017.75</v></c><c r="C2" s="3"><v>45382</v></c><c r="D2" s="1"><v>59</v></c></row>',
    });
    const formats = { formats: ['dd/mm/yyyy', '"£"#,##0.00'], cellFormats: [14, 164, 165] };
    const in1900 = await rows(book([sheet('A')], formats));
    // 45382 is 31/03/2024; 45017 is 01/04/2023 (the time of day dropped); 59 is 28/02/1900.
    expect(in1900.rows[1]).toEqual([2, ['2024-03-31', '2023-04-01', '45382', '1900-02-28']]);
    const in1904 = await rows(book([sheet('A')], { ...formats, date1904: true }));
    // The same serial is 1,462 days later in the 1904 system.
    expect(in1904.rows[1][1].slice(0, 2)).toEqual(['2028-04-01', '2027-04-02']);
  });

  it('pads rows to the used range and gives rows Excel left out as empty rows', async () => {
    const file = book([
      {
        name: 'Data',
        whole: true,
        xml:
          '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D6"/><sheetData>' +
          textRow(1, ['Budgets 2023-24']) +
          textRow(3, HEADER) +
          '<row r="6"><c r="A6" t="inlineStr"><is><t>C1</t></is></c><c r="C6"><v>7</v></c></row>' +
          '</sheetData></worksheet>',
      },
    ]);
    const { rows: found } = await rows(file);
    expect(found).toEqual([
      [1, ['Budgets 2023-24', '', '', '']],
      [2, ['', '', '', '']],
      [3, [...HEADER, '']],
      [4, ['', '', '', '']],
      [5, ['', '', '', '']],
      [6, ['C1', '', '7', '']],
    ]);
  });

  it('chooses the first visible sheet with a header row, or with --column, the named headers', async () => {
    const notes: SheetPart = { name: 'Contents', xml: textRow(1, ['Table 1', 'Budgets']) };
    const hidden: SheetPart = { name: 'Lookup', hidden: true, xml: textRow(1, HEADER) };
    const data: SheetPart = {
      name: 'Table 1',
      xml: textRow(1, ['Ref', 'Plan £', 'Cost £']) + textRow(2, ['C1', '1', '2']),
    };
    const file = book([notes, hidden, data]);
    // Without --column no sheet has a recognised header ("Plan" and "Cost" name no role): the
    // first with cells, as the reader would then say.
    expect((await rows(file)).sheet).toMatchObject({
      name: 'Contents',
      evidence: 'first-with-cells',
    });
    const named = await rows(file, { columns: { indicative: 'Plan £', actual: 'Cost £' } });
    expect(named.sheet).toMatchObject({ name: 'Table 1', evidence: 'first-with-header' });
    expect(named.rows).toHaveLength(2);
    // A hidden sheet is read only when named.
    expect((await rows(file, { sheet: 'Lookup' })).rows).toEqual([[1, [...HEADER]]]);
  });

  // Was a bug: a Summary sheet of group totals first was read as people, without a word.
  it('warns when a later sheet also has a header row and many more rows', async () => {
    const summaryRows = ['Learning Disability', 'Mental Health', 'Older People'].map((group, i) =>
      textRow(i + 2, [group, '20', '1000', '1100']),
    );
    const summary: SheetPart = {
      name: 'Summary',
      xml:
        textRow(1, [
          'Client Group',
          'Number of people',
          'Indicative Budget (annual)',
          'Actual Budget (annual)',
        ]) + summaryRows.join(''),
    };
    const people = (n: number): SheetPart => ({
      name: 'Data',
      xml:
        textRow(1, HEADER) +
        Array.from({ length: n }, (_, i) => textRow(i + 2, [`C${i}`, '100', '90'])).join(''),
    });
    const file = book([summary, people(60)]);
    const read = await rows(file);
    // The choice is as before (the first sheet with a header row); the warning names the other.
    expect(read.sheet).toMatchObject({ name: 'Summary', larger: 'Data' });
    const { inputs } = await readExports([file]);
    expect(inputs[0].warnings?.map((item) => item.parts.join(''))).toContainEqual(
      `${file}: read sheet "Summary", the first with a header row; sheet "Data" also has a header row and many more rows: if the people are on "Data", pass --sheet "Data"`,
    );
    // Not when the other sheet is about as long, nor when --sheet chose.
    expect((await rows(book([summary, people(6)]))).sheet.larger).toBeUndefined();
    expect((await rows(file, { sheet: 'Summary' })).sheet.larger).toBeUndefined();
  });

  it('stops at the first row the reader refuses, with that error', async () => {
    const file = book([{ name: 'Data', xml: textRow(1, HEADER) + textRow(2, ['C1', '1', '2']) }]);
    const error = new RasgapError('NO_HEADER', 'stop here', { line: 2 });
    await expect(
      streamWorkbookRows(file, {}, (_, row) => {
        if (row === 2) throw error;
      }),
    ).rejects.toBe(error);
  });
});

describe('files that are not workbooks', () => {
  it('names a zip that is not a workbook, an OpenDocument file and an .xlsb, with what to do', async () => {
    const zipped = await failure(rows('fixtures/zipped-export.zip'));
    expect(zipped.code).toBe('NOT_A_WORKBOOK');
    expect(zipped.exitCode).toBe(2);
    expect(zipped.message).toBe(
      'this is a zip archive, not an Excel workbook (it has no xl/workbook.xml)',
    );
    expect(zipped.fix).toMatch(/unzip it .*save it as \.xlsx .* or as CSV/);
    const ods = write(
      zip({
        mimetype: 'application/vnd.oasis.opendocument.spreadsheet',
        'content.xml': '<office:document-content/>',
      }),
      'sheet.ods',
    );
    const error = await failure(rows(ods));
    expect(error.message).toBe(
      'this is an OpenDocument file (.ods or .odt), not an Excel workbook',
    );
    expect(error.fix).toMatch(/save it as \.xlsx/);
    const xlsb = write(
      zip({
        '_rels/.rels':
          '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>',
        'xl/workbook.bin': Buffer.from([0x83, 0x01, 0x00]),
      }),
      'book.xlsb',
    );
    const binary = await failure(rows(xlsb));
    expect(binary.message).toBe(
      'this is an Excel binary workbook (.xlsb), which rasgap cannot read',
    );
    expect(binary.fix).toMatch(/^open it in Excel .*save it as \.xlsx/);
  });

  it('names a damaged workbook: cut short, a corrupt part, XML that does not parse', async () => {
    const whole = fs.readFileSync('fixtures/foi-workbook.xlsx');
    const cut = await failure(rows(write(whole.subarray(0, 3000))));
    expect(cut.code).toBe('NOT_A_WORKBOOK');
    expect(cut.message).toMatch(/^the file starts as a zip archive .* but cannot be opened as one/);

    const parts = workbookParts([
      { name: 'Data', xml: textRow(1, HEADER) + textRow(2, ['C1', '100', '110']) },
    ]);
    const deflated = zip(parts, true);
    // Flip bytes inside the sheet's compressed data: its checksum (or inflating) fails.
    const at = deflated.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 30;
    for (let i = at; i < at + 8; i++) deflated[i] ^= 0xff;
    const corrupt = await failure(rows(write(deflated)));
    expect(corrupt.code).toBe('NOT_A_WORKBOOK');
    expect(corrupt.message).toMatch(/^the workbook cannot be read/);

    const broken = await failure(
      rows(
        write(zip(workbookParts([{ name: 'Data', xml: '<row r="1"><c r="A1"><v>1</v></row>' }]))),
      ),
    );
    expect(broken.code).toBe('NOT_A_WORKBOOK');
    expect(broken.message).toMatch(/^the workbook cannot be read \(/);
  });

  it('says so when no sheet has any cells', async () => {
    const error = await failure(rows(write(zip(workbookParts([{ name: 'Sheet1', xml: '' }])))));
    expect(error.code).toBe('EMPTY_FILE');
    expect(error.message).toBe('none of the workbook\'s sheets ("Sheet1") has any cells');
  });
});

describe('readExports: a workbook is known by its content, not its name', () => {
  it('reads a workbook saved with a .csv name as the workbook it is', async () => {
    const file = write(fs.readFileSync('fixtures/foi-workbook.xlsx'), 'release.csv');
    const { inputs, ledger, table } = await readExports([file]);
    expect(inputs[0]).toMatchObject({
      format: 'xlsx',
      encoding: null,
      delimiter: null,
      sheet: { name: 'Data' },
      titleLines: 2,
      rowsRead: 17,
    });
    expect(inputs[0].header.line).toBe(4);
    // Line numbers are sheet rows.
    expect([...table.line].slice(0, 3)).toEqual([5, 6, 7]);
    expect(ledger.entries.map((entry) => [entry.line, entry.reason])).toEqual([
      [9, 'suppressed-value'],
      [14, 'suppressed-value'],
      [15, 'missing-value'],
      [22, 'total-row'],
    ]);
  });

  it('refuses an old binary workbook whatever its name, and never reads it as text', async () => {
    const file = write(fs.readFileSync('fixtures/old-binary.xls'), 'export.csv');
    const error = await failure(readExports([file]));
    expect(error.code).toBe('NOT_A_WORKBOOK');
    expect(error.file).toBe(file);
    expect(error.message).toBe(
      'this is an old binary Excel workbook (.xls) or a password-protected one, which rasgap cannot read',
    );
    expect(error.fix).toMatch(/save it as \.xlsx .* or as CSV/);
  });

  it('says which sheet has no header, and not to change the delimiter', async () => {
    const error = await failure(readExports(['fixtures/foi-workbook.xlsx'], { sheet: 'Notes' }));
    expect(error.code).toBe('NO_HEADER');
    expect(error.message).toBe('no row of the sheet "Notes" has two or more cells');
    expect(error.fix).toMatch(/--sheet NAME/);
  });

  it('leaves text files alone when --sheet is given (for pooled workbooks and CSVs)', async () => {
    const { inputs } = await readExports(['fixtures/foi-workbook.csv'], { sheet: 'Data' });
    expect(inputs[0]).toMatchObject({ format: 'text', sheet: null, rowsRead: 17 });
  });
});
