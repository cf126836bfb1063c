// The period dimensions (issue 12): financial year (April to March), quarter of the financial
// year and month, from the date agreed, checked against JavaScript's own calendar (Date), and
// grouped in time order with Unknown last.
import { describe, expect, it } from 'vitest';
import {
  dimensionColumns,
  periodLabel,
  periodNumber,
  type PeriodDimension,
} from '../../src/analysis/dimensions.js';
import { groupRows } from '../../src/analysis/groups.js';
import { buildTable, weekly } from './table.js';

const DAY = 86_400_000;
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;

/** The labels as a person would write them, from Date's calendar. */
function expected(days: number, dimension: PeriodDimension): string {
  const date = new Date(days * DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const first = month >= 4 ? year : year - 1;
  const financialYear = `${first}-${String(first + 1).slice(2)}`;
  const quarter = month >= 4 ? Math.ceil((month - 3) / 3) : 4;
  if (dimension === 'financialYear') return financialYear;
  if (dimension === 'quarter') return `${financialYear} Q${quarter}`;
  return `${year}-${String(month).padStart(2, '0')}`;
}

describe('periodNumber and periodLabel', () => {
  it.each([
    ['2023-04-01', '2023-24', '2023-24 Q1', '2023-04'],
    ['2023-03-31', '2022-23', '2022-23 Q4', '2023-03'],
    ['2023-06-30', '2023-24', '2023-24 Q1', '2023-06'],
    ['2023-07-01', '2023-24', '2023-24 Q2', '2023-07'],
    ['2023-12-31', '2023-24', '2023-24 Q3', '2023-12'],
    ['2024-01-01', '2023-24', '2023-24 Q4', '2024-01'],
    ['2024-02-29', '2023-24', '2023-24 Q4', '2024-02'],
    ['1999-04-01', '1999-00', '1999-00 Q1', '1999-04'],
    ['1969-12-31', '1969-70', '1969-70 Q3', '1969-12'],
  ])('%s is %s, %s, %s', (iso, year, quarter, month) => {
    const days = day(iso);
    expect(periodLabel(periodNumber(days, 'financialYear'), 'financialYear')).toBe(year);
    expect(periodLabel(periodNumber(days, 'quarter'), 'quarter')).toBe(quarter);
    expect(periodLabel(periodNumber(days, 'month'), 'month')).toBe(month);
  });

  it('agrees with Date on every day from 1900 to 2200, and counts consecutive periods by 1', () => {
    const dimensions = ['financialYear', 'quarter', 'month'] as const;
    const previous = { financialYear: NaN, quarter: NaN, month: NaN };
    for (let days = day('1900-01-01'); days <= day('2200-12-31'); days++) {
      for (const dimension of dimensions) {
        const period = periodNumber(days, dimension);
        const label = periodLabel(period, dimension);
        if (label !== expected(days, dimension)) {
          expect(label, `${new Date(days * DAY).toISOString()} ${dimension}`).toBe(
            expected(days, dimension),
          );
        }
        if (!Number.isNaN(previous[dimension]) && period !== previous[dimension]) {
          expect(period - previous[dimension]).toBe(1);
        }
        previous[dimension] = period;
      }
    }
  });

  it('gives NaN for no date', () => {
    expect(periodNumber(Number.NaN, 'quarter')).toBeNaN();
  });
});

describe('period columns', () => {
  const table = buildTable([
    { indicative: weekly(100), actual: weekly(90), date: day('2024-05-01'), clientGroup: 'LD' },
    { indicative: weekly(100), actual: weekly(110), date: day('2022-04-01'), clientGroup: 'LD' },
    { indicative: weekly(100), actual: weekly(100), clientGroup: 'MH' },
    { indicative: weekly(100), actual: weekly(95), date: day('2023-03-31'), clientGroup: 'MH' },
    { indicative: weekly(100), actual: weekly(80), date: day('2024-03-15'), clientGroup: 'LD' },
  ]);
  const { columns } = dimensionColumns(table, {});
  const all = Uint32Array.of(0, 1, 2, 3, 4);

  it('labels every period from the first date to the last, then Unknown', () => {
    expect(columns.financialYear.labels).toEqual(['2022-23', '2023-24', '2024-25', 'Unknown']);
    // 2022-23 Q1 to 2024-25 Q1: nine quarters, some of them empty.
    expect(columns.quarter.labels).toHaveLength(9 + 1);
    expect(columns.quarter.labels[0]).toBe('2022-23 Q1');
    expect(columns.quarter.labels[8]).toBe('2024-25 Q1');
    expect(columns.month.labels).toHaveLength(26 + 1);
    expect(columns.month.labels.at(-2)).toBe('2024-05');
  });

  it('groups in time order with Unknown last, and crosses with another dimension', () => {
    const counted = (by: Parameters<typeof groupRows>[2]): [string, number][] =>
      groupRows(columns, all, by).map((g) => [g.label, g.rows.length]);
    expect(counted(['financialYear'])).toEqual([
      ['2022-23', 2],
      ['2023-24', 1],
      ['2024-25', 1],
      ['Unknown', 1],
    ]);
    expect(counted(['quarter'])).toEqual([
      ['2022-23 Q1', 1],
      ['2022-23 Q4', 1],
      ['2023-24 Q4', 1],
      ['2024-25 Q1', 1],
      ['Unknown', 1],
    ]);
    expect(groupRows(columns, all, ['clientGroup', 'financialYear']).map((g) => g.key)).toEqual([
      { clientGroup: 'Learning Disability Support', financialYear: '2022-23' },
      { clientGroup: 'Learning Disability Support', financialYear: '2023-24' },
      { clientGroup: 'Learning Disability Support', financialYear: '2024-25' },
      { clientGroup: 'Mental Health Support', financialYear: '2022-23' },
      { clientGroup: 'Mental Health Support', financialYear: 'Unknown' },
    ]);
  });

  it('is only Unknown when no row has a date', () => {
    const undated = buildTable([{ indicative: weekly(1), actual: weekly(1) }]);
    expect(dimensionColumns(undated, {}).columns.month.labels).toEqual(['Unknown']);
  });
});
