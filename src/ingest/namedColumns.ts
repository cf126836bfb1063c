/**
 * Columns of the export kept for `--by column:NAME` and `--where column:NAME=VALUE`: per row a code
 * into the column's labels (interned, as for client groups), so no row holds a string.
 */

import { detached } from './csv.js';

/** One named column of the table: `codes[row]` indexes `labels`. */
export interface NamedColumn {
  /** The header as written in the first file that has it (trimmed). */
  name: string;
  /** The name as matched: trimmed, lower case. */
  key: string;
  codes: Uint32Array;
  /** Each value as first written (trimmed, runs of spaces as one); blank is "Unknown". */
  labels: string[];
}

/** The label of a blank cell in a named column. */
export const UNKNOWN_LABEL = 'Unknown';

/**
 * Grows one named column's codes as rows arrive.
 *
 * @example
 * const team = new NamedColumnBuilder('Team');
 * team.set(0, ' North ');
 * team.build(1).labels // ['North']
 */
export class NamedColumnBuilder {
  readonly key: string;
  private codes = new Uint32Array(1024);
  private readonly labels: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(readonly name: string) {
    this.key = namedColumnKey(name);
  }

  /** Stores the code of `text` at `row` (rows arrive in order; missing ones are code 0). */
  set(row: number, text: string): void {
    if (row >= this.codes.length) {
      const grown = new Uint32Array(Math.max(row + 1, this.codes.length * 2));
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[row] = this.codeOf(text);
  }

  /** The code of a value: one per value ignoring case and spaces, the first spelling kept. */
  private codeOf(text: string): number {
    let code = this.index.get(text);
    if (code !== undefined) return code;
    const trimmed = text.trim().replace(/\s+/g, ' ');
    const label = trimmed === '' ? UNKNOWN_LABEL : trimmed;
    const key = `\u0000${label.toLowerCase()}`;
    code = this.index.get(key);
    if (code === undefined) {
      code = this.labels.length;
      // Kept past the row: a string of its own, not a view holding the chunk's text (see detached).
      this.labels.push(detached(label));
      this.index.set(detached(key), code);
    }
    this.index.set(detached(text), code); // the exact text too, for the fast path
    return code;
  }

  /** The column over the table's `count` rows (rows of files without it cannot occur: see reader). */
  build(count: number): NamedColumn {
    if (this.codes.length < count) this.set(count - 1, '');
    return {
      name: this.name,
      key: this.key,
      codes: this.codes.subarray(0, count),
      labels: [...this.labels],
    };
  }
}

/**
 * A header or a `column:NAME` as matched: trimmed, runs of spaces as one, case ignored.
 *
 * @example namedColumnKey(' North  Team ') // 'north team'
 */
export function namedColumnKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
