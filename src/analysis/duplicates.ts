/**
 * Repeated rows and repeated people. An export may list a person more than once (the initial
 * agreement, then reviews): the final budget is the latest. Rows repeated exactly in every field
 * are a duplicated export line, not a second event.
 */
import type { RecordTable } from '../ingest/records.js';

export type DuplicatePolicy = 'latest' | 'keep-all';

export interface DuplicateExclusion {
  row: number;
  reason: 'duplicate-row' | 'superseded';
  detail: string;
  /** For a superseded record: the row of the person's record that is used instead. */
  winner?: number;
}

/**
 * A superseded record's detail: the person, and the line (and file, when there are several) of
 * the record used instead.
 *
 * @example
 * supersededDetail(table, 0, 2) // 'person P1 has a later record on line 4'
 */
export function supersededDetail(table: RecordTable, row: number, winner: number): string {
  const files = table.sourceFiles;
  const file = files.length > 1 ? ` of ${files[table.source[winner]]}` : '';
  return `person ${table.personIds.at(table.person[row])} has a later record on line ${table.line[winner]}${file}`;
}

/**
 * A superseded record, whose detail is built when read: a national file supersedes hundreds of
 * thousands of records, and only the `--exclusions` file needs each one's text.
 */
class Superseded implements DuplicateExclusion {
  readonly reason = 'superseded';
  winner = -1;

  constructor(
    readonly row: number,
    private readonly table: RecordTable,
  ) {}

  get detail(): string {
    return supersededDetail(this.table, this.row, this.winner);
  }
}

/**
 * Decides which records to use among `candidates` (1 = a candidate; default all). Returns a mask
 * (1 = used) and the excluded rows with reasons.
 * With `latest`, among one person's records the one with the latest date agreed is kept, across
 * files too where the reader made them one person (extracts of one council); records without a
 * date count as older than dated ones; ties go to the later line (of the later file).
 *
 * @example
 * const { used, excluded } = resolveDuplicates(table, 'latest');
 */
export function resolveDuplicates(
  table: RecordTable,
  policy: DuplicatePolicy,
  candidates?: Uint8Array,
): { used: Uint8Array; excluded: DuplicateExclusion[] } {
  const n = table.count;
  // Rows already left out (by --from/--to) take no part: a person's latest record in the dates
  // asked for is the one kept.
  const used = candidates ? candidates.slice() : new Uint8Array(n).fill(1);
  const excluded: DuplicateExclusion[] = [];
  if (policy === 'keep-all') return { used, excluded };

  markExactRepeats(table, used, excluded);

  const latest = new Int32Array(table.personIds.length).fill(-1);
  const { person, dateAgreed } = table;
  const superseded: Superseded[] = [];
  for (let row = 0; row < n; row++) {
    const who = person[row];
    if (who < 0 || used[row] === 0) continue;
    const kept = latest[who];
    if (kept < 0) {
      latest[who] = row;
      continue;
    }
    const keptDate = Number.isNaN(dateAgreed[kept]) ? -Infinity : dateAgreed[kept];
    const rowDate = Number.isNaN(dateAgreed[row]) ? -Infinity : dateAgreed[row];
    // Rows arrive in file order, so on equal dates the later line (this row) wins.
    const [loser, winner] = rowDate >= keptDate ? [kept, row] : [row, kept];
    latest[who] = winner;
    used[loser] = 0;
    const item = new Superseded(loser, table);
    excluded.push(item);
    superseded.push(item);
  }
  // The record that finally superseded each one, now that it is known.
  for (const item of superseded) item.winner = latest[person[item.row]];
  return { used, excluded };
}

/** Marks rows identical to an earlier row of the same file (same 53-bit hash of all fields). */
function markExactRepeats(
  table: RecordTable,
  used: Uint8Array,
  excluded: DuplicateExclusion[],
): void {
  const n = table.count;
  const { person, rowHash, source, line } = table;
  const hasIds = table.personIds.length > 0;
  // With ids, an exact repeat shares the person id, so only people seen twice need checking.
  const seenBySource: Map<number, number>[] = [];
  let repeated: Uint8Array | null = null;
  if (hasIds) {
    const count = new Uint8Array(table.personIds.length);
    for (let row = 0; row < n; row++) {
      const who = person[row];
      if (who >= 0 && count[who] < 2) count[who]++;
    }
    repeated = count;
  }
  for (let row = 0; row < n; row++) {
    if (used[row] === 0) continue;
    const who = person[row];
    if (repeated !== null && who >= 0 && repeated[who] < 2) continue;
    // One map per file, so that identical rows in two files are not "repeats".
    const seen = (seenBySource[source[row]] ??= new Map<number, number>());
    const first = seen.get(rowHash[row]);
    if (first === undefined) seen.set(rowHash[row], row);
    else {
      used[row] = 0;
      excluded.push({ row, reason: 'duplicate-row', detail: `repeats line ${line[first]}` });
    }
  }
}
