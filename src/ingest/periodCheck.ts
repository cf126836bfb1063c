/**
 * Period sanity: whether the numbers agree with the periods the amounts were read in. Moderation
 * moves a budget by a few per cent, rarely by half; when the typical actual amount is about 52, 12
 * or 4⅓ times the indicative one (or a 52nd, ...), the two columns hold different periods, whatever
 * their headers say, and every gap would be wrong by that factor.
 */
import { RasgapError } from '../errors.js';
import type { InputFile } from './read.js';
import {
  PERIOD_WORDS,
  PERIODS,
  PERIODS_PER_YEAR,
  type InputPeriods,
  type Period,
} from './period.js';
import type { RecordTable } from './records.js';

/** How near (as a ratio) the median must be to a ratio of two periods: within 6%. */
const NEAR = Math.log(1.06);

/** Rows with both amounts above zero needed before the median says anything. */
const MIN_ROWS = 3;

/** Every ratio of two different periods per year, but 13/12 (too near 1 to tell from a gap). */
const PERIOD_RATIOS: { ratio: number; indicative: Period; actual: Period }[] = PERIODS.flatMap(
  (indicative) =>
    PERIODS.filter((actual) => actual !== indicative).map((actual) => ({
      ratio: PERIODS_PER_YEAR[indicative] / PERIODS_PER_YEAR[actual],
      indicative,
      actual,
    })),
).filter(({ ratio }) => Math.abs(Math.log(ratio)) > Math.log(1.5));

/** What the numbers of one file suggest: the median ratio and the periods that explain it. */
export interface PeriodMismatch {
  source: number;
  /** Median of actual / indicative, in the units the amounts were read in. */
  medianRatio: number;
  rows: number;
  /** Periods per year of each amount as written that would make the median ratio about 1. */
  indicative: Period;
  actual: Period;
}

/**
 * Looks at actual / indicative across each file's rows (amounts as read, after any period
 * conversion) and returns the first file whose median ratio is near a ratio of two periods.
 * O(n log n): one sort of the ratios per file.
 *
 * @example
 * findPeriodMismatch(table) // { source: 0, medianRatio: 51.9, rows: 120, indicative: 'week', actual: 'year' }
 */
export function findPeriodMismatch(table: RecordTable): PeriodMismatch | null {
  const { indicative, actual, source, count } = table;
  // Each file's ratios in one array, file after file (a counting sort by file), so that many
  // files cost one pass and one sort each of their own rows.
  let sources = 0;
  for (let row = 0; row < count; row++) sources = Math.max(sources, source[row] + 1);
  const start = new Uint32Array(sources + 1);
  const usable = (row: number): boolean => indicative[row] > 0 && actual[row] > 0;
  for (let row = 0; row < count; row++) if (usable(row)) start[source[row] + 1]++;
  for (let file = 0; file < sources; file++) start[file + 1] += start[file];
  const ratios = new Float64Array(start[sources]);
  const filled = start.slice(0, sources);
  for (let row = 0; row < count; row++) {
    if (usable(row)) ratios[filled[source[row]]++] = actual[row] / indicative[row];
  }
  for (let file = 0; file < sources; file++) {
    const n = start[file + 1] - start[file];
    if (n < MIN_ROWS) continue;
    const sorted = ratios.subarray(start[file], start[file + 1]).sort();
    const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    const near = nearestPeriodRatio(median);
    if (near !== null) {
      return {
        source: file,
        medianRatio: median,
        rows: n,
        indicative: near.indicative,
        actual: near.actual,
      };
    }
  }
  return null;
}

/** The pair of periods whose ratio is within 6% of `ratio`, the nearest, or null. */
function nearestPeriodRatio(ratio: number): { indicative: Period; actual: Period } | null {
  let best: (typeof PERIOD_RATIOS)[number] | null = null;
  let bestDistance = NEAR;
  for (const candidate of PERIOD_RATIOS) {
    const distance = Math.abs(Math.log(ratio / candidate.ratio));
    // On a tie the more common pair, listed first (week before fortnight, year last), stays.
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Stops the run (exit 2) when a file's numbers say its two amount columns are in different
 * periods: says what the numbers suggest and gives the `--input-period` flags that fix it. Not
 * checked when both periods were named per amount (`--input-period indicative=… actual=…`).
 *
 * @example
 * checkPeriods(table, inputs); // throws RasgapError PERIOD_MISMATCH, or returns
 */
export function checkPeriods(
  table: RecordTable,
  inputs: Pick<InputFile, 'path' | 'header'>[],
  given: InputPeriods = {},
): void {
  // Both periods named per amount: the person has looked at the numbers, and is taken at their word.
  if (given.indicative !== undefined && given.actual !== undefined) return;
  const mismatch = findPeriodMismatch(table);
  if (mismatch === null) return;
  const input = inputs[mismatch.source];
  const { header } = input;
  const indicativeHeader = header.columns.indicative;
  const actualHeader = header.columns.actual;
  const ratio = mismatch.medianRatio;
  const times =
    ratio >= 1
      ? `about ${formatRatio(ratio)} times the indicative ones`
      : `about 1/${formatRatio(1 / ratio)} of the indicative ones`;
  const read = (role: 'indicative' | 'actual'): string => {
    const amount = header.periods[role];
    switch (amount.source) {
      case 'header':
        return `${PERIOD_WORDS[amount.period!]}, from its header`;
      case 'option':
        return `${PERIOD_WORDS[amount.period!]}, from --input-period`;
      case 'frequency-column':
        return `per row from "${header.columns.frequency}"`;
      default:
        return 'not stated';
    }
  };
  const suggestion = suggestPeriods(mismatch, input);
  throw new PeriodMismatchError(
    suggestion.periods,
    'PERIOD_MISMATCH',
    `the actual amounts ("${actualHeader}", read as ${read('actual')}) are ${times} ("${indicativeHeader}", read as ${read('indicative')}): median ratio ${ratio.toPrecision(4)} over ${mismatch.rows} rows, so the two columns hold different periods (${suggestion.reading}) and every gap would be wrong by that factor`,
    {
      file: input.path,
      line: header.line,
      fix:
        header.periods.indicative.source === 'frequency-column'
          ? `check "${header.columns.frequency}" against the amounts (rasgap inspect shows each column), or pass ${suggestion.flags}`
          : `pass ${suggestion.flags}; if the amounts really are as read, say so by naming both periods (--input-period indicative=${current(input, 'indicative')} --input-period actual=${current(input, 'actual')}), after checking the columns with rasgap inspect`,
    },
  );
}

/** A period mismatch, with the `--input-period` values that fix it (for inspect's suggestion). */
export class PeriodMismatchError extends RasgapError {
  constructor(
    /** e.g. `['indicative=week', 'actual=year']` */
    readonly inputPeriods: string[],
    ...rest: ConstructorParameters<typeof RasgapError>
  ) {
    super(...rest);
  }
}

/**
 * The periods as written that explain the ratio. An amount whose period was read from a header,
 * an option or a frequency column keeps it where the other one alone can explain the ratio.
 */
function suggestPeriods(
  mismatch: PeriodMismatch,
  input: Pick<InputFile, 'path' | 'header'>,
): { reading: string; periods: string[]; flags: string } {
  const periods = input.header.periods;
  const stated = (role: 'indicative' | 'actual'): Period | null =>
    periods[role].source === 'not-stated' || periods[role].source === 'frequency-column'
      ? null
      : periods[role].period;
  // The ratio in the units read: (true indicative per year / true actual per year) x
  // (actual's factor / indicative's factor). Try keeping one stated period, then the other.
  const factor = (role: 'indicative' | 'actual'): number => {
    const period = stated(role);
    return period === null ? 1 : PERIODS_PER_YEAR[period];
  };
  const perYear = mismatch.medianRatio * (factor('indicative') / factor('actual'));
  const periodOf = (value: number): Period | null =>
    PERIODS.find((period) => Math.abs(Math.log(PERIODS_PER_YEAR[period] / value)) < NEAR) ?? null;
  const indicativeStated = stated('indicative');
  const actualStated = stated('actual');
  if (indicativeStated !== null) {
    // Keep the indicative's period: actual per year = indicative per year / ratio-in-written-units.
    const actual = periodOf(PERIODS_PER_YEAR[indicativeStated] / perYear);
    if (actual !== null && actual !== actualStated) {
      return {
        reading: `the numbers suggest "${input.header.columns.actual}" is per ${actual}`,
        ...flagsOf([`actual=${actual}`]),
      };
    }
  }
  if (actualStated !== null) {
    const indicative = periodOf(PERIODS_PER_YEAR[actualStated] * perYear);
    if (indicative !== null && indicative !== indicativeStated) {
      return {
        reading: `the numbers suggest "${input.header.columns.indicative}" is per ${indicative}`,
        ...flagsOf([`indicative=${indicative}`]),
      };
    }
  }
  // Neither stated period explains it alone: name both, from the ratio of the amounts as written.
  const pair = nearestPeriodRatio(perYear) ?? mismatch;
  return {
    reading: `the numbers suggest "${input.header.columns.indicative}" is per ${pair.indicative} and "${input.header.columns.actual}" per ${pair.actual}`,
    ...flagsOf([`indicative=${pair.indicative}`, `actual=${pair.actual}`]),
  };
}

function flagsOf(periods: string[]): { periods: string[]; flags: string } {
  return { periods, flags: periods.map((period) => `--input-period ${period}`).join(' ') };
}

/** The period an amount was read in, for the flag that keeps it (year when nothing said). */
function current(input: Pick<InputFile, 'path' | 'header'>, role: 'indicative' | 'actual'): Period {
  return input.header.periods[role].period ?? 'year';
}

function formatRatio(ratio: number): string {
  return ratio >= 10 ? String(Math.round(ratio)) : ratio.toFixed(1);
}
