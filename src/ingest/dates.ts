/**
 * Dates as UK exports write them. Returned as days since 1970-01-01 (UTC) so that they sort and
 * fit a typed array; NaN when the cell is blank or not a date.
 */
const MONTHS = new Map<string, number>(
  Object.entries({
    jan: 1,
    feb: 2,
    mar: 3,
    apr: 4,
    may: 5,
    jun: 6,
    jul: 7,
    aug: 8,
    sep: 9,
    sept: 9,
    oct: 10,
    nov: 11,
    dec: 12,
  }),
);

const DAY_MS = 86_400_000;

/**
 * Parses DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY, YYYY-MM-DD (with an optional time after it) and
 * `12 Mar 2023`. Day-first is the UK norm; US month-first dates are not guessed at.
 *
 * @example
 * parseDate('12/03/2023') === parseDate('2023-03-12') // true
 * parseDate('31/02/2023')                             // NaN
 */
export function parseDate(text: string, twoDigitYears = true): number {
  const trimmed = text.trim();
  if (trimmed === '') return Number.NaN;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ T].*)?$/.exec(trimmed);
  if (match && match[3].length === 2 && !twoDigitYears) return Number.NaN;
  if (match) return daysOf(fullYear(match[3]), Number(match[2]), Number(match[1]));
  match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T].*)?$/.exec(trimmed);
  if (match) return daysOf(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{4})(?: .*)?$/.exec(trimmed);
  if (match) {
    const month =
      MONTHS.get(match[2].toLowerCase()) ?? MONTHS.get(match[2].toLowerCase().slice(0, 3));
    if (month) return daysOf(Number(match[3]), month, Number(match[1]));
  }
  return Number.NaN;
}

/**
 * A two-digit year (`12/03/23`, as UK Excel often writes) follows Excel's own rule: 00-29 are
 * 2000-2029, 30-99 are 1930-1999. A fixed rule, not today's date, so that the same file always
 * gives the same dates.
 */
function fullYear(text: string): number {
  if (text.length === 4) return Number(text);
  const twoDigits = Number(text);
  return twoDigits <= 29 ? 2000 + twoDigits : 1900 + twoDigits;
}

function daysOf(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2200) {
    return Number.NaN;
  }
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return Number.NaN;
  return time / DAY_MS;
}

/** Days since 1970-01-01 as `YYYY-MM-DD`; an empty string for NaN. */
export function formatDays(days: number): string {
  if (!Number.isFinite(days)) return '';
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}
