/**
 * The period an amount is in. Everything is held as pence per year internally (weekly x 52,
 * four-weekly x 13, monthly x 12: each an integer, so no rounding), and shown per week or per year.
 */
export type Period = 'week' | 'four-weeks' | 'month' | 'year';

/** How many of each period make a year, by the usual council convention of 52 weeks a year. */
export const PERIODS_PER_YEAR: Record<Period, number> = {
  week: 52,
  'four-weeks': 13,
  month: 12,
  year: 1,
};

/**
 * Reads the period from words in an amount's header.
 *
 * @example
 * periodFromHeader('Indicative Budget (weekly)') // 'week'
 * periodFromHeader('Final Budget p.a.')          // 'year'
 * periodFromHeader('Actual Budget')              // null
 */
export function periodFromHeader(header: string): Period | null {
  const text = ` ${header
    .toLowerCase()
    .replace(/[_\-./()[\]£$:#]/g, ' ')
    .replace(/\s+/g, ' ')} `;
  if (/ (4 ?weekly|four ?weekly|per 4 weeks|4 ?wk|four weeks) /.test(text)) return 'four-weeks';
  if (/ (weekly|per week|per wk|pw|p w|wkly|a week) /.test(text)) return 'week';
  if (/ (monthly|per month|pcm|a month) /.test(text)) return 'month';
  if (/ (annual|annually|per annum|per year|yearly|pa|p a|a year) /.test(text)) return 'year';
  return null;
}
