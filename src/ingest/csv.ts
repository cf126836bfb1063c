/**
 * UTF-8 text -> CSV records: the one tokeniser every delimited file goes through (analyse and
 * `inspect` alike). It reads exactly as csv-parse did with the options rasgap used
 * (`relax_quotes`, `relax_column_count`, empty lines kept, the record delimiter found from the
 * first line end), which test/ingest/csv.test.ts checks against csv-parse on generated input.
 * It is several times faster because it decodes each chunk once and cuts fields out of that text,
 * where csv-parse copies and decodes every field's bytes on their own and passes each record
 * through a stream.
 *
 * The rules, as csv-parse has them:
 * - A field that starts with `"` is quoted until a `"` followed by the delimiter, a line end or
 *   the end of the text; `""` inside it is one `"`. A `"` followed by anything else is kept, with
 *   the opening one, and the field goes on unquoted (relaxed quotes).
 * - A `"` inside an unquoted field is an ordinary character.
 * - The first line end outside quotes (`\r\n`, `\n` or `\r`) is the record delimiter for the rest
 *   of the text; another kind of line end later is part of a field.
 * - An empty line is a record of one empty field; the text's last line end ends no record.
 * - A quoted field still open at the end of the text is an error (CSV_QUOTE_NOT_CLOSED).
 */
import { StringDecoder } from 'node:string_decoder';
import { Writable } from 'node:stream';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** A quoted field never closed: the only syntax error that relaxed quoting leaves. */
export class CsvSyntaxError extends Error {
  readonly code = 'CSV_QUOTE_NOT_CLOSED';
}

/**
 * Cuts text into records. Text goes in with `write` in any pieces; each record comes out through
 * `onRecord` as soon as it is complete; `end` flushes the last one.
 *
 * @example
 * const records: string[][] = [];
 * const csv = new CsvTokenizer(',', (fields) => records.push(fields));
 * csv.write('a,"b ""c"""\n1,');
 * csv.write('2\n');
 * csv.end(); // records: [['a', 'b "c"'], ['1', '2']]
 */
export class CsvTokenizer {
  private readonly delimiter: number;
  /** The record delimiter once found: `\r\n`, `\n` or `\r`; empty until then. */
  private recordDelimiter = '';
  /** Text of the record not yet complete, carried to the next write. */
  private carry = '';
  /** Length the carried text must reach before it is scanned again (a long quoted field). */
  private rescanAt = 0;

  constructor(
    delimiter: string,
    private readonly onRecord: (fields: string[]) => void,
  ) {
    if (delimiter.length !== 1) throw new Error(`delimiter must be one character: ${delimiter}`);
    this.delimiter = delimiter.charCodeAt(0);
  }

  write(chunk: string): void {
    const text = this.carry === '' ? chunk : this.carry + chunk;
    if (text.length < this.rescanAt) {
      // A record longer than the text scanned so far: wait until the text has doubled, so a
      // field open to the end of a large file is not scanned again for every chunk.
      this.carry = text;
      return;
    }
    const used = this.records(text, false);
    this.carry = used === text.length ? '' : text.slice(used);
    this.rescanAt = used === 0 ? text.length * 2 : 0;
  }

  end(): void {
    const text = this.carry;
    this.carry = '';
    this.rescanAt = 0;
    this.records(text, true);
  }

  /**
   * Emits every complete record of `text` and returns where the first incomplete one starts
   * (text.length when none is left). With `final`, the end of the text ends the last record.
   */
  private records(text: string, final: boolean): number {
    const n = text.length;
    let start = 0;
    const rd = this.recordDelimiter;
    if (rd !== '') {
      // Records with no quote in them are cut with native indexOf and split (most records of
      // most exports): the same fields as the loop below gives them, without a pass over every
      // character in code that, in a fresh process, runs unoptimised for much of a council's file.
      const separator = String.fromCharCode(this.delimiter);
      let quote = text.indexOf('"');
      for (;;) {
        const end = text.indexOf(rd, start);
        if (end < 0) break;
        if (quote >= 0 && quote < start) quote = text.indexOf('"', start);
        if (quote >= 0 && quote < end) {
          const next = this.record(text, start, final);
          if (next < 0) return start;
          start = next;
          continue;
        }
        this.onRecord(text.slice(start, end).split(separator));
        start = end + rd.length;
      }
    }
    while (start < n) {
      const end = this.record(text, start, final);
      if (end < 0) return start;
      start = end;
    }
    return n;
  }

  /**
   * Reads one record from `from`; returns the index after it, or -1 if the text ends before the
   * record does (and more may come).
   */
  private record(text: string, from: number, final: boolean): number {
    const n = text.length;
    const delimiter = this.delimiter;
    const fields: string[] = [];
    let pos = from;
    for (;;) {
      // One field from pos.
      if (pos < n && text.charCodeAt(pos) === QUOTE) {
        const quoted = this.quotedField(text, pos, final);
        if (quoted === null) return -1;
        fields.push(quoted.value);
        pos = quoted.end;
        if (!quoted.closed) {
          // Relaxed: the field goes on unquoted from here.
          const rest = this.unquoted(text, pos, final);
          if (rest < 0) return -1;
          fields[fields.length - 1] += text.slice(pos, rest);
          pos = rest;
        }
      } else {
        const end = this.unquoted(text, pos, final);
        if (end < 0) return -1;
        fields.push(text.slice(pos, end));
        pos = end;
      }
      // pos is at a delimiter, a record delimiter, or the end of the text.
      if (pos >= n) {
        if (!final) return -1;
        // The end of the text ends the record (a record is read only where there is text).
        this.onRecord(fields);
        return n;
      }
      if (text.charCodeAt(pos) === delimiter) {
        // After a delimiter there is one more field, empty at the end of the text.
        pos++;
        continue;
      }
      // A record delimiter (unquoted() stops only where one matches).
      this.onRecord(fields);
      return pos + this.recordDelimiter.length;
    }
  }

  /**
   * An unquoted run from `pos`: returns where it stops (a delimiter, a record delimiter, or the
   * end of the text), or -1 when a line end at the end of the text needs the next character.
   */
  private unquoted(text: string, pos: number, final: boolean): number {
    const n = text.length;
    const delimiter = this.delimiter;
    for (let i = pos; i < n; i++) {
      const code = text.charCodeAt(i);
      if (code === delimiter) return i;
      if (code === LF || code === CR) {
        const at = this.lineEndAt(text, i, final);
        if (at === -1) return -1;
        if (at > 0) return i;
      }
    }
    return n;
  }

  /**
   * Whether a record delimiter starts at `i` (a CR or LF): its length, 0 if not, -1 if the text
   * ends too soon to tell. The first line end found decides the delimiter for the rest.
   */
  private lineEndAt(text: string, i: number, final: boolean): number {
    const code = text.charCodeAt(i);
    if (this.recordDelimiter === '') {
      if (code === CR && i + 1 >= text.length && !final) return -1;
      this.recordDelimiter = code === LF ? '\n' : text.charCodeAt(i + 1) === LF ? '\r\n' : '\r';
    }
    const rd = this.recordDelimiter;
    if (rd === '\n') return code === LF ? 1 : 0;
    if (rd === '\r') return code === CR ? 1 : 0;
    // \r\n
    if (code !== CR) return 0;
    if (i + 1 >= text.length) return final ? 0 : -1;
    return text.charCodeAt(i + 1) === LF ? 2 : 0;
  }

  /**
   * A field that opens with a quote at `pos`: its value and where it ends; `closed` is false when
   * a quote was followed by something else (the value then has both quotes, and goes on). Null
   * when the text ends before the field does and more may come.
   */
  private quotedField(
    text: string,
    pos: number,
    final: boolean,
  ): { value: string; end: number; closed: boolean } | null {
    const n = text.length;
    let value = '';
    let from = pos + 1;
    let i = from;
    for (;;) {
      i = text.indexOf('"', i);
      if (i < 0) {
        if (!final) return null;
        throw new CsvSyntaxError('a quoted field is never closed');
      }
      if (i + 1 >= n) {
        if (!final) return null;
        // The text's last character closes the field.
        return { value: value + text.slice(from, i), end: n, closed: true };
      }
      const next = text.charCodeAt(i + 1);
      if (next === QUOTE) {
        // "" is one quote.
        value += text.slice(from, i + 1);
        from = i + 2;
        i = from;
        continue;
      }
      value += text.slice(from, i);
      if (next === this.delimiter) return { value, end: i + 1, closed: true };
      if (next === LF || next === CR) {
        const at = this.lineEndAt(text, i + 1, final);
        if (at === -1) return null;
        if (at > 0) return { value, end: i + 1, closed: true };
      }
      // Relaxed: the quotes are kept and the field goes on unquoted after this one.
      return { value: `"${value}"`, end: i + 1, closed: false };
    }
  }
}

/**
 * A field's text as a string of its own. Fields are cut out of the text of a whole chunk, and V8
 * keeps a cut of 13 or more characters as a view that holds the chunk alive: whatever is kept
 * after its row (a new person's id, a label, a cache key, an exclusion's detail) goes through
 * here, or a million long ids would keep the whole file in memory.
 *
 * @example
 * personIds.push(detached(fields[0]));
 */
export function detached(text: string): string {
  // Joined, then cut: the join is flattened into a new string, and the view points at that.
  return text.length < 13 ? text : (text + ' ').slice(0, -1);
}

/**
 * A writable stream of UTF-8 bytes that calls `onRecord` with each record's fields and the line it
 * starts on (newlines inside quoted fields counted). `line` is where the next record starts.
 *
 * @example
 * await pipeline(createReadStream('export.csv'), csvRecords(',', (fields, line) => {}));
 */
/** Bytes decoded at a time (see csvRecords). */
const DECODE_BYTES = 64 * 1024;

export function csvRecords(
  delimiter: string,
  onRecord: (fields: string[], line: number) => void,
): Writable & { line: number } {
  const decoder = new StringDecoder('utf8');
  const state = { line: 1 };
  const tokenizer = new CsvTokenizer(delimiter, (fields) => {
    onRecord(fields, state.line);
    // The next record starts after this one's lines, counting newlines inside quoted fields.
    state.line++;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i];
      let at = field.indexOf('\n');
      while (at >= 0) {
        state.line++;
        at = field.indexOf('\n', at + 1);
      }
    }
  });
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      try {
        // Decoded in pieces small enough for V8's young generation: a 1 MB string (and the
        // flat copy joining it to the record carried over) would go to the old generation's
        // large-object space, where a file's worth of them waits for a full collection.
        for (let at = 0; at < chunk.length; at += DECODE_BYTES) {
          tokenizer.write(decoder.write(chunk.subarray(at, at + DECODE_BYTES)));
        }
      } catch (error) {
        callback(error as Error);
        return;
      }
      callback();
    },
    final(callback) {
      try {
        tokenizer.write(decoder.end());
        tokenizer.end();
      } catch (error) {
        callback(error as Error);
        return;
      }
      callback();
    },
  });
  return Object.defineProperty(stream, 'line', { get: () => state.line }) as Writable & {
    line: number;
  };
}
