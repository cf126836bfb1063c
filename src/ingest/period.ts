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
      fix: `use ${flag} ${PERIODS.join(', ')}, or one per amount: ${flag} indicative=week ${flag} actual=year`,
    });
  }
  return period as Period;
}

/**
 * The periods `--input-period` gives: `both` (the bare form) for amounts whose header does not
 * say and that have no frequency column; `indicative` / `actual` (`role=period`) for that amount
 * column whatever its header or a frequency column says, since the person named it.
 */
export interface InputPeriods {
  both?: Period;
  indicative?: Period;
  actual?: Period;
}

/**
 * Checks `--input-period` values: `week`, or `indicative=week` and `actual=year`.
 *
 * @example
 * parseInputPeriods(['indicative=week', 'actual=year']) // { indicative: 'week', actual: 'year' }
 * parseInputPeriods('month')                            // { both: 'month' }
 */
export function parseInputPeriods(values: string | readonly string[] | InputPeriods): InputPeriods {
  if (typeof values === 'object' && !Array.isArray(values)) {
    const given = values as InputPeriods;
    const periods: InputPeriods = {};
    for (const key of ['both', 'indicative', 'actual'] as const) {
      const value = given[key];
      if (value !== undefined) periods[key] = parsePeriod(String(value));
    }
    return periods;
  }
  const list: readonly string[] = typeof values === 'string' ? [values] : (values as string[]);
  const periods: InputPeriods = {};
  for (const text of list) {
    const equals = text.indexOf('=');
    const role = equals < 0 ? 'both' : text.slice(0, equals).trim().toLowerCase();
    if (role !== 'both' && role !== 'indicative' && role !== 'actual') {
      throw new RasgapError(
        'USAGE',
        `--input-period does not know the amount "${text.slice(0, equals)}"`,
        {
          fix: 'use --input-period indicative=PERIOD or --input-period actual=PERIOD, or a bare PERIOD for both',
        },
      );
    }
    const period = parsePeriod(equals < 0 ? text : text.slice(equals + 1).trim());
    if (periods[role] !== undefined && periods[role] !== period) {
      throw new RasgapError(
        'USAGE',
        `--input-period gives ${role === 'both' ? 'the amounts' : `the ${role} amount`} two periods`,
        {
          fix: 'give each amount one period',
        },
      );
    }
    periods[role] = period;
  }
  return periods;
}

/**
 * `--input-period` as typed: `week`, or `indicative=week actual=year` (as flags, one each).
 *
 * @example
 * describeInputPeriods({ indicative: 'week', actual: 'year' }) // ['indicative=week', 'actual=year']
 */
export function describeInputPeriods(periods: InputPeriods): string[] {
  const parts: string[] = [];
  if (periods.both) parts.push(periods.both);
  if (periods.indicative) parts.push(`indicative=${periods.indicative}`);
  if (periods.actual) parts.push(`actual=${periods.actual}`);
  return parts;
}

/** Words for a period in sentences: `per week`, `per four weeks`. */
export const PERIOD_WORDS: Record<Period, string> = {
  week: 'per week',
  fortnight: 'per fortnight',
  'four-weeks': 'per four weeks',
  month: 'per month',
  year: 'per year',
};
