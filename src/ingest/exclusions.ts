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

/**
 * Builds the detail of entries added with `addDeferred` from their two numbers (e.g. a person and
 * the row that superseded theirs), when the detail is read.
 */
export type DetailMaker = (a: number, b: number) => string;

/**
 * The excluded rows, as typed columns rather than an object and a string each: a national file
 * leaves out about a tenth of its rows. Details repeat ("actual: blank") and are kept once; the
 * detail of a superseded record, different for each, is built only when it is read (see
 * `addDeferred`), which only writing the `--exclusions` file does for every entry.
 */
export class ExclusionLedger {
  private size = 0;
  private sources = new Uint16Array(256);
  private lines = new Uint32Array(256);
  private reasons = new Uint8Array(256);
  /** Index into `texts`, or -1 - the maker's index for a deferred detail. */
  private details = new Int32Array(256);
  /** The two numbers of a deferred detail (0 otherwise). */
  private first = new Int32Array(256);
  private second = new Int32Array(256);
  private readonly texts: string[] = [];
  private readonly textIndex = new Map<string, number>();
  private readonly makers: DetailMaker[] = [];
  /** Text added to some entries' details after they were written (see `appendDetail`). */
  private readonly suffixes = new Map<number, string>();

  /** Number of entries. */
  get length(): number {
    return this.size;
  }

  /**
   * Adds an entry and returns its index.
   *
   * @example
   * ledger.add(0, 7, 'total-row', '"Total"') // 0
   */
  add(source: number, line: number, reason: ExclusionReason, detail: string): number {
    let text = this.textIndex.get(detail);
    if (text === undefined) {
      text = this.texts.length;
      this.texts.push(detail);
      this.textIndex.set(detail, text);
    }
    return this.push(source, line, reason, text, 0, 0);
  }

  /**
   * Registers a way of building details (see `addDeferred`) and returns its number.
   *
   * @example
   * const superseded = ledger.maker((person, row) => `person ${ids.at(person)} ...`);
   */
  maker(make: DetailMaker): number {
    this.makers.push(make);
    return this.makers.length - 1;
  }

  /**
   * Adds an entry whose detail `makers[maker](a, b)` builds when read, and returns its index.
   *
   * @example
   * ledger.addDeferred(0, 12, 'superseded', superseded, person, winnerRow)
   */
  addDeferred(
    source: number,
    line: number,
    reason: ExclusionReason,
    maker: number,
    a: number,
    b: number,
  ): number {
    return this.push(source, line, reason, -1 - maker, a, b);
  }

  /** The detail of entry `index`, as it will be written. */
  detail(index: number): string {
    const code = this.details[index];
    const text =
      code >= 0 ? this.texts[code] : this.makers[-1 - code](this.first[index], this.second[index]);
    return text + (this.suffixes.get(index) ?? '');
  }

  /** Adds to the end of entry `index`'s detail (e.g. which record is used instead). */
  appendDetail(index: number, text: string): void {
    this.suffixes.set(index, (this.suffixes.get(index) ?? '') + text);
  }

  /**
   * Every entry as an object, in the order added: built when asked (for the `--exclusions` file
   * and tests), so changing them changes nothing in the ledger.
   */
  get entries(): Exclusion[] {
    return Array.from({ length: this.size }, (_, index) => ({
      source: this.sources[index],
      line: this.lines[index],
      reason: EXCLUSION_REASONS[this.reasons[index]],
      detail: this.detail(index),
    }));
  }

  /** Counts and lines per reason, in the order of EXCLUSION_REASONS, sorted by file then line. */
  summary(
    maxLines = 20,
  ): { reason: ExclusionReason; count: number; lines: number[]; sources: number[] }[] {
    const byReason: number[][] = EXCLUSION_REASONS.map(() => []);
    for (let index = 0; index < this.size; index++) byReason[this.reasons[index]].push(index);
    return EXCLUSION_REASONS.map((reason, code) => {
      const matching = byReason[code].sort(
        (a, b) => this.sources[a] - this.sources[b] || this.lines[a] - this.lines[b],
      );
      const shown = matching.slice(0, maxLines);
      return {
        reason,
        count: matching.length,
        lines: shown.map((index) => this.lines[index]),
        /** The input file of each of those lines (index into the inputs). */
        sources: shown.map((index) => this.sources[index]),
      };
    }).filter((item) => item.count > 0);
  }

  private push(
    source: number,
    line: number,
    reason: ExclusionReason,
    detail: number,
    a: number,
    b: number,
  ): number {
    if (this.size === this.lines.length) this.grow();
    const index = this.size++;
    this.sources[index] = source;
    this.lines[index] = line;
    this.reasons[index] = REASON_CODES.get(reason)!;
    this.details[index] = detail;
    this.first[index] = a;
    this.second[index] = b;
    return index;
  }

  private grow(): void {
    const capacity = this.lines.length * 2;
    const grown = <T extends Uint16Array | Uint32Array | Uint8Array | Int32Array>(
      column: T,
      make: (length: number) => T,
    ): T => {
      const copy = make(capacity);
      copy.set(column);
      return copy;
    };
    this.sources = grown(this.sources, (length) => new Uint16Array(length));
    this.lines = grown(this.lines, (length) => new Uint32Array(length));
    this.reasons = grown(this.reasons, (length) => new Uint8Array(length));
    this.details = grown(this.details, (length) => new Int32Array(length));
    this.first = grown(this.first, (length) => new Int32Array(length));
    this.second = grown(this.second, (length) => new Int32Array(length));
  }
}

const REASON_CODES = new Map<ExclusionReason, number>(
  EXCLUSION_REASONS.map((reason, code) => [reason, code]),
);
