/** Number formatting shared by the human-readable formats (table, markdown). */

// Amounts and counts are grouped by hand, as en-GB groups them: the first Intl formatter of a run
// loads ICU's locale data, 10-15 ms of a small file's run. Intl remains for what is out of range.
let poundFormat: Intl.NumberFormat | undefined;
let countFormat: Intl.NumberFormat | undefined;
/** Below this, pence are exact in a double and `toFixed(2)` writes the digits Intl would. */
const EXACT_POUNDS = 1e13;

/** Whole digits in groups of three: '1234567' -> '1,234,567' (a leading '-' is kept). */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/**
 * @example
 * formatPounds(-4.8) // '-£4.80'
 * formatPounds(null) // '–'
 */
export function formatPounds(value: number | null): string {
  if (value === null) return '–';
  const rounded = roundHalfAway(value, 100);
  const sign = rounded < 0 ? '-' : '';
  const magnitude = Math.abs(rounded);
  if (!(magnitude < EXACT_POUNDS)) {
    poundFormat ??= new Intl.NumberFormat('en-GB', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    return `${sign}£${poundFormat.format(magnitude)}`;
  }
  const [whole, pence] = magnitude.toFixed(2).split('.');
  return `${sign}£${groupThousands(whole)}.${pence}`;
}

/**
 * A percentage already on the 0-100 scale, signed, one decimal.
 *
 * @example
 * formatPercent(-4.83) // '-4.8%'
 */
export function formatPercent(value: number | null, signed = true): string {
  if (value === null) return '–';
  const rounded = roundHalfAway(value, 10);
  const text = `${Math.abs(rounded).toFixed(1)}%`;
  if (rounded < 0) return `-${text}`;
  return signed && rounded > 0 ? `+${text}` : text;
}

/**
 * A share (0-1) as a whole percentage.
 *
 * @example
 * formatShare(0.574) // '57%'
 */
export function formatShare(value: number | null): string {
  return value === null ? '–' : `${Math.round(value * 100)}%`;
}

/**
 * A p-value to two significant figures, or `<0.001`.
 *
 * @example
 * formatP(0.04567) // '0.046'
 * formatP(0.00001) // '<0.001'
 */
export function formatP(value: number | null): string {
  if (value === null || Number.isNaN(value)) return '–';
  if (value < 0.001) return '<0.001';
  return Number(value.toPrecision(2)).toString();
}

/** @example formatNumber(0.93778, 2) // '0.94' */
export function formatNumber(value: number | null, digits: number): string {
  return value === null || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

/** @example formatCount(12345) // '12,345' */
export function formatCount(value: number | null): string {
  // A count is null only when small-number suppression hid it.
  if (value === null) return '[c]';
  if (Number.isSafeInteger(value)) return groupThousands(String(value));
  countFormat ??= new Intl.NumberFormat('en-GB');
  return countFormat.format(value);
}

export const DIMENSION_TITLES: Record<string, string> = {
  clientGroup: 'client group',
  ageBand: 'age band',
  rawClientGroup: 'client group as written',
  source: 'source',
  financialYear: 'financial year',
  quarter: 'quarter',
  month: 'month',
};

/** `['clientGroup', 'ageBand']` -> `client group × age band`; `column:Team` -> its header, `Team`. */
export function describeBreakdown(by: readonly string[]): string {
  return by
    .map((dimension) =>
      dimension.startsWith('column:')
        ? dimension.slice('column:'.length)
        : (DIMENSION_TITLES[dimension] ?? dimension),
    )
    .join(' × ');
}

/** Rounds half away from zero, so -0.125 and 0.125 round to the same magnitude. */
function roundHalfAway(value: number, scale: number): number {
  return (Math.sign(value) * Math.round(Math.abs(value) * scale)) / scale;
}

/**
 * The sentence saying how many records count as unchanged only because their amounts agree to the
 * precision the export wrote them in; null when none did. A hidden (small) count reads `[c]`.
 *
 * @example
 * roundingNote({ unchangedWithinRounding: 81 })
 * // '81 records were called unchanged within rounding: ...'
 */
export function roundingNote(rows: { unchangedWithinRounding?: number | null }): string | null {
  const count = rows.unchangedWithinRounding;
  if (count === 0 || count === undefined) return null;
  const records = count === 1 ? 'record was' : 'records were';
  return `${formatCount(count)} ${records} called unchanged within rounding: the two amounts differ, but agree to the precision the export wrote them in (e.g. whole pounds a year beside pence a week); --tolerance adds to that.`;
}

/**
 * Text from a file made safe for a terminal: control characters (escape sequences, bell, NUL)
 * and the bidirectional overrides that can reorder what a line appears to say are shown as
 * escapes instead of acting. Line breaks of the text itself stay.
 *
 * @example
 * visible('Learning\u001b[2J') // 'Learning\\x1b[2J'
 * visible('abc\u202edef') // 'abc\\u202edef'
 */
export function visible(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (char) => {
      const code = char.charCodeAt(0);
      return code <= 0xff
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
    },
  );
}
