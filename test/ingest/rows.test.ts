import { describe, expect, it } from 'vitest';
import { RowClassifier, totalRowLabel, type RowKind } from '../../src/ingest/rows.js';

const HEADER = 'Client ID,Client Group,Age,Indicative Budget (weekly),Actual Budget (weekly)';

/** Classifies comma-split lines numbered from 1; returns `line kind` for each record. */
function kinds(lines: string[]): string[] {
  const out: { line: number; kind: RowKind }[] = [];
  const rows = new RowClassifier({}, (row) => out.push({ line: row.line, kind: row.kind }));
  lines.forEach((text, i) => rows.push(text.split(','), i + 1));
  rows.finish();
  return out.sort((a, b) => a.line - b.line).map((row) => `${row.line} ${row.kind}`);
}

describe('totalRowLabel', () => {
  it.each([
    ['Total', 'total-row'],
    ['Grand Total', 'total-row'],
    ['Total (all clients)', 'total-row'],
    ['Total for all clients', 'total-row'],
    ['Total for 2023/24', 'total-row'],
    ['All client groups', 'total-row'],
    ['Subtotal', 'subtotal-row'],
    ['Sub-total', 'subtotal-row'],
    ['Sub total:', 'subtotal-row'],
    ['Learning Disability Subtotal', 'subtotal-row'],
    ['Learning Disability Support Total', 'subtotal-row'],
    ['Total for Mental Health', 'subtotal-row'],
    ['Total LD', 'subtotal-row'],
  ])('%j is a %s', (label, kind) => {
    expect(totalRowLabel(['', label, '', '100'])).toEqual({ label, kind });
  });

  it.each(['Totally-7', 'P1', 'Learning Disability Support', 'Totalcare Ltd'])(
    '%j is not a total',
    (label) => expect(totalRowLabel([label, 'Total', '100'])).toBeNull(),
  );
});

describe('RowClassifier', () => {
  it('finds the header below title lines; blank and padding lines are not rows', () => {
    const rows = new RowClassifier({}, () => {});
    ['Budgets 2023/24', '', HEADER, 'C1,LD,30,100,110', ',,,,', 'C2,MH,70,90,80'].forEach(
      (text, i) => rows.push(text.split(','), i + 1),
    );
    rows.finish();
    expect(rows.header?.line).toBe(3);
    expect([rows.titleLines, rows.blankLines, rows.rowsRead]).toEqual([1, 2, 2]);
  });

  it('group labels, subtotals, a repeated header and the grand total are not people', () => {
    expect(
      kinds([
        HEADER,
        'Learning Disability Support,,,,',
        'C1,Learning Disability Support,30,100,110',
        'Learning Disability Subtotal,,,100,110',
        HEADER,
        'Mental Health Support',
        'C2,Mental Health Support,70,90,80',
        'Total for Mental Health,,,90,80',
        'Total,,,190,190',
      ]),
    ).toEqual([
      '1 header',
      '2 group-label-row',
      '3 data',
      '4 subtotal-row',
      '5 repeated-header',
      '6 group-label-row',
      '7 data',
      '8 subtotal-row',
      '9 total-row',
    ]);
  });

  it('a label after a blank line heads people when a row like theirs follows it', () => {
    expect(
      kinds([
        HEADER,
        'C1,Learning Disability Support,30,100,110',
        '',
        'Mental Health Support',
        'C2,Mental Health Support,,90,80',
      ]),
    ).toEqual(['1 header', '2 data', '3 blank', '4 group-label-row', '5 data']);
  });

  it('a title and a table after blank lines are a table under the data, to the end', () => {
    expect(
      kinds([
        HEADER,
        'C1,Learning Disability Support,30,100,110',
        ',,,,',
        'Summary by client group,,,,',
        'Client Group,People,Indicative,Actual,',
        'Learning Disability Support,1,100,110,',
        'Total,1,100,110,',
        '',
        'Source: council records',
      ]),
    ).toEqual([
      '1 header',
      '2 data',
      '3 blank',
      '4 table-below-data',
      '5 table-below-data',
      '6 table-below-data',
      '7 table-below-data',
      '8 blank',
      '9 table-below-data',
    ]);
  });

  it('a header line of its own after a blank line starts a table; a repeat of the header does not', () => {
    expect(
      kinds([
        HEADER,
        'C1,LD,30,100,110',
        '',
        'Age Band,People,Median gap',
        '18-64,1,10',
        '',
        HEADER,
        'C2,MH,70,90,80',
      ]),
    ).toEqual([
      '1 header',
      '2 data',
      '3 blank',
      '4 table-below-data',
      '5 table-below-data',
      '6 blank',
      '7 repeated-header',
      '8 data',
    ]);
  });

  it('a person after a blank line is still a person; a lone id is not a label', () => {
    expect(kinds([HEADER, 'C1,LD,30,100,110', '', 'C2,MH,70,90,80', 'C3,,,,'])).toEqual([
      '1 header',
      '2 data',
      '3 blank',
      '4 data',
      '5 data',
    ]);
  });

  it('gives up after 50 lines and takes the first line of two cells as the header', () => {
    const lines = ['Title', 'Ref,Weekly amount,Agreed amount'];
    for (let i = 3; i <= 50; i++) lines.push(`P${i},1,2`);
    const out = kinds(lines);
    expect(out.slice(0, 3)).toEqual(['1 title', '2 header', '3 data']);
    expect(out).toHaveLength(50);
  });
});
