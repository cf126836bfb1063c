// A minimal .xlsx writer for the reader's tests: parts written by hand and zipped
// (fixtures/zip.mjs), so that each test can hold exactly the XML it is about (prefixed names,
// inline strings, 1904 dates, rows without references...), which a spreadsheet writer would not
// produce on demand.
import { zip } from '../../fixtures/zip.mjs';

export { zip };

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface SheetPart {
  name: string;
  /** The `<sheetData>` content (or the whole worksheet when `whole` is set). */
  xml: string;
  hidden?: boolean;
  whole?: boolean;
}

/**
 * The parts of a workbook with these sheets, shared strings and cell formats (`numFmtId`s, with
 * custom codes from 164 up).
 */
export function workbookParts(
  sheets: SheetPart[],
  options: {
    strings?: string;
    formats?: string[];
    cellFormats?: number[];
    date1904?: boolean;
  } = {},
): Record<string, string> {
  const parts: Record<string, string> = {
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types/>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${options.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${sheets
      .map(
        (sheet, i) =>
          `<sheet name="${sheet.name}" sheetId="${i + 1}"${sheet.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`,
      )
      .join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join(
        '',
      )}<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml"/><Relationship Id="rIdT" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><numFmts>${(
      options.formats ?? []
    )
      .map(
        (code, i) =>
          `<numFmt numFmtId="${164 + i}" formatCode="${code.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"/>`,
      )
      .join(
        '',
      )}</numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/>${(
      options.cellFormats ?? []
    )
      .map((id) => `<xf numFmtId="${id}" applyNumberFormat="1"/>`)
      .join('')}</cellXfs></styleSheet>`,
    'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">${options.strings ?? ''}</sst>`,
  };
  sheets.forEach((sheet, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] = sheet.whole
      ? sheet.xml
      : `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${sheet.xml}</sheetData></worksheet>`;
  });
  return parts;
}

/** `<row>` of inline-string cells, A, B, C... */
export function textRow(row: number, cells: string[]): string {
  const letters = 'ABCDEFGHIJ';
  return `<row r="${row}">${cells
    .map((text, i) => `<c r="${letters[i]}${row}" t="inlineStr"><is><t>${text}</t></is></c>`)
    .join('')}</row>`;
}
