/**
 * The records of one run, held as columns of typed arrays rather than an object per row, so that a
 * million rows take tens of megabytes and the statistics run over contiguous memory.
 */
import { AGE_BANDS } from './age.js';
import { detached } from './csv.js';
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
  /**
   * RAS points, NaN when the export has none for the row; null when no row has any (most exports:
   * a table-long column of NaN is not kept).
   */
  rasPoints: Float64Array | null;
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
  /** Each person's id (as written, trimmed), by person index. */
  personIds: PersonIds;
  /** The path of each input file, by `source` (empty for tables built by hand). */
  sourceFiles: string[];
  /** A 53-bit hash of every field of the row as written, to find rows repeated exactly. */
  rowHash: Float64Array;
  /** Columns kept for `column:NAME` dimensions (none unless asked for). */
  namedColumns?: NamedColumn[];
  /**
   * Rows excluded for an amount that is blank, suppressed or not a number, of a person who has a
   * record here: if theirs was the latest date, an earlier record is used in its place.
   */
  withoutAmount?: WithoutAmount[];
}

/** A row left out for its amount, by person: see RecordTable.withoutAmount. */
export interface WithoutAmount {
  person: number;
  /** Days since 1970-01-01, NaN when undated. */
  date: number;
  source: number;
  line: number;
  /** The row's entry in the ledger (its index), whose detail names the record used instead. */
  entry: number;
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
  /** Empty until a row's points are set (`setPoints`): most exports have none. */
  rasPoints: Float64Array = new Float64Array(0);
  line: Uint32Array;
  dateAgreed: Float64Array;
  person: Int32Array;
  rowHash: Float64Array;
  readonly clientGroupLabels: string[] = [];
  readonly sourceGroupLabels: string[] = [];
  private readonly sourceGroupIndex = new Map<string, number>();
  readonly personIds = new PersonIds();
  /** The path of each input file, by `source`. */
  readonly sourceFiles: string[] = [];
  /** Person indices by scope and id: see PersonIndex. */
  private personIndex: PersonIndex | null = new PersonIndex(this.personIds);
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
      this.clientGroupLabels.push(trimmed === '' ? 'Unknown' : detached(trimmed));
      this.clientGroupIndex.set(key, index);
    }
    this.clientGroupIndex.set(detached(label), index); // the exact spelling too, for the fast path
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
        this.sourceGroupLabels.push(detached(trimmed));
        this.sourceGroupIndex.set(key, index);
      }
      this.sourceGroupIndex.set(detached(label), index);
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
    return this.personIds.add(id);
  }

  /**
   * The index of the person with this id within `scope` (the council, a file, or the pool of one
   * council's extracts: see the reader), adding them when new.
   *
   * @example
   * builder.personOf('', 'P1') === builder.personOf('', 'P1') // true: one person
   */
  personOf(scope: string, id: string): number {
    return this.index().indexOf(scope, id);
  }

  /** Rows left out for an amount, by the person's scope and id (resolved when built). */
  private pendingWithoutAmount: (Omit<WithoutAmount, 'person'> & {
    scope: string;
    id: string;
  })[] = [];

  /** Notes a row left out for its amount whose person may have other records. */
  noteWithoutAmount(item: Omit<WithoutAmount, 'person'> & { scope: string; id: string }): void {
    this.pendingWithoutAmount.push(item);
  }

  /**
   * Sets a row's RAS points (NaN: none). The column is made (NaN for the rows before) only when
   * the first row's points are set, so an export without points costs nothing for them.
   */
  setPoints(row: number, points: number): void {
    if (this.rasPoints.length === 0) {
      this.rasPoints = new Float64Array(this.capacity).fill(Number.NaN);
    }
    this.rasPoints[row] = points;
  }

  /** Reserves the next row and returns its index; the caller fills every column. */
  next(): number {
    this.index(); // not after build()
    if (this.count === this.capacity) this.grow();
    return this.count++;
  }

  /**
   * Rows the whole input is expected to give, from the share of its bytes read so far (0: not
   * known). Growing to that, rather than doubling, keeps ten million rows from holding a table
   * twice their size while the last doubling copies it.
   */
  expectedRows: () => number = () => 0;

  private grow(): void {
    const expected = Math.ceil(this.expectedRows() * 1.02);
    // To the estimate when there is one (within reason), by a quarter when the estimate is
    // already passed, doubling when there is none.
    const grown =
      expected === 0
        ? this.capacity * 2
        : expected > this.capacity
          ? Math.min(expected, this.capacity * 64)
          : Math.ceil(this.capacity * 1.25);
    this.capacity = Math.max(grown, this.capacity + 1024);
    this.indicative = growFloat(this.indicative, this.capacity);
    this.actual = growFloat(this.actual, this.capacity);
    this.dateAgreed = growFloat(this.dateAgreed, this.capacity);
    this.rowHash = growFloat(this.rowHash, this.capacity);
    if (this.rasPoints.length > 0) {
      // Rows not yet set have no points: NaN, not 0.
      const length = this.rasPoints.length;
      this.rasPoints = growFloat(this.rasPoints, this.capacity);
      this.rasPoints.fill(Number.NaN, length);
    }
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

  /** The person index, until the table is built. */
  private index(): PersonIndex {
    if (this.personIndex === null) throw new Error('the record table has already been built');
    return this.personIndex;
  }

  /**
   * The finished table: views of the columns trimmed to the rows held (no copy). The builder is
   * done then: it lets go of the person index and what only the read needed, which would
   * otherwise live as long as the builder does (a reader holds it, and V8's optimised code can
   * hold the reader): 20 MB at a million people.
   */
  build(): RecordTable {
    const n = this.count;
    const personIndex = this.index();
    const table: RecordTable = {
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
      rasPoints:
        this.rasPoints.length > 0 && anyNumber(this.rasPoints, n)
          ? this.rasPoints.subarray(0, n)
          : null,
      line: this.line.subarray(0, n),
      dateAgreed: this.dateAgreed.subarray(0, n),
      person: this.person.subarray(0, n),
      personIds: this.personIds,
      sourceFiles: [...this.sourceFiles],
      rowHash: this.rowHash.subarray(0, n),
      namedColumns: this.namedColumns.map((column) => column.build(n)),
      // Only people with a record here: looking one up never adds them.
      withoutAmount: this.pendingWithoutAmount
        .map(({ scope, id, ...rest }) => ({ ...rest, person: personIndex.find(scope, id) }))
        .filter((item) => item.person >= 0),
    };
    this.personIndex = null;
    this.personIds.trim();
    this.pendingWithoutAmount = [];
    if (table.rasPoints === null) this.rasPoints = new Float64Array(0);
    return table;
  }
}

/** Whether any of the first `n` values is a number (not NaN). */
function anyNumber(column: Float64Array, n: number): boolean {
  for (let row = 0; row < n; row++) if (!Number.isNaN(column[row])) return true;
  return false;
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

/**
 * Every person's id, in one byte arena rather than a string each: an id of eight characters
 * takes 12 bytes here (its bytes and where they end) against 32 as a string in an array (a
 * 16-byte header, its characters rounded up to 8 bytes, and the array's pointer), which the
 * collector also has to trace: 200 MB less at ten million people.
 * Each UTF-16 code unit is written on its own as one to three bytes (UTF-8's layout, with a
 * surrogate written as itself, so any string, even one with a lone surrogate, comes back as it
 * was): two ids are equal exactly when their bytes are.
 */
export class PersonIds {
  private bytes = new Uint8Array(1 << 14);
  /** Where each id's bytes end; an id starts where the one before it ends. */
  private ends = new Uint32Array(1 << 10);
  private size = 0;
  /** Number of ids held. */
  length = 0;

  /**
   * Adds an id (a new person) and returns its index.
   *
   * @example
   * new PersonIds().add('P1') // 0
   */
  add(id: string): number {
    if (this.size + id.length * 3 > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.size + id.length * 3));
      grown.set(this.bytes.subarray(0, this.size));
      this.bytes = grown;
    }
    if (this.length === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    const bytes = this.bytes;
    let at = this.size;
    for (let i = 0; i < id.length; i++) {
      const code = id.charCodeAt(i);
      if (code < 0x80) bytes[at++] = code;
      else if (code < 0x800) {
        bytes[at++] = 0xc0 | (code >> 6);
        bytes[at++] = 0x80 | (code & 0x3f);
      } else {
        bytes[at++] = 0xe0 | (code >> 12);
        bytes[at++] = 0x80 | ((code >> 6) & 0x3f);
        bytes[at++] = 0x80 | (code & 0x3f);
      }
    }
    this.size = at;
    this.ends[this.length] = at;
    return this.length++;
  }

  /**
   * The id of person `index`, as added.
   *
   * @example
   * ids.at(ids.add('P1')) // 'P1'
   */
  at(index: number): string {
    const bytes = this.bytes;
    const end = this.ends[index];
    let text = '';
    for (let at = this.start(index); at < end;) {
      const lead = bytes[at++];
      if (lead < 0x80) text += String.fromCharCode(lead);
      else if (lead < 0xe0)
        text += String.fromCharCode(((lead & 0x1f) << 6) | (bytes[at++] & 0x3f));
      else {
        const code = ((lead & 0x0f) << 12) | ((bytes[at] & 0x3f) << 6) | (bytes[at + 1] & 0x3f);
        at += 2;
        text += String.fromCharCode(code);
      }
    }
    return text;
  }

  /** Whether person `index`'s id is `id`, comparing bytes (no string is made). */
  equals(index: number, id: string): boolean {
    const bytes = this.bytes;
    const end = this.ends[index];
    let at = this.start(index);
    for (let i = 0; i < id.length; i++) {
      if (at >= end) return false;
      const code = id.charCodeAt(i);
      if (code < 0x80) {
        if (bytes[at++] !== code) return false;
      } else if (code < 0x800) {
        if (bytes[at] !== (0xc0 | (code >> 6)) || bytes[at + 1] !== (0x80 | (code & 0x3f))) {
          return false;
        }
        at += 2;
      } else {
        if (
          bytes[at] !== (0xe0 | (code >> 12)) ||
          bytes[at + 1] !== (0x80 | ((code >> 6) & 0x3f)) ||
          bytes[at + 2] !== (0x80 | (code & 0x3f))
        ) {
          return false;
        }
        at += 3;
      }
    }
    return at === end;
  }

  /**
   * The 32-bit FNV-1a hash of person `index`'s bytes, from `seed` (as `hashId` gives for the id).
   */
  hash(index: number, seed: number): number {
    const bytes = this.bytes;
    const end = this.ends[index];
    let hash = seed;
    for (let at = this.start(index); at < end; at++) hash = Math.imul(hash ^ bytes[at], 0x01000193);
    return hash;
  }

  /**
   * Lets go of the room kept for more ids (up to half the arena, as it grows by doubling: 70 MB
   * at ten million people). Adding more afterwards still works.
   */
  trim(): void {
    if (this.bytes.length > this.size) this.bytes = this.bytes.slice(0, this.size);
    if (this.ends.length > this.length) this.ends = this.ends.slice(0, Math.max(this.length, 1));
  }

  /**
   * Every id, in index order (for tests and small tables).
   *
   * @example
   * ids.toArray() // ['P1', 'P2']
   */
  toArray(): string[] {
    return Array.from({ length: this.length }, (_, index) => this.at(index));
  }

  private start(index: number): number {
    return index === 0 ? 0 : this.ends[index - 1];
  }
}

/**
 * Person ids -> person indices, as an open-addressing hash table in typed arrays: a million ids
 * cost two typed arrays and the ids' bytes (PersonIds), with no map entry or string per person.
 * Ids are hashed with their scope; a slot whose hash matches is only taken after comparing the
 * scope and the id's bytes, so two ids that share a hash stay two people.
 */
export class PersonIndex {
  /** The low 32 bits of each slot's hash: a cheap first test before the id is compared. */
  private hashes = new Uint32Array(1 << 12);
  /** Person index + 1 in each slot; 0 is an empty slot. */
  private slots = new Int32Array(1 << 12);
  private scopeOfPerson = new Int32Array(1 << 11);
  private readonly scopes = new Map<string, number>();
  private lastScope = '';
  private lastScopeId = -1;

  /**
   * @param hashMask kept bits of every hash: all of them, except in tests that make every id
   *   collide (0) to show that ids sharing a hash stay apart
   * @example
   * const index = new PersonIndex(new PersonIds());
   * index.indexOf('', 'P1') === index.indexOf('', 'P1') // true
   */
  constructor(
    private readonly ids: PersonIds,
    private readonly hashMask = 0xffffffff,
  ) {}

  /** The person's index, or -1 when they have no record: nothing is added. */
  find(scope: string, id: string): number {
    if (!this.scopes.has(scope)) return -1;
    return this.indexOf(scope, id, false);
  }

  indexOf(scope: string, id: string, add = true): number {
    let scopeId = this.lastScopeId;
    if (scope !== this.lastScope || scopeId < 0) {
      scopeId = this.scopes.get(scope) ?? this.scopes.size;
      this.scopes.set(scope, scopeId);
      this.lastScope = scope;
      this.lastScopeId = scopeId;
    }
    // Two 32-bit FNV-1a variants side by side over the id's bytes (as PersonIds holds them), as
    // hashRow: one picks the slot, the other is kept to test a slot before the ids are compared.
    let high = Math.imul(0x811c9dc5 ^ scopeId, 0x01000193);
    let low = Math.imul(0x01000193 ^ scopeId, 0x5bd1e995);
    for (let i = 0; i < id.length; i++) {
      const code = id.charCodeAt(i);
      if (code < 0x80) {
        high = Math.imul(high ^ code, 0x01000193);
        low = Math.imul(low ^ code, 0x5bd1e995);
      } else {
        // The bytes PersonIds writes for a code unit above 0x7f (see there).
        const three = code >= 0x800;
        const lead = three ? 0xe0 | (code >> 12) : 0xc0 | (code >> 6);
        high = Math.imul(high ^ lead, 0x01000193);
        low = Math.imul(low ^ lead, 0x5bd1e995);
        if (three) {
          const middle = 0x80 | ((code >> 6) & 0x3f);
          high = Math.imul(high ^ middle, 0x01000193);
          low = Math.imul(low ^ middle, 0x5bd1e995);
        }
        const last = 0x80 | (code & 0x3f);
        high = Math.imul(high ^ last, 0x01000193);
        low = Math.imul(low ^ last, 0x5bd1e995);
      }
    }
    high &= this.hashMask;
    const check = (low & this.hashMask) >>> 0;
    const mask = this.slots.length - 1;
    let slot = slotOf(high, check) & mask;
    for (;;) {
      const taken = this.slots[slot];
      if (taken === 0) break;
      const person = taken - 1;
      if (
        this.hashes[slot] === check &&
        this.scopeOfPerson[person] === scopeId &&
        this.ids.equals(person, id)
      ) {
        return person;
      }
      slot = (slot + 1) & mask;
    }
    if (!add) return -1;
    const person = this.ids.add(id);
    if (person >= this.scopeOfPerson.length) {
      const grown = new Int32Array(this.scopeOfPerson.length * 2);
      grown.set(this.scopeOfPerson);
      this.scopeOfPerson = grown;
    }
    this.scopeOfPerson[person] = scopeId;
    this.hashes[slot] = check;
    this.slots[slot] = person + 1;
    // At most two thirds full, so probes stay short.
    if (this.ids.length * 3 > this.slots.length * 2) this.grow();
    return person;
  }

  private grow(): void {
    const hashes = this.hashes;
    const slots = this.slots;
    this.hashes = new Uint32Array(hashes.length * 2);
    this.slots = new Int32Array(slots.length * 2);
    const mask = this.slots.length - 1;
    for (let old = 0; old < slots.length; old++) {
      if (slots[old] === 0) continue;
      // The slot is found again from the person's id, as indexOf found it.
      const person = slots[old] - 1;
      const seed = Math.imul(0x811c9dc5 ^ this.scopeOfPerson[person], 0x01000193);
      const high = this.ids.hash(person, seed) & this.hashMask;
      let slot = slotOf(high, hashes[old]) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.hashes[slot] = hashes[old];
      this.slots[slot] = slots[old];
    }
  }
}

/** A slot number from the two 32-bit halves of an id's hash. */
function slotOf(high: number, low: number): number {
  return high ^ Math.imul(low, 0x9e3779b1);
}
