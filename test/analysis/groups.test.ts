import { describe, expect, it } from 'vitest';
import { dimensionColumns, type DimensionColumn } from '../../src/analysis/dimensions.js';
import { groupRows, type Dimension } from '../../src/analysis/groups.js';
import { allRows, buildTable, type TestRow } from './table.js';

const r = (clientGroup: string, ageBand: TestRow['ageBand'], sourceGroup?: string): TestRow => ({
  indicative: 5200,
  actual: 5200,
  clientGroup,
  ageBand,
  sourceGroup,
});

// Rows 0-8; the client groups first appear in an order that is neither alphabetical nor the
// taxonomy's. "Vulnerable people" is a legacy alias of Social Support; "Autism" is not in the
// taxonomy, so it is kept as written.
const table = buildTable([
  r('Mental Health Support', '65+', 'Leeds'), // 0
  r('Vulnerable people', 'Under 18', 'Bury'), // 1
  r('', '18-64', 'Leeds'), // 2 (blank client group: Unknown)
  r('Learning Disability Support', 'Unknown', 'Bury'), // 3
  r('Mental Health Support', '18-64', 'Leeds'), // 4
  r('Learning Disability Support', '65+', 'Leeds'), // 5
  r('Autism', '65+', 'Bury'), // 6
  r('Mental Health Support', '65+', 'Leeds'), // 7
  r('Physical Support', '18-64', 'Leeds'), // 8
]);
const { columns } = dimensionColumns(table, {});

type Shape = { key: object; label: string; rows: number[] };
const shape = (groups: ReturnType<typeof groupRows>): Shape[] =>
  groups.map((g) => ({ key: g.key, label: g.label, rows: [...g.rows] }));
const labels = (by: Dimension[], rows = allRows(table)): string[] =>
  groupRows(columns, rows, by).map((g) => g.label);

describe('groupRows', () => {
  it('by age band: natural order Under 18, 18-64, 65+, Unknown', () => {
    expect(shape(groupRows(columns, allRows(table), ['ageBand']))).toEqual([
      { key: { ageBand: 'Under 18' }, label: 'Under 18', rows: [1] },
      { key: { ageBand: '18-64' }, label: '18-64', rows: [2, 4, 8] },
      { key: { ageBand: '65+' }, label: '65+', rows: [0, 5, 6, 7] },
      { key: { ageBand: 'Unknown' }, label: 'Unknown', rows: [3] },
    ]);
  });

  it('by client group as written: alphabetical, Unknown last even after labels that sort later', () => {
    expect(table.clientGroupLabels[2]).toBe('Unknown');
    expect(shape(groupRows(columns, allRows(table), ['rawClientGroup']))).toEqual([
      { key: { rawClientGroup: 'Autism' }, label: 'Autism', rows: [6] },
      {
        key: { rawClientGroup: 'Learning Disability Support' },
        label: 'Learning Disability Support',
        rows: [3, 5],
      },
      {
        key: { rawClientGroup: 'Mental Health Support' },
        label: 'Mental Health Support',
        rows: [0, 4, 7],
      },
      { key: { rawClientGroup: 'Physical Support' }, label: 'Physical Support', rows: [8] },
      { key: { rawClientGroup: 'Vulnerable people' }, label: 'Vulnerable people', rows: [1] },
      { key: { rawClientGroup: 'Unknown' }, label: 'Unknown', rows: [2] },
    ]);
  });

  it('by canonical client group: taxonomy order, then labels kept as written, Unknown last', () => {
    expect(shape(groupRows(columns, allRows(table), ['clientGroup']))).toEqual([
      { key: { clientGroup: 'Physical Support' }, label: 'Physical Support', rows: [8] },
      {
        key: { clientGroup: 'Learning Disability Support' },
        label: 'Learning Disability Support',
        rows: [3, 5],
      },
      {
        key: { clientGroup: 'Mental Health Support' },
        label: 'Mental Health Support',
        rows: [0, 4, 7],
      },
      { key: { clientGroup: 'Social Support' }, label: 'Social Support', rows: [1] },
      { key: { clientGroup: 'Autism' }, label: 'Autism', rows: [6] },
      { key: { clientGroup: 'Unknown' }, label: 'Unknown', rows: [2] },
    ]);
  });

  it('by source: in the order the sources were first seen', () => {
    expect(shape(groupRows(columns, allRows(table), ['source']))).toEqual([
      { key: { source: 'Leeds' }, label: 'Leeds', rows: [0, 2, 4, 5, 7, 8] },
      { key: { source: 'Bury' }, label: 'Bury', rows: [1, 3, 6] },
    ]);
  });

  it('crossed: key per dimension, label "A / B", ordered by the first dimension then the second', () => {
    expect(shape(groupRows(columns, allRows(table), ['rawClientGroup', 'ageBand']))).toEqual([
      { key: { rawClientGroup: 'Autism', ageBand: '65+' }, label: 'Autism / 65+', rows: [6] },
      {
        key: { rawClientGroup: 'Learning Disability Support', ageBand: '65+' },
        label: 'Learning Disability Support / 65+',
        rows: [5],
      },
      {
        key: { rawClientGroup: 'Learning Disability Support', ageBand: 'Unknown' },
        label: 'Learning Disability Support / Unknown',
        rows: [3],
      },
      {
        key: { rawClientGroup: 'Mental Health Support', ageBand: '18-64' },
        label: 'Mental Health Support / 18-64',
        rows: [4],
      },
      {
        key: { rawClientGroup: 'Mental Health Support', ageBand: '65+' },
        label: 'Mental Health Support / 65+',
        rows: [0, 7],
      },
      {
        key: { rawClientGroup: 'Physical Support', ageBand: '18-64' },
        label: 'Physical Support / 18-64',
        rows: [8],
      },
      {
        key: { rawClientGroup: 'Vulnerable people', ageBand: 'Under 18' },
        label: 'Vulnerable people / Under 18',
        rows: [1],
      },
      {
        key: { rawClientGroup: 'Unknown', ageBand: '18-64' },
        label: 'Unknown / 18-64',
        rows: [2],
      },
    ]);
  });

  it('crossed the other way round: age band first', () => {
    expect(labels(['ageBand', 'clientGroup'])).toEqual([
      'Under 18 / Social Support',
      '18-64 / Physical Support',
      '18-64 / Mental Health Support',
      '18-64 / Unknown',
      '65+ / Learning Disability Support',
      '65+ / Mental Health Support',
      '65+ / Autism',
      'Unknown / Learning Disability Support',
    ]);
  });

  it('three dimensions crossed', () => {
    expect(labels(['source', 'ageBand', 'clientGroup'], Uint32Array.of(0, 1, 3, 4, 6, 7))).toEqual([
      'Leeds / 18-64 / Mental Health Support',
      'Leeds / 65+ / Mental Health Support',
      'Bury / Under 18 / Social Support',
      'Bury / 65+ / Autism',
      'Bury / Unknown / Learning Disability Support',
    ]);
  });

  it('includes only the rows it is given', () => {
    const used = Uint32Array.of(0, 2, 5, 7);
    expect(shape(groupRows(columns, used, ['ageBand']))).toEqual([
      { key: { ageBand: '18-64' }, label: '18-64', rows: [2] },
      { key: { ageBand: '65+' }, label: '65+', rows: [0, 5, 7] },
    ]);
    expect(groupRows(columns, used, ['rawClientGroup']).map((g) => [g.label, [...g.rows]])).toEqual(
      [
        ['Learning Disability Support', [5]],
        ['Mental Health Support', [0, 7]],
        ['Unknown', [2]],
      ],
    );
    expect(groupRows(columns, new Uint32Array(0), ['ageBand'])).toEqual([]);
  });

  it('follows the order and labels of the columns it is given', () => {
    // A hand-made column: codes 0-2 labelled c, a, b and ordered by descending code.
    const column: DimensionColumn = {
      codes: Uint8Array.of(2, 0, 1, 2, 0),
      labels: ['c', 'a', 'b'],
      order: (a, b) => b - a,
    };
    const custom = { ...columns, source: column };
    expect(
      shape(groupRows(custom, allRows(buildTable(new Array(5).fill(r('', '65+')))), ['source'])),
    ).toEqual([
      { key: { source: 'b' }, label: 'b', rows: [0, 3] },
      { key: { source: 'a' }, label: 'a', rows: [2] },
      { key: { source: 'c' }, label: 'c', rows: [1, 4] },
    ]);
  });
});

describe('groupRows with many combined codes', () => {
  // Two columns of 300 labels each: 90,000 combined codes, past the array lookup (a map then).
  const column = (codes: number[]): DimensionColumn => ({
    codes,
    labels: Array.from({ length: 300 }, (_, i) => `L${i}`),
    order: (a, b) => a - b,
  });
  const wide = {
    ...columns,
    source: column([299, 5, 299, 0, 5, 299]),
    clientGroup: column([1, 250, 1, 7, 250, 2]),
  };
  it('groups and orders them as with few codes', () => {
    expect(
      shape(groupRows(wide, Uint32Array.of(0, 1, 2, 3, 4, 5), ['source', 'clientGroup'])),
    ).toEqual([
      { key: { source: 'L0', clientGroup: 'L7' }, label: 'L0 / L7', rows: [3] },
      { key: { source: 'L5', clientGroup: 'L250' }, label: 'L5 / L250', rows: [1, 4] },
      { key: { source: 'L299', clientGroup: 'L1' }, label: 'L299 / L1', rows: [0, 2] },
      { key: { source: 'L299', clientGroup: 'L2' }, label: 'L299 / L2', rows: [5] },
    ]);
  });
});
