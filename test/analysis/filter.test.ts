// Which records --from/--to/--where keep, and in which order they meet duplicate resolution.
// Tables are built by hand (days since 1970-01-01 as dates); test/api/filters.test.ts runs the
// same rules on fixtures/filters.csv through the Node API.
import { describe, expect, it } from 'vitest';
import { dimensionColumns } from '../../src/analysis/dimensions.js';
import { keepDates, keepGroups, selectRecords } from '../../src/analysis/filter.js';
import { parseDate } from '../../src/ingest/dates.js';
import { RasgapError } from '../../src/errors.js';
import { buildTable, type TestRow } from './table.js';

const amounts = { indicative: 5200, actual: 5200 };
const row = (fields: Partial<TestRow>): TestRow => ({ ...amounts, ...fields });
const day = (text: string): number => parseDate(text);

describe('keepDates', () => {
  const table = buildTable([
    row({ date: day('2023-03-31') }),
    row({ date: day('2023-04-01') }),
    row({ date: day('2024-03-31') }),
    row({ date: day('2024-04-01') }),
    row({}),
  ]);

  it('keeps both bounds and leaves out undated rows with a reason of their own', () => {
    const { keep, excluded } = keepDates(table, day('2023-04-01'), day('2024-03-31'));
    expect([...keep]).toEqual([0, 1, 1, 0, 0]);
    expect(excluded.map((item) => [item.row, item.reason, item.detail])).toEqual([
      [0, 'outside-dates', 'date agreed 2023-03-31 is before --from 2023-04-01'],
      [3, 'outside-dates', 'date agreed 2024-04-01 is after --to 2024-03-31'],
      [4, 'no-date-agreed', 'no date agreed, and --from 2023-04-01 --to 2024-03-31 asked for one'],
    ]);
  });

  it('takes one bound alone, and keeps everything with none', () => {
    expect([...keepDates(table, day('2024-01-01'), undefined).keep]).toEqual([0, 0, 1, 1, 0]);
    expect([...keepDates(table, undefined, day('2023-04-01')).keep]).toEqual([1, 1, 0, 0, 0]);
    const none = keepDates(table, undefined, undefined);
    expect([...none.keep]).toEqual([1, 1, 1, 1, 1]);
    expect(none.excluded).toEqual([]);
  });
});

describe('selectRecords', () => {
  // P1 reviewed after the period; P2 changed client group at a review.
  const table = buildTable([
    row({ line: 2, person: 'P1', date: day('2023-06-01'), clientGroup: 'LD', ageBand: '18-64' }),
    row({ line: 3, person: 'P1', date: day('2024-06-01'), clientGroup: 'LD', ageBand: '18-64' }),
    row({ line: 4, person: 'P2', date: day('2023-05-01'), clientGroup: 'LD', ageBand: '65+' }),
    row({ line: 5, person: 'P2', date: day('2023-09-01'), clientGroup: 'MH', ageBand: '65+' }),
    row({ line: 6, person: 'P3', date: day('2023-07-01'), clientGroup: 'PD', ageBand: '65+' }),
  ]);
  const dimensions = dimensionColumns(table, {});
  const reasons = (excluded: { row: number; reason: string }[]): Record<number, string> =>
    Object.fromEntries(excluded.map((item) => [table.line[item.row], item.reason]));

  it('applies the dates before duplicates: the latest record in the dates is kept', () => {
    const { used, excluded, filters } = selectRecords(table, dimensions, 'latest', {
      from: day('2023-04-01'),
      to: day('2024-03-31'),
    });
    // P1's line 2 stands: the review on line 3 is after --to.
    expect([...used]).toEqual([1, 0, 0, 1, 1]);
    expect(reasons(excluded)).toEqual({ 3: 'outside-dates', 4: 'superseded' });
    expect(filters).toEqual({ from: '2023-04-01', to: '2024-03-31', where: [] });
  });

  it('applies --where after duplicates: a superseded group does not count', () => {
    const { used, excluded, filters } = selectRecords(table, dimensions, 'latest', {
      where: [{ dimension: 'clientGroup', values: ['learning disability support '] }],
    });
    // P2's latest record is Mental Health Support: not in LD, though line 4 was.
    expect([...used]).toEqual([0, 1, 0, 0, 0]);
    expect(reasons(excluded)).toEqual({
      2: 'superseded',
      4: 'superseded',
      5: 'filtered-out',
      6: 'filtered-out',
    });
    expect(excluded.find((item) => table.line[item.row] === 5)?.detail).toBe(
      'client-group is "Mental Health Support", not "Learning Disability Support" (--where)',
    );
    // The values echoed are the report's labels, whatever the spelling given.
    expect(filters.where).toEqual([
      { dimension: 'clientGroup', values: ['Learning Disability Support'] },
    ]);
  });

  it('ANDs dimensions and ORs values of one dimension', () => {
    const { used } = selectRecords(table, dimensions, 'keep-all', {
      where: [
        { dimension: 'ageBand', values: ['65+'] },
        { dimension: 'clientGroup', values: ['MH', 'Physical Support'] },
      ],
    });
    expect([...used]).toEqual([0, 0, 0, 1, 1]);
  });

  it('counts client-group labels over the records kept, dropping labels of filtered-out rows', () => {
    const { clientGroups } = selectRecords(table, dimensions, 'latest', {
      where: [{ dimension: 'ageBand', values: ['65+'] }],
    });
    // P1's two rows are 18-64 (line 2 superseded, line 3 filtered out): LD counts P2's line 4,
    // superseded but in the group asked for, as superseded rows count without filters.
    expect(clientGroups.map((group) => [group.label, group.count])).toEqual([
      ['LD', 1],
      ['MH', 1],
      ['PD', 1],
    ]);
    const dated = selectRecords(table, dimensions, 'latest', { to: day('2023-06-30') });
    expect(dated.clientGroups.map((group) => [group.label, group.count])).toEqual([['LD', 2]]);
  });
});

describe('keepGroups', () => {
  const table = buildTable([
    row({ ageBand: '18-64', sourceGroup: 'Northshire' }),
    row({ ageBand: '65+', sourceGroup: 'Southborough' }),
  ]);
  const { columns } = dimensionColumns(table, {});

  it('a label that is no group of the records is a usage error listing the groups', () => {
    const used = new Uint8Array([1, 1]);
    const error = (() => {
      try {
        keepGroups(columns, used, [{ dimension: 'source', values: ['Eastham'] }]);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(RasgapError);
    expect((error as RasgapError).code).toBe('USAGE');
    expect((error as RasgapError).message).toBe(
      '--where source=Eastham matches no group of source in the records read; the groups are: "Northshire", "Southborough"',
    );
  });

  it('lists only groups of the records still in play, at most 20', () => {
    const many = buildTable(
      Array.from({ length: 25 }, (_, k) =>
        row({ clientGroup: `Team ${String(k).padStart(2, '0')}` }),
      ),
    );
    const manyColumns = dimensionColumns(many, {}).columns;
    const used = new Uint8Array(25).fill(1);
    used[0] = 0;
    expect(() =>
      keepGroups(manyColumns, used, [{ dimension: 'rawClientGroup', values: ['Team 00'] }]),
    ).toThrow(/the groups are: "Team 01", .*"Team 20" and 4 more$/);
  });

  it('reads an age band as the reader does ("65 and over") and clears `used` in place', () => {
    const used = new Uint8Array([1, 1]);
    const { matched, excluded } = keepGroups(columns, used, [
      { dimension: 'ageBand', values: ['65 and over'] },
    ]);
    expect([...used]).toEqual([0, 1]);
    expect(matched).toEqual([{ dimension: 'ageBand', values: ['65+'] }]);
    expect(excluded.map((item) => item.reason)).toEqual(['filtered-out']);
  });
});
