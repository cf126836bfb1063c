/**
 * The records of one run, held as columns of typed arrays rather than an object per row, so that a
 * million rows take tens of megabytes and the statistics run over contiguous memory.
 */
import { AGE_BANDS } from './age.js';
import { NamedColumnBuilder, namedColumnKey, type NamedColumn } from './namedColumns.js';

export interface RecordTable {
  /** Number of records held. */
  count: number;
  /** Indicative budget in pence per `amountUnit` (whole pence per year when the period is known). */
  indicative: Float64Array;
  /** Actual (agreed) budget in the same unit as `indicative`. */
  actual: Float64Array;
  /**
   * Decimal places each amount was written with (0 for `£5,843`, 2 for `112.37`; 3 for finer
   * than pence), so that two amounts can be compared to the precision the export recorded.
   */
  indicativeDecimals: Uint8Array;
  actualDecimals: Uint8Array;
  /** Periods per year each amount was multiplied by (52 for weekly; 1 for annual or as given). */
  indicativePerYear: Uint8Array;
  actualPerYear: Uint8Array;
  /** Index into `clientGroupLabels`. */
  clientGroup: Uint32Array;
  clientGroupLabels: string[];
  /** Index into AGE_BANDS. */
  ageBand: Uint8Array;
  /** Index into the list of input files. */
  source: Uint16Array;
  /** Index into `sourceGroupLabels`: the council column's value, or the file name. */
  sourceGroup: Uint32Array;
  sourceGroupLabels: string[];
  /** RAS points, NaN when the export has none for the row. */
  rasPoints: Float64Array;
  /** Line of the file on which the record starts (1-based, header included). */
  line: Uint32Array;
  /** Date agreed as days since 1970-01-01, NaN when there is none. */
  dateAgreed: Float64Array;
  /**
   * Index into `personIds`, -1 when the row has no id. One index is one person: the same id in
   * files of one council (pooled extracts) shares it; with a council column, each council's ids
   * are apart, and with `--separate-files` each file's.
   */
  person: Int32Array;
  personIds: string[];
  /** The path of each input file, by `source` (empty for tables built by hand). */
  sourceFiles: string[];
  /** A 53-bit hash of every field of the row as written, to find rows repeated exactly. */
  rowHash: Float64Array;
  /** Columns kept for `column:NAME` dimensions (none unless asked for). */
  namedColumns?: NamedColumn[];
}

export const AGE_BAND_LABELS: readonly string[] = AGE_BANDS;

/** Grows the columns by doubling as rows arrive, then trims them. */
export class RecordTableBuilder {
  count = 0;
  private capacity: number;
  indicative: Float64Array;
  actual: Float64Array;
  indicativeDecimals: Uint8Array;
  actualDecimals: Uint8Array;
  indicativePerYear: Uint8Array;
  actualPerYear: Uint8Array;
  clientGroup: Uint32Array;
  ageBand: Uint8Array;
  source: Uint16Array;
  sourceGroup: Uint32Array;
  rasPoints: Float64Array;
  line: Uint32Array;
  dateAgreed: Float64Array;
  person: Int32Array;
  rowHash: Float64Array;
  readonly clientGroupLabels: string[] = [];
  readonly sourceGroupLabels: string[] = [];
  private readonly sourceGroupIndex = new Map<string, number>();
  readonly personIds: string[] = [];
  /** The path of each input file, by `source`. */
  readonly sourceFiles: string[] = [];
  private readonly personIndex = new Map<string, number>();
  private readonly clientGroupIndex = new Map<string, number>();
  /** Columns kept for `column:NAME`, in the order first asked for. */
  readonly namedColumns: NamedColumnBuilder[] = [];

  constructor(initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.indicative = new Float64Array(initialCapacity);
    this.actual = new Float64Array(initialCapacity);
    this.indicativeDecimals = new Uint8Array(initialCapacity);
    this.actualDecimals = new Uint8Array(initialCapacity);
    this.indicativePerYear = new Uint8Array(initialCapacity);
    this.actualPerYear = new Uint8Array(initialCapacity);
    this.clientGroup = new Uint32Array(initialCapacity);
    this.ageBand = new Uint8Array(initialCapacity);
    this.source = new Uint16Array(initialCapacity);
    this.sourceGroup = new Uint32Array(initialCapacity);
    this.rasPoints = new Float64Array(initialCapacity);
    this.line = new Uint32Array(initialCapacity);
    this.dateAgreed = new Float64Array(initialCapacity);
    this.person = new Int32Array(initialCapacity);
    this.rowHash = new Float64Array(initialCapacity);
  }

  /**
   * The index of a client-group label, keeping the first spelling seen of each label ignoring
   * case and surrounding spaces; blank is "Unknown".
   */
  clientGroupOf(label: string): number {
    let index = this.clientGroupIndex.get(label);
    if (index !== undefined) return index;
    const trimmed = label.trim().replace(/\s+/g, ' ');
    const key = trimmed === '' ? 'unknown' : trimmed.toLowerCase();
    index = this.clientGroupIndex.get(key);
    if (index === undefined) {
      index = this.clientGroupLabels.length;
      this.clientGroupLabels.push(trimmed === '' ? 'Unknown' : trimmed);
      this.clientGroupIndex.set(key, index);
    }
    this.clientGroupIndex.set(label, index); // the exact spelling too, for the fast path
    return index;
  }

  /** The index of a `--by source` label (a council's name or code, or a file name), as written. */
  sourceGroupOf(label: string): number {
    let index = this.sourceGroupIndex.get(label);
    if (index === undefined) {
      // One spelling per council ignoring case and spaces, as for client groups.
      const trimmed = label.trim().replace(/\s+/g, ' ');
      const key = `\u0000${trimmed.toLowerCase()}`;
      index = this.sourceGroupIndex.get(key);
      if (index === undefined) {
        index = this.sourceGroupLabels.length;
        this.sourceGroupLabels.push(trimmed);
        this.sourceGroupIndex.set(key, index);
      }
      this.sourceGroupIndex.set(label, index);
    }
    return index;
  }

  /** The named column matched by `name` (case and spaces ignored), added when new. */
  namedColumn(name: string): NamedColumnBuilder {
    const key = namedColumnKey(name);
    let column = this.namedColumns.find((item) => item.key === key);
    if (column === undefined) {
      column = new NamedColumnBuilder(name.trim());
      this.namedColumns.push(column);
    }
    return column;
  }

  /** Adds a person id and returns its index. */
  addPerson(id: string): number {
    this.personIds.push(id);
    return this.personIds.length - 1;
  }

  /**
   * The index of the person with this id within `scope` (the council, a file, or the pool of one
   * council's extracts: see the reader), adding them when new.
   *
   * @example
   * builder.personOf('', 'P1') === builder.personOf('', 'P1') // true: one person
   */
  personOf(scope: string, id: string): number {
    const key = `${scope}\u0000${id}`;
    let index = this.personIndex.get(key);
    if (index === undefined) {
      index = this.addPerson(id);
      this.personIndex.set(key, index);
    }
    return index;
  }

  /** Reserves the next row and returns its index; the caller fills every column. */
  next(): number {
    if (this.count === this.capacity) this.grow();
    return this.count++;
  }

  private grow(): void {
    this.capacity *= 2;
    this.indicative = growFloat(this.indicative, this.capacity);
    this.actual = growFloat(this.actual, this.capacity);
    this.dateAgreed = growFloat(this.dateAgreed, this.capacity);
    this.rowHash = growFloat(this.rowHash, this.capacity);
    this.rasPoints = growFloat(this.rasPoints, this.capacity);
    const sourceGroup = new Uint32Array(this.capacity);
    sourceGroup.set(this.sourceGroup);
    this.sourceGroup = sourceGroup;
    const clientGroup = new Uint32Array(this.capacity);
    clientGroup.set(this.clientGroup);
    this.clientGroup = clientGroup;
    this.ageBand = growBytes(this.ageBand, this.capacity);
    this.indicativeDecimals = growBytes(this.indicativeDecimals, this.capacity);
    this.actualDecimals = growBytes(this.actualDecimals, this.capacity);
    this.indicativePerYear = growBytes(this.indicativePerYear, this.capacity);
    this.actualPerYear = growBytes(this.actualPerYear, this.capacity);
    const source = new Uint16Array(this.capacity);
    source.set(this.source);
    this.source = source;
    const line = new Uint32Array(this.capacity);
    line.set(this.line);
    this.line = line;
    const person = new Int32Array(this.capacity);
    person.set(this.person);
    this.person = person;
  }

  /** The finished table: views of the columns trimmed to the rows held (no copy). */
  build(): RecordTable {
    const n = this.count;
    return {
      count: n,
      indicative: this.indicative.subarray(0, n),
      actual: this.actual.subarray(0, n),
      indicativeDecimals: this.indicativeDecimals.subarray(0, n),
      actualDecimals: this.actualDecimals.subarray(0, n),
      indicativePerYear: this.indicativePerYear.subarray(0, n),
      actualPerYear: this.actualPerYear.subarray(0, n),
      clientGroup: this.clientGroup.subarray(0, n),
      clientGroupLabels: [...this.clientGroupLabels],
      ageBand: this.ageBand.subarray(0, n),
      source: this.source.subarray(0, n),
      sourceGroup: this.sourceGroup.subarray(0, n),
      sourceGroupLabels: [...this.sourceGroupLabels],
      rasPoints: this.rasPoints.subarray(0, n),
      line: this.line.subarray(0, n),
      dateAgreed: this.dateAgreed.subarray(0, n),
      person: this.person.subarray(0, n),
      personIds: this.personIds,
      sourceFiles: [...this.sourceFiles],
      rowHash: this.rowHash.subarray(0, n),
      namedColumns: this.namedColumns.map((column) => column.build(n)),
    };
  }
}

function growBytes(column: Uint8Array, capacity: number): Uint8Array {
  const grown = new Uint8Array(capacity);
  grown.set(column);
  return grown;
}

function growFloat(column: Float64Array, capacity: number): Float64Array {
  const grown = new Float64Array(capacity);
  grown.set(column);
  return grown;
}

/**
 * A 53-bit hash of a row's fields (two 32-bit FNV-1a variants side by side), exact enough that two
 * different rows of a national file share one with a chance of about 1 in 10^10.
 */
export function hashRow(fields: readonly string[]): number {
  let high = 0x811c9dc5;
  let low = 0x01000193;
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f];
    for (let i = 0; i < field.length; i++) {
      const code = field.charCodeAt(i);
      high = Math.imul(high ^ code, 0x01000193);
      low = Math.imul(low ^ code, 0x5bd1e995);
    }
    high = Math.imul(high ^ 0x1f, 0x01000193);
    low = Math.imul(low ^ 0x1f, 0x5bd1e995);
  }
  return (high >>> 0) * 0x200000 + (low >>> 11);
}
