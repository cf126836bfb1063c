/**
 * The p-quantile of sorted values by R's default definition (type 7): linear interpolation
 * between the order statistics at (n - 1) * p. simple-statistics' `quantileSorted` uses a
 * different definition, so this one is ours; it is checked against R in the tests.
 *
 * @example
 * quantileSorted(Float64Array.of(1, 2, 3, 4), 0.25) // 1.75, as R's quantile(1:4, 0.25)
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const position = (n - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, n - 1);
  const weight = position - lower;
  const low = sorted[lower];
  return weight === 0 ? low : low + (sorted[upper] - low) * weight;
}
