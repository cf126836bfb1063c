/**
 * Warnings as data: text and counts kept apart, so that the publishing stage can hide a small
 * count (`[c]`) before the sentence is worded, rather than edit finished text. Text from a file
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
}

export interface Warning {
  parts: (string | CountPart)[];
}

/**
 * @example
 * counted(12, 'row', 'rows') // { count: 12, one: 'row', many: 'rows' }
 */
export function counted(count: number, one?: string, many?: string): CountPart {
  return { count, one, many };
}

/**
 * A count of rows scanned (the privacy guard's), which says nothing of any group's people.
 *
 * @example
 * scannedCount(3, 'row', 'rows') // { count: 3, one: 'row', many: 'rows', scanned: true }
 */
export function scannedCount(count: number, one?: string, many?: string): CountPart {
  return { count, one, many, scanned: true };
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

/**
 * @example
 * wordWarning(warning`no age for ${counted(1, 'row', 'rows')}`) // 'no age for 1 row'
 */
export function wordWarning(item: Warning): string {
  return item.parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const number = part.count === null ? '[c]' : part.count.toLocaleString('en-GB');
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
