import { describe, it, expect } from 'vitest';
import {
  AGE_BAND_OLDER,
  AGE_BAND_UNDER_18,
  AGE_BAND_UNKNOWN,
  AGE_BAND_WORKING_AGE,
  AGE_BANDS,
  ageBandOfAge,
  ageBandOfLabel,
  parseAge,
} from '../../src/ingest/age.js';

describe('AGE_BANDS', () => {
  it('the band constants index the labels national returns use', () => {
    expect(AGE_BANDS[AGE_BAND_UNDER_18]).toBe('Under 18');
    expect(AGE_BANDS[AGE_BAND_WORKING_AGE]).toBe('18-64');
    expect(AGE_BANDS[AGE_BAND_OLDER]).toBe('65+');
    expect(AGE_BANDS[AGE_BAND_UNKNOWN]).toBe('Unknown');
  });
});

describe('ageBandOfAge', () => {
  it.each([
    [0, AGE_BAND_UNDER_18],
    [17, AGE_BAND_UNDER_18],
    [17.99, AGE_BAND_UNDER_18],
    [18, AGE_BAND_WORKING_AGE],
    [40, AGE_BAND_WORKING_AGE],
    [64, AGE_BAND_WORKING_AGE],
    [64.9, AGE_BAND_WORKING_AGE],
    [65, AGE_BAND_OLDER],
    [70, AGE_BAND_OLDER],
    [104, AGE_BAND_OLDER],
    [130, AGE_BAND_OLDER],
  ])('%d -> band %i', (age, band) => {
    expect(ageBandOfAge(age)).toBe(band);
  });

  it.each([Number.NaN, -1, 131, 999, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    '%d is Unknown',
    (age) => {
      expect(ageBandOfAge(age)).toBe(AGE_BAND_UNKNOWN);
    },
  );
});

describe('parseAge', () => {
  it.each([
    ['67', 67],
    [' 67 ', 67],
    ['67.0', 67],
    ['67.9', 67],
    ['0', 0],
    ['104', 104],
    ['007', 7],
  ])('%j -> %d', (text, age) => {
    expect(parseAge(text)).toBe(age);
  });

  it.each(['', '   ', 'abc', '-5', '67 years', '1000', '6 7', '67.', '.5', '65+', '18-64'])(
    '%j is not an age',
    (text) => {
      expect(parseAge(text)).toBeNaN();
    },
  );
});

describe('ageBandOfLabel', () => {
  it.each([
    ['65 and over', AGE_BAND_OLDER],
    ['65 And Over', AGE_BAND_OLDER],
    ['Over 65', AGE_BAND_OLDER],
    ['over 64', AGE_BAND_OLDER],
    ['65+', AGE_BAND_OLDER],
    ['65 +', AGE_BAND_OLDER],
    ['65 plus', AGE_BAND_OLDER],
    ['65 and above', AGE_BAND_OLDER],
    ['65 or over', AGE_BAND_OLDER],
    ['85+', AGE_BAND_OLDER],
    ['>65', AGE_BAND_OLDER],
    ['65+ years', AGE_BAND_OLDER],
    ['Older people', AGE_BAND_OLDER],
    ['OLDER PEOPLE', AGE_BAND_OLDER],
    ['Older adults', AGE_BAND_OLDER],
    ['OP', AGE_BAND_OLDER],
    ['Elderly', AGE_BAND_OLDER],
    ['75-84', AGE_BAND_OLDER],
    ['65-74', AGE_BAND_OLDER],
    ['65 to 74', AGE_BAND_OLDER],
    ['18 to 64', AGE_BAND_WORKING_AGE],
    ['18-64', AGE_BAND_WORKING_AGE],
    ['18 - 64', AGE_BAND_WORKING_AGE],
    ['18–64', AGE_BAND_WORKING_AGE],
    ['18—64', AGE_BAND_WORKING_AGE],
    ['18-64 years', AGE_BAND_WORKING_AGE],
    ['18-64 yrs', AGE_BAND_WORKING_AGE],
    ['  18   to   64  ', AGE_BAND_WORKING_AGE],
    ['Working age', AGE_BAND_WORKING_AGE],
    ['working-age', AGE_BAND_WORKING_AGE],
    ['Adults of working age', AGE_BAND_WORKING_AGE],
    ['WA', AGE_BAND_WORKING_AGE],
    ['25-44', AGE_BAND_WORKING_AGE],
    ['18-24', AGE_BAND_WORKING_AGE],
    ['45 to 64', AGE_BAND_WORKING_AGE],
    ['Under 18', AGE_BAND_UNDER_18],
    ['under18', AGE_BAND_UNDER_18],
    ['<18', AGE_BAND_UNDER_18],
    ['Children', AGE_BAND_UNDER_18],
    ['0-17', AGE_BAND_UNDER_18],
    ['16-17', AGE_BAND_UNDER_18],
  ])('%j -> band %i', (label, band) => {
    expect(ageBandOfLabel(label)).toBe(band);
  });

  it.each([
    '60-69', // straddles 65
    '55 to 74',
    '16-24', // straddles 18
    '18+', // working age and older together
    'Over 17',
    '',
    '   ',
    'Unknown',
    'Not recorded',
    'n/a',
    'Adults',
    '[c]',
  ])('%j is Unknown', (label) => {
    expect(ageBandOfLabel(label)).toBe(AGE_BAND_UNKNOWN);
  });
});
