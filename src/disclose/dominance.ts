/**
 * The p% rule for money totals (as tau-Argus and sdcTable apply it to magnitude tables): a total
 * is sensitive when the second-largest contributor, knowing their own budget, could estimate the
 * largest to within p% by subtracting from the total: T - x1 - x2 < p/100 × x1.
 */

/**
 * @param largest the two largest contributions, largest first (0 where there are fewer)
 * @example
 * failsPRule(1000, [900, 50], 10) // true: 1000 - 900 - 50 = 50 < 90
 * failsPRule(1000, [300, 200], 10) // false
 */
export function failsPRule(total: number, largest: readonly [number, number], p: number): boolean {
  const [first, second] = largest;
  if (first <= 0) return false;
  return total - first - second < (p / 100) * first;
}
