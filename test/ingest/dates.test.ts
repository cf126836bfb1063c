import { describe, it, expect } from 'vitest';
import { formatDays, parseDate } from '../../src/ingest/dates.js';

/** Days since 1970-01-01 computed independently of the code under test. */
function days(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

describe('parseDate', () => {
  it('returns whole days since 1970-01-01', () => {
    expect(parseDate('01/01/1970')).toBe(0);
    expect(parseDate('02/01/1970')).toBe(1);
    expect(parseDate('1969-12-31')).toBe(-1);
    expect(parseDate('12/03/2023')).toBe(19428);
  });

  it.each([
    ['12/03/2023', days(2023, 3, 12)],
    ['12-03-2023', days(2023, 3, 12)],
    ['12.03.2023', days(2023, 3, 12)],
    ['2023-03-12', days(2023, 3, 12)],
    ['12 Mar 2023', days(2023, 3, 12)],
    ['12-Mar-2023', days(2023, 3, 12)],
    ['12 mar 2023', days(2023, 3, 12)],
    ['12 MARCH 2023', days(2023, 3, 12)],
    ['12/03/2023 00:00:00', days(2023, 3, 12)],
    ['12/03/2023 23:59', days(2023, 3, 12)],
    ['2023-03-12 00:00:00', days(2023, 3, 12)],
    ['2023-03-12T10:30:00Z', days(2023, 3, 12)],
    ['  12/03/2023  ', days(2023, 3, 12)],
    ['1/4/2024', days(2024, 4, 1)],
    ['2024-4-1', days(2024, 4, 1)],
    ['29/02/2024', days(2024, 2, 29)],
    ['31/12/1999', days(1999, 12, 31)],
    ['01/01/1900', days(1900, 1, 1)],
    ['1 Sept 2023', days(2023, 9, 1)],
    ['1 Sep 2023', days(2023, 9, 1)],
    ['1 September 2023', days(2023, 9, 1)],
    ['5 June 2023', days(2023, 6, 5)],
    ['5 Jun 2023', days(2023, 6, 5)],
    ['5 July 2023', days(2023, 7, 5)],
    ['5 Jul 2023', days(2023, 7, 5)],
    ['5 December 2023', days(2023, 12, 5)],
  ])('%j -> %d', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  it('reads slashed dates day first, as in the UK, not month first', () => {
    expect(parseDate('03/12/2023')).toBe(days(2023, 12, 3));
    expect(parseDate('12/03/2023')).not.toBe(parseDate('03/12/2023'));
    // 13 cannot be a month: a US-style date is not guessed at.
    expect(parseDate('03/13/2023')).toBeNaN();
  });

  it.each([
    '',
    '   ',
    '31/02/2023',
    '29/02/2023',
    '31/04/2023',
    '00/01/2023',
    '32/01/2023',
    '01/00/2023',
    '01/13/2023',
    '2023-02-30',
    '2023-13-01',
    '31/12/1899',
    '01/01/2201',
    '12 Foo 2023',
    'tbc',
    '[c]',
    '12032023',
    '2023/03/12x',
  ])('%j is not a date', (text) => {
    expect(parseDate(text)).toBeNaN();
  });

  it('reads a two-digit year as this century up to this year, else the last', () => {
    expect(parseDate('12/03/23')).toBe(parseDate('2023-03-12'));
    expect(parseDate('01/01/45')).toBe(parseDate('1945-01-01'));
  });

  it('reads YYYY/MM/DD and a month name with a time after it', () => {
    expect(parseDate('2023/03/12')).toBe(parseDate('12/03/2023'));
    expect(parseDate('12-Mar-2023 00:00')).toBe(parseDate('12/03/2023'));
  });

  it('orders dates in time order', () => {
    const texts = ['01/04/2023', '2023-03-31', '15 Jan 2024', '31/12/2022'];
    const sorted = [...texts].sort((a, b) => parseDate(a) - parseDate(b));
    expect(sorted).toEqual(['31/12/2022', '2023-03-31', '01/04/2023', '15 Jan 2024']);
  });
});

describe('formatDays', () => {
  it.each([
    [0, '1970-01-01'],
    [1, '1970-01-02'],
    [-1, '1969-12-31'],
    [19428, '2023-03-12'],
    [days(2024, 2, 29), '2024-02-29'],
  ])('%d -> %s', (value, text) => {
    expect(formatDays(value)).toBe(text);
  });

  it('round-trips with parseDate', () => {
    for (const text of ['1900-01-01', '1958-06-15', '2000-02-29', '2023-03-12', '2199-12-31']) {
      expect(formatDays(parseDate(text))).toBe(text);
    }
    expect(formatDays(parseDate('15/06/1958'))).toBe('1958-06-15');
    expect(formatDays(parseDate('12 Mar 2023'))).toBe('2023-03-12');
  });
});
