/**
 * The period an amount is in. Everything with a known period is held as pence per year (weekly
 * x 52, fortnightly x 26, four-weekly x 13, monthly x 12: each an integer, so no rounding) and shown
 * per week or per year. An amount whose period nobody stated is kept as given and never converted.
 */
import { RasgapError } from '../errors.js';

export const PERIODS = ['week', 'fortnight', 'four-weeks', 'month', 'year'] as const;
export type Period = (typeof PERIODS)[number];

/** How many of each period make a year, by the usual council convention of 52 weeks a year. */
export const PERIODS_PER_YEAR: Record<Period, number> = {
  week: 52,
  fortnight: 26,
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
  if (/ (4 ?weekly|four ?weekly|per 4 weeks|every 4 weeks|4 ?wk|four weeks) /.test(text)) {
    return 'four-weeks';
  }
  if (/ (fortnightly|per fortnight|2 ?weekly|two ?weekly) /.test(text)) return 'fortnight';
  if (/ (weekly|per week|per wk|pw|p w|wkly|a week) /.test(text)) return 'week';
  if (/ (monthly|per month|pcm|a month|per calendar month) /.test(text)) return 'month';
  if (/ (annual|annually|per annum|per year|yearly|pa|p a|a year) /.test(text)) return 'year';
  return null;
}

/**
 * Reads a frequency cell (`Weekly`, `4 Weekly`, `Monthly`, `Annual`), or null.
 *
 * @example
 * periodFromFrequency('4 Weekly') // 'four-weeks'
 * periodFromFrequency('Yearly')   // 'year'
 */
export function periodFromFrequency(text: string): Period | null {
  const word = text.trim().toLowerCase().replace(/[_-]/g, ' ').replace(/\s+/g, ' ');
  if (word === '') return null;
  return FREQUENCY_WORDS.get(word) ?? FREQUENCY_WORDS.get(word.replace(/\./g, '')) ?? null;
}

/** Frequency words -> period: a Map, so that a cell such as "constructor" names no period. */
const FREQUENCY_WORDS = new Map<string, Period>(
  Object.entries({
    week: 'week',
    weekly: 'week',
    wk: 'week',
    pw: 'week',
    'per week': 'week',
    w: 'week',
    fortnight: 'fortnight',
    fortnightly: 'fortnight',
    '2 weekly': 'fortnight',
    'two weekly': 'fortnight',
    '4 weekly': 'four-weeks',
    '4weekly': 'four-weeks',
    'four weekly': 'four-weeks',
    '4 weeks': 'four-weeks',
    'four weeks': 'four-weeks',
    'every 4 weeks': 'four-weeks',
    '4 wk': 'four-weeks',
    '4w': 'four-weeks',
    month: 'month',
    monthly: 'month',
    pcm: 'month',
    'per month': 'month',
    m: 'month',
    annual: 'year',
    annually: 'year',
    year: 'year',
    yearly: 'year',
    'per annum': 'year',
    pa: 'year',
    'p.a.': 'year',
    'per year': 'year',
    y: 'year',
  }) as [string, Period][],
);

/** Checks an `--input-period` value. */
export function parsePeriod(text: string, flag = '--input-period'): Period {
  const period =
    periodFromFrequency(text) ?? (PERIODS as readonly string[]).find((p) => p === text);
  if (!period) {
    throw new RasgapError('USAGE', `${flag} does not accept "${text}"`, {
      fix: `use ${flag} ${PERIODS.join(', ')}`,
    });
  }
  return period as Period;
}

/** Words for a period in sentences: `per week`, `per four weeks`. */
export const PERIOD_WORDS: Record<Period, string> = {
  week: 'per week',
  fortnight: 'per fortnight',
  'four-weeks': 'per four weeks',
  month: 'per month',
  year: 'per year',
};
