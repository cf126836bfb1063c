import { describe, it, expect } from 'vitest';
import { RasgapError } from '../../src/errors.js';
import {
  parsePeriod,
  periodFromFrequency,
  periodFromHeader,
  PERIODS,
  PERIODS_PER_YEAR,
} from '../../src/ingest/period.js';

describe('PERIODS_PER_YEAR', () => {
  it('uses the council convention of 52 weeks a year, each factor an integer', () => {
    expect(PERIODS_PER_YEAR).toEqual({
      week: 52,
      fortnight: 26,
      'four-weeks': 13,
      month: 12,
      year: 1,
    });
    for (const period of PERIODS) expect(Number.isInteger(PERIODS_PER_YEAR[period])).toBe(true);
    // Four-weekly x 13 is the same year as weekly x 52.
    expect(PERIODS_PER_YEAR['four-weeks'] * 4).toBe(PERIODS_PER_YEAR.week);
  });
});

describe('periodFromHeader', () => {
  it.each([
    ['Indicative Budget (weekly)', 'week'],
    ['Weekly Indicative Budget', 'week'],
    ['ib_weekly', 'week'],
    ['pb_weekly', 'week'],
    ['Indicative Budget per week', 'week'],
    ['Indicative Budget per wk', 'week'],
    ['Indicative Budget pw', 'week'],
    ['Indicative Budget p.w.', 'week'],
    ['Indicative Budget (£ per week)', 'week'],
    ['Cost a week', 'week'],
    ['WEEKLY COST', 'week'],
    ['Actual Budget wkly', 'week'],
    ['Final Budget p.a.', 'year'],
    ['Actual Budget (annual)', 'year'],
    ['Actual Budget annually', 'year'],
    ['Actual Budget per annum', 'year'],
    ['Actual Budget per year', 'year'],
    ['Yearly Budget', 'year'],
    ['Budget PA', 'year'],
    ['Budget [annual]', 'year'],
    ['Support Plan Cost (monthly)', 'month'],
    ['Cost per month', 'month'],
    ['Cost pcm', 'month'],
    ['Indicative Budget (4 weekly)', 'four-weeks'],
    ['Indicative Budget 4-weekly', 'four-weeks'],
    ['Indicative Budget (4weekly)', 'four-weeks'],
    ['Four Weekly Cost', 'four-weeks'],
    ['Four-weekly cost', 'four-weeks'],
    ['Cost per 4 weeks', 'four-weeks'],
    ['Cost 4 wk', 'four-weeks'],
    ['Cost (four weeks)', 'four-weeks'],
    ['Cost every 4 weeks', 'four-weeks'],
    ['Cost (fortnightly)', 'fortnight'],
    ['Cost per fortnight', 'fortnight'],
    ['Cost 2 weekly', 'fortnight'],
    ['Cost per calendar month', 'month'],
  ])('%j -> %s', (header, period) => {
    expect(periodFromHeader(header)).toBe(period);
  });

  // periodFromHeader splits words on the same punctuation as normaliseHeader (`/ £ $ : #` too),
  // so a header matched to a role never loses its period.
  it('reads a period word glued to £, / or : the way normaliseHeader does', () => {
    // normaliseHeader strips these words after the same punctuation, so the column is found by
    // role; the period must then be read too, or an annual amount is taken as weekly (x52).
    expect(periodFromHeader('Indicative Budget £pa')).toBe('year');
    expect(periodFromHeader('Actual Budget (p/a)')).toBe('year');
    expect(periodFromHeader('Actual Budget/Annual')).toBe('year');
    expect(periodFromHeader('Indicative Budget:Annual')).toBe('year');
    expect(periodFromHeader('IB £pw')).toBe('week');
    expect(periodFromHeader('Support Plan Cost £pcm')).toBe('month');
  });

  it.each([
    'Actual Budget',
    'Indicative Budget',
    'IB',
    'RAS Allocation',
    'Personal Budget',
    'Weekend Support', // "week" inside a longer word is not a period
    'Pay Band',
    'Spa Visits',
    'Annualised Budget',
    '',
  ])('%j has no period', (header) => {
    expect(periodFromHeader(header)).toBeNull();
  });

  it('prefers four-weekly over weekly when both words are present', () => {
    expect(periodFromHeader('4 weekly (not weekly) budget')).toBe('four-weeks');
  });
});

describe('periodFromFrequency', () => {
  it.each([
    ['Weekly', 'week'],
    ['weekly', 'week'],
    [' WEEKLY ', 'week'],
    ['Week', 'week'],
    ['pw', 'week'],
    ['Per Week', 'week'],
    ['Fortnightly', 'fortnight'],
    ['2 Weekly', 'fortnight'],
    ['4 Weekly', 'four-weeks'],
    ['4-Weekly', 'four-weeks'],
    ['4_weekly', 'four-weeks'],
    ['Four Weekly', 'four-weeks'],
    ['Every 4 weeks', 'four-weeks'],
    ['Monthly', 'month'],
    ['PCM', 'month'],
    ['Annual', 'year'],
    ['Annually', 'year'],
    ['Yearly', 'year'],
    ['Per Annum', 'year'],
    ['p.a.', 'year'],
    ['P.A.', 'year'],
  ])('%j -> %s', (text, period) => {
    expect(periodFromFrequency(text)).toBe(period);
  });

  it.each(['', '   ', 'Quarterly', 'Daily', 'One-off', 'tbc', '[c]'])(
    '%j is not a period',
    (text) => {
      expect(periodFromFrequency(text)).toBeNull();
    },
  );
});

describe('parsePeriod', () => {
  it('accepts each period by name and the usual frequency words', () => {
    for (const period of PERIODS) expect(parsePeriod(period)).toBe(period);
    expect(parsePeriod('weekly')).toBe('week');
    expect(parsePeriod('4 weekly')).toBe('four-weeks');
    expect(parsePeriod('annual')).toBe('year');
  });

  it('rejects anything else with a usage error naming the flag and the periods', () => {
    let caught: unknown;
    try {
      parsePeriod('quarterly');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RasgapError);
    const error = caught as RasgapError;
    expect(error.code).toBe('USAGE');
    expect(error.message).toBe('--input-period does not accept "quarterly"');
    expect(error.fix).toContain('week, fortnight, four-weeks, month, year');
  });
});
