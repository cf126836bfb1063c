/**
 * Warnings as data: text and counts kept apart, so that the publishing stage can withhold a count
 * before the sentence is worded, rather than edit finished text. A withheld count is worded as
 * "count not shown", never `[c]`: in a table `[c]` means 1 to k-1, and a warning's count is
 * withheld whatever its size. Text from a file
 * (labels, headers) stays text: it is never read for placeholders.
 */

/** A count in a warning, with the noun that follows it (singular for exactly 1). */
export interface CountPart {
  /** Null where the publishing stage hides the count. */
  count: number | null;
  one?: string;
  many?: string;
  /** A count of rows scanned for a pattern (the privacy guard), not of people in any group. */
  scanned?: boolean;
  /**
   * The words in place of count and noun when the count is withheld, where the noun carries a
   * verb ("some people (ids; count not shown) appear"); else "some <many> (count not shown)".
   */
  withheld?: string;
}

export interface Warning {
  parts: (string | CountPart)[];
}

/**
 * @example
 * counted(12, 'row', 'rows') // { count: 12, one: 'row', many: 'rows' }
 */
export function counted(count: number, one?: string, many?: string, withheld?: string): CountPart {
  return withheld === undefined ? { count, one, many } : { count, one, many, withheld };
}

/**
 * A count of rows scanned (the privacy guard's), which says nothing of any group's people.
 *
 * @example
 * scannedCount(3, 'row', 'rows') // { count: 3, one: 'row', many: 'rows', scanned: true }
 */
export function scannedCount(
  count: number,
  one?: string,
  many?: string,
  withheld?: string,
): CountPart {
  return withheld === undefined
    ? { count, one, many, scanned: true }
    : { count, one, many, scanned: true, withheld };
}

/**
 * A warning from a template: strings are text, `counted(...)` values are counts.
 *
 * @example
 * warning`${file}: no age for ${counted(12, 'row', 'rows')}`
 */
export function warning(text: TemplateStringsArray, ...values: (string | CountPart)[]): Warning {
  const parts: (string | CountPart)[] = [];
  text.forEach((piece, k) => {
    parts.push(piece);
    if (k < values.length) parts.push(values[k]);
  });
  return { parts };
}

/** A warning of text alone. */
export function plainWarning(text: string): Warning {
  return { parts: [text] };
}

/** What a withheld count with no noun reads as: `"Day Services" (count not shown)`. */
export const COUNT_NOT_SHOWN = 'count not shown';

/**
 * @example
 * wordWarning(warning`no age for ${counted(1, 'row', 'rows')}`) // 'no age for 1 row'
 * wordWarning(warning`no age for ${{ count: null, one: 'row', many: 'rows' }}`)
 * // 'no age for some rows (count not shown)'
 */
export function wordWarning(item: Warning): string {
  return item.parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part.count === null) {
        if (part.withheld !== undefined) return part.withheld;
        if (part.one === undefined) return COUNT_NOT_SHOWN;
        return `some ${part.many ?? part.one} (${COUNT_NOT_SHOWN})`;
      }
      const number = part.count.toLocaleString('en-GB');
      if (part.one === undefined) return number;
      return `${number} ${part.count === 1 ? part.one : (part.many ?? part.one)}`;
    })
    .join('');
}

/**
 * Every count of a warning passed through `publish` (e.g. hidden), but counts of rows scanned,
 * which stay unless `scanned` says otherwise (where rows read are hidden, they would give them
 * back: a file under the privacy guard's sample is scanned whole).
 */
export function mapCounts(
  item: Warning,
  publish: (count: number) => number | null,
  scanned: (count: number) => number | null = (count) => count,
): Warning {
  return {
    parts: item.parts.map((part) =>
      typeof part === 'string' || part.count === null
        ? part
        : { ...part, count: part.scanned ? scanned(part.count) : publish(part.count) },
    ),
  };
}
