/**
 * Publishing constants shared by the tables (publish.ts) and the charts (charts.ts), so the two
 * never disagree on what is withheld or how counts are rounded.
 */

/**
 * Beside a hidden up, down or unchanged count, order statistics (medians, quartiles) of a group
 * of fewer than RANK_SAFE × minCount records are withheld: their signs would bound the count.
 */
export const RANK_SAFE = 4;

/**
 * The 10th and 90th percentiles are published from this many values: 1 + 0.1 (n - 1) >= 2, so
 * R's type-7 quantile lies between the 2nd and later values, not on a blend with the smallest.
 */
export const WHISKER_MIN = 11;

/** p of the p% rule for money totals unless `--dominance-p` says otherwise. */
export const DOMINANCE_P = 10;

/**
 * A count rounded to the nearest multiple of step (`--round-counts`).
 *
 * @example
 * roundTo(746, 5) // 745
 */
export function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}
