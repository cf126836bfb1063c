/**
 * Publishing rules shared by the tables (apply.ts) and the charts (analysis/charts.ts), so the
 * two never disagree on what is withheld or how counts are rounded.
 */

/**
 * Beside a hidden up, down or unchanged count, order statistics (medians, quartiles) of a group
 * of fewer than RANK_SAFE × minCount records are withheld: their signs would bound the count.
 */
export const RANK_SAFE = 4;

/**
 * A count rounded to the nearest multiple of step (`--round-counts`).
 *
 * @example
 * roundTo(746, 5) // 745
 */
export function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}
