/**
 * Age bands as national returns use them: under 18, working age (18-64) and older people (65+).
 */
export const AGE_BANDS = ['Under 18', '18-64', '65+', 'Unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const AGE_BAND_UNDER_18 = 0;
export const AGE_BAND_WORKING_AGE = 1;
export const AGE_BAND_OLDER = 2;
export const AGE_BAND_UNKNOWN = 3;

/**
 * The band index for an age in whole years.
 *
 * @example
 * ageBandOfAge(70) // AGE_BAND_OLDER (index of '65+')
 */
export function ageBandOfAge(age: number): number {
  if (!Number.isFinite(age) || age < 0 || age > 130) return AGE_BAND_UNKNOWN;
  if (age < 18) return AGE_BAND_UNDER_18;
  if (age < 65) return AGE_BAND_WORKING_AGE;
  return AGE_BAND_OLDER;
}

/**
 * Parses an age cell (`67`, `67.0`, ` 67 `); NaN when it is not an age.
 */
export function parseAge(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '' || !/^\d{1,3}(\.\d+)?$/.test(trimmed)) return Number.NaN;
  return Math.floor(Number(trimmed));
}

const WORKING_AGE_WORDS = /^(working age|working-age|adults? of working age|wa|18 ?- ?64 years)$/;
const OLDER_WORDS = /^(older people|older person|older adults?|older|op|elderly|pensioners?)$/;

/**
 * Normalises an age-band label as exports write it to one of AGE_BANDS. Finer bands are placed
 * by their range (`65-74` is 65+, `25-44` is 18-64); a band that straddles 18 or 65 is Unknown.
 *
 * @example
 * ageBandOfLabel('65 and over') // AGE_BAND_OLDER
 * ageBandOfLabel('18 to 64')    // AGE_BAND_WORKING_AGE
 * ageBandOfLabel('Working age') // AGE_BAND_WORKING_AGE
 */
export function ageBandOfLabel(text: string): number {
  const label = text
    .trim()
    .toLowerCase()
    .replace(/[–—]/g, '-')
    .replace(/&/g, 'and')
    .replace(/\s+/g, ' ')
    .replace(/^aged /, '')
    .replace(/ ?(years|year|yrs|yr)\b/g, '')
    .replace(/ and older$| or older$| and above$| or over$| plus$/, ' and over')
    .replace(/ adults?$/, '')
    .trim();
  if (label === '') return AGE_BAND_UNKNOWN;
  if (WORKING_AGE_WORDS.test(label)) return AGE_BAND_WORKING_AGE;
  if (OLDER_WORDS.test(label)) return AGE_BAND_OLDER;
  if (/^(under|younger than|below|less than|<) ?18$|^(children|child|0 ?- ?17)$/.test(label)) {
    return AGE_BAND_UNDER_18;
  }
  let match = /^(\d{1,3}) ?(?:\+|and over)$/.exec(label);
  match ??= /^(?:over|>=|older than|>) ?(\d{1,3})$/.exec(label);
  if (match) {
    let lower = Number(match[1]);
    // "Over 65" and "> 64" exclude the number itself; ">= 65" and "65+" include it.
    if (/^(over|older than|>(?!=))/.test(label)) lower += 1;
    return bandOfRange(lower, Number.POSITIVE_INFINITY);
  }
  match = /^(\d{1,3}) ?(?:-|to|–) ?(\d{1,3})$/.exec(label);
  if (match) return bandOfRange(Number(match[1]), Number(match[2]));
  if (/^(unknown|not known|not recorded|missing|n\/a)$/.test(label)) return AGE_BAND_UNKNOWN;
  return AGE_BAND_UNKNOWN;
}

function bandOfRange(lower: number, upper: number): number {
  if (upper < 18) return AGE_BAND_UNDER_18;
  if (lower >= 18 && upper <= 64) return AGE_BAND_WORKING_AGE;
  if (lower >= 65) return AGE_BAND_OLDER;
  // `Over 65` means 66+ strictly, but councils use it for 65+; treat 64 < lower as older too.
  return AGE_BAND_UNKNOWN;
}
