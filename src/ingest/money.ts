/**
 * Money as councils write it: `£1,234.56`, `1234.5`, ` £ 12 `, `(12.00)`.
 *
 * Amounts become whole pence so that sums over a million rows stay exact (a double holds every
 * integer up to 2^53, far beyond any national total in pence). The result is either a
 * non-negative number of pence or one of the negative sentinels below, so the hot path allocates
 * nothing.
 */

/** Blank cell. */
export const MONEY_MISSING = -1;
/** An FOI suppression marker such as `[c]` or `*`: a hidden value, never zero. */
export const MONEY_SUPPRESSED = -2;
/** Text that is not an amount, or a negative amount (a budget cannot be below zero). */
export const MONEY_INVALID = -3;

/** Markers that FOI releases and GSS tables use for a suppressed or withheld figure (lower case). */
export const SUPPRESSION_MARKERS: ReadonlySet<string> = new Set([
  '*',
  '**',
  '[c]',
  '[x]',
  '[z]',
  'c',
  'x',
  '..',
  '-',
  '–',
  '<5',
  '< 5',
  '<10',
  '< 10',
  'n/a',
  'na',
  'redacted',
  'suppressed',
  'withheld',
]);

const CODE_0 = 48;
const CODE_9 = 57;
const CODE_DOT = 46;
const CODE_COMMA = 44;
const CODE_SPACE = 32;
const CODE_POUND = 0xa3;
const CODE_OPEN = 40;
const CODE_CLOSE = 41;
const CODE_MINUS = 45;
const CODE_NBSP = 0xa0;
const CODE_TAB = 9;

/** Decimal places written in the last amount `parseMoney` read (see `lastMoneyDecimals`). */
let lastDecimals = 0;

/**
 * The number of decimal places written in the amount the last call of `parseMoney` returned (0
 * for `£5,843`, 2 for `112.37`, 3 for `1.005`): the precision the export recorded it in. Kept
 * beside the parser, not returned by it, so that the hot path allocates nothing.
 *
 * @example
 * parseMoney('£5,843'); lastMoneyDecimals() // 0
 * parseMoney('112.37'); lastMoneyDecimals() // 2
 */
export function lastMoneyDecimals(): number {
  return lastDecimals;
}

/**
 * Parses one amount cell into whole pence. Fractions of a penny are rounded half away from zero.
 *
 * @example
 * parseMoney('£1,234.56') // 123456
 * parseMoney(' £ 12 ')    // 1200
 * parseMoney('')          // MONEY_MISSING
 * parseMoney('[c]')       // MONEY_SUPPRESSED
 * parseMoney('(12.00)')   // MONEY_INVALID (negative)
 */
export function parseMoney(text: string): number {
  const length = text.length;
  let start = 0;
  let end = length;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  if (start === end) return MONEY_MISSING;

  let pounds = 0;
  let fraction = 0;
  let fractionDigits = 0;
  let roundUp = false;
  let digits = 0;
  let seenDot = false;
  let negative = false;
  let groupDigits = -1; // digits since the last thousands comma; -1 before any comma
  let sawPound = false;
  let opened = false;
  let closed = false;

  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= CODE_0 && code <= CODE_9) {
      if (closed) return classifyText(text);
      const digit = code - CODE_0;
      if (seenDot) {
        if (fractionDigits < 2) {
          fraction = fraction * 10 + digit;
          fractionDigits++;
        } else if (fractionDigits === 2) {
          roundUp = digit >= 5;
          fractionDigits++;
        }
      } else {
        pounds = pounds * 10 + digit;
        if (groupDigits >= 0) groupDigits++;
      }
      digits++;
    } else if (code === CODE_COMMA) {
      // A thousands separator must follow a digit and be followed by exactly three digits.
      // ...and the first group has one to three digits (`1234,567` is not an amount).
      if (seenDot || digits === 0 || (groupDigits >= 0 && groupDigits !== 3)) {
        return classifyText(text);
      }
      if (groupDigits < 0 && digits > 3) return classifyText(text);
      groupDigits = 0;
    } else if (code === CODE_DOT) {
      if (seenDot || (groupDigits >= 0 && groupDigits !== 3)) return classifyText(text);
      seenDot = true;
      groupDigits = -1;
    } else if (code === CODE_POUND) {
      if (sawPound || digits > 0) return classifyText(text);
      sawPound = true;
    } else if (code === CODE_SPACE || code === CODE_NBSP || code === CODE_TAB) {
      if (digits > 0 && !closed && i + 1 < end && isDigitOrSeparator(text.charCodeAt(i + 1))) {
        return classifyText(text); // `12 34` is not an amount
      }
    } else if (code === CODE_OPEN) {
      if (opened || digits > 0 || sawPound) return classifyText(text);
      opened = true;
      negative = true;
    } else if (code === CODE_CLOSE) {
      if (!opened || closed || digits === 0) return classifyText(text);
      closed = true;
    } else if (code === CODE_MINUS) {
      if (negative || digits > 0) return classifyText(text);
      negative = true;
    } else {
      return classifyText(text);
    }
  }
  if (digits === 0) return classifyText(text);
  if (groupDigits >= 0 && groupDigits !== 3) return classifyText(text);
  if (opened !== closed) return MONEY_INVALID;
  lastDecimals = fractionDigits;
  if (fractionDigits === 1) fraction *= 10;
  let pence = pounds * 100 + fraction + (roundUp ? 1 : 0);
  if (!Number.isSafeInteger(pence)) return MONEY_INVALID;
  if (negative) {
    // `-0.00` is zero; any other negative budget is an error in the export, not a value to use.
    if (pence === 0) pence = 0;
    else return MONEY_INVALID;
  }
  return pence;
}

function isBlank(code: number): boolean {
  return code === CODE_SPACE || code === CODE_NBSP || code === CODE_TAB;
}

function isDigitOrSeparator(code: number): boolean {
  return (code >= CODE_0 && code <= CODE_9) || code === CODE_COMMA || code === CODE_DOT;
}

/** The slow path, only for cells that are not plain amounts: a marker, or invalid text. */
function classifyText(text: string): number {
  const marker = text.trim().toLowerCase();
  if (SUPPRESSION_MARKERS.has(marker)) return MONEY_SUPPRESSED;
  // `<3`, `< 10`: "fewer than N", a small-number marker whatever the threshold.
  return /^<\s?\d{1,2}$/.test(marker) ? MONEY_SUPPRESSED : MONEY_INVALID;
}

/** Formats whole pence as pounds for messages, e.g. 123456 -> `£1,234.56`. */
export function formatPence(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const absolute = Math.abs(pence);
  const pounds = Math.floor(absolute / 100);
  const rest = String(Math.round(absolute % 100)).padStart(2, '0');
  return `${sign}£${pounds.toLocaleString('en-GB')}.${rest}`;
}
