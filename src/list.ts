/**
 * Names in a sentence, at most `max` of them, then "and N more": for warnings, errors and the
 * headline, so that a long list never runs on.
 *
 * @example
 * listSome(['a.csv', 'b.csv', 'c.csv', 'd.csv'], 3) // 'a.csv, b.csv, c.csv and 1 more'
 */
export function listSome(names: readonly string[], max: number): string {
  const shown = names.slice(0, max).join(', ');
  return names.length <= max ? shown : `${shown} and ${names.length - max} more`;
}
