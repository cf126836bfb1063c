/**
 * Every input row is either used or excluded with a reason and its line. This is the ledger of the
 * excluded ones.
 */
export const EXCLUSION_REASONS = [
  'malformed-row',
  'total-row',
  'subtotal-row',
  'group-label-row',
  'repeated-header',
  'table-below-data',
  'missing-value',
  'suppressed-value',
  'invalid-value',
  'unknown-period',
  'duplicate-row',
  'superseded',
  'no-date-agreed',
  'outside-dates',
  'filtered-out',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** What each reason means, for docs/input.md, `--help` and the data-quality notes. */
export const EXCLUSION_MEANINGS: Record<ExclusionReason, string> = {
  'malformed-row': 'the row has a different number of fields from the header',
  'total-row': 'a summary row such as "Total" or "All clients", not a person',
  'subtotal-row':
    'a subtotal inside the data ("Learning Disability Subtotal", "Sub-total", "Total for Mental Health"), not a person',
  'group-label-row':
    'a row holding only a label, such as a client group heading above its rows, not a person',
  'repeated-header': 'the header row again inside the data (e.g. at a page break), not a person',
  'table-below-data':
    'part of another table under the data (after blank lines, a title or a header line of its own, such as a summary by group or notes), not people',
  'missing-value': 'the indicative or actual amount is blank',
  'suppressed-value': 'the amount is an FOI suppression marker such as [c] or *: hidden, not zero',
  'invalid-value':
    "the amount is not a number, or is negative, or the row holds a byte that is not valid in the file's encoding",
  'unknown-period':
    'the frequency column is blank or names no known period (weekly, fortnightly, 4 weekly, monthly, annual)',
  'duplicate-row': 'the row repeats an earlier row of the same file in every field',
  superseded: 'a later record for the same person replaces it (latest date agreed wins)',
  'no-date-agreed':
    'the row has no date agreed, so --from/--to cannot place it in the dates asked for',
  'outside-dates': 'the date agreed is before --from or after --to',
  'filtered-out':
    'the record is not in the group a --where filter keeps (the --exclusions file names the filter and the value)',
};

/**
 * Reasons that are a choice of records rather than a flaw in them: their counts describe the groups
 * left out (people of another age band, another year), so publishing treats them as group counts.
 */
export const SELECTION_REASONS: readonly ExclusionReason[] = [
  'outside-dates',
  'no-date-agreed',
  'filtered-out',
];

export interface Exclusion {
  source: number;
  line: number;
  reason: ExclusionReason;
  /** Which column and value, or which record superseded it. */
  detail: string;
}

export class ExclusionLedger {
  readonly entries: Exclusion[] = [];

  add(source: number, line: number, reason: ExclusionReason, detail: string): void {
    this.entries.push({ source, line, reason, detail });
  }

  /** Counts and lines per reason, in the order of EXCLUSION_REASONS, sorted by file then line. */
  summary(
    maxLines = 20,
  ): { reason: ExclusionReason; count: number; lines: number[]; sources: number[] }[] {
    return EXCLUSION_REASONS.map((reason) => {
      const matching = this.entries
        .filter((entry) => entry.reason === reason)
        .sort((a, b) => a.source - b.source || a.line - b.line);
      return {
        reason,
        count: matching.length,
        lines: matching.slice(0, maxLines).map((entry) => entry.line),
        /** The input file of each of those lines (index into the inputs). */
        sources: matching.slice(0, maxLines).map((entry) => entry.source),
      };
    }).filter((item) => item.count > 0);
  }
}
