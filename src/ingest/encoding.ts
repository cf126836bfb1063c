/**
 * bytes -> UTF-8 text. Councils send UTF-8 (often with Excel's BOM), Windows-1252 (where `£` is
 * the single byte 0xA3) and UTF-16 with a BOM (Excel's "Unicode Text"). A wrong guess would
 * misread every `£`, so the choice is made from evidence: the first 64 KiB, and then, if a later
 * byte is not UTF-8, the whole read so far and the rest of its 1 MiB chunk. More bytes that are
 * not UTF-8 than UTF-8 characters, with nothing but ASCII before them, is a Windows-1252 file
 * (read as such from the start, with a warning); fewer is a UTF-8 file with stray bytes (each
 * shown as U+FFFD, so the reader excludes its row as invalid-value, with a warning).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { RasgapError } from '../errors.js';

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export interface DetectedEncoding {
  encoding: Encoding;
  /**
   * How it was decided, for `inspect` and the JSON output. `mostly-utf-8`: UTF-8 characters
   * outnumber the bytes that are not UTF-8 in the first 64 KiB. `late-not-utf-8`: the first
   * 64 KiB were ASCII and a later byte was not UTF-8, so the file was read as Windows-1252.
   */
  evidence:
    | 'bom'
    | 'valid-utf-8'
    | 'mostly-utf-8'
    | 'not-utf-8'
    | 'late-not-utf-8'
    | 'nul-pattern'
    | 'option';
  /** For `late-not-utf-8`: the first byte that was not UTF-8 and its line. */
  firstNonUtf8?: { line: number; byte: string };
  /** For UTF-8: byte sequences that were not UTF-8, each read as U+FFFD, and the first one's line. */
  invalidSequences?: { count: number; firstLine: number };
}

/**
 * What a UTF-8 stream may do on a byte that is not UTF-8: stop (`strict`, the default), or weigh
 * the evidence (`decide`) and then either keep UTF-8 with the bad sequences marked, or, when
 * `switchAllowed` (the encoding was detected, not given), read on as Windows-1252.
 */
export interface Utf8Policy {
  decide: boolean;
  switchAllowed: boolean;
}

/**
 * The warnings an encoding decision made late needs: that the file was read as Windows-1252
 * after all, or that some byte sequences were not UTF-8.
 *
 * @example
 * encodingWarnings('a.csv', { encoding: 'windows-1252', evidence: 'late-not-utf-8', firstNonUtf8: { line: 2000, byte: '0xA3' } })
 * // ['a.csv:2000: byte 0xA3 is not UTF-8 ... read as Windows-1252 ...']
 */
export function encodingWarnings(file: string, detected: DetectedEncoding): string[] {
  const found: string[] = [];
  if (detected.firstNonUtf8) {
    const { line, byte } = detected.firstNonUtf8;
    found.push(
      `${file}:${line}: byte ${byte} on this line is not UTF-8 and nothing before it was, so the file was read as Windows-1252 from the start (in Windows-1252, 0xA3 is "£"); if that is wrong, pass --encoding`,
    );
  }
  if (detected.invalidSequences) {
    const { count, firstLine } = detected.invalidSequences;
    found.push(
      `${file}:${firstLine}: ${count === 1 ? '1 byte sequence is' : `${count} byte sequences are`} not UTF-8 in a file that is otherwise UTF-8; ${count === 1 ? 'its row is' : 'their rows are'} excluded as invalid-value: correct the bytes, or pass --encoding windows-1252 if the file is Windows-1252`,
    );
  }
  return found;
}

/**
 * Decides the encoding from the first bytes of a file.
 *
 * @example
 * detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41])) // { encoding: 'utf-8', evidence: 'bom' }
 * detectEncoding(Buffer.from([0x41, 0xa3, 0x31]))       // { encoding: 'windows-1252', ... }
 */
export function detectEncoding(head: Uint8Array): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { encoding: 'utf-8', evidence: 'bom' };
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', evidence: 'bom' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', evidence: 'bom' };
  // UTF-16 without a BOM: ASCII text leaves a NUL in every other byte.
  let evenNul = 0;
  let oddNul = 0;
  const sample = Math.min(head.length, 4096);
  for (let i = 0; i < sample; i++) {
    if (head[i] === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    }
  }
  if (sample >= 4 && oddNul > sample / 4 && evenNul < oddNul / 10) {
    return { encoding: 'utf-16le', evidence: 'nul-pattern' };
  }
  if (sample >= 4 && evenNul > sample / 4 && oddNul < evenNul / 10) {
    return { encoding: 'utf-16be', evidence: 'nul-pattern' };
  }
  const complete = head.subarray(0, completeUtf8Length(head));
  if (isUtf8(complete)) return { encoding: 'utf-8', evidence: 'valid-utf-8' };
  // Not all UTF-8: Windows-1252, unless UTF-8 characters outnumber the bytes that are not (a
  // UTF-8 file with a stray byte, whose row the reader then excludes).
  const { valid, invalid } = utf8Evidence(new TextDecoder('utf-8').decode(complete));
  return invalid < valid
    ? { encoding: 'utf-8', evidence: 'mostly-utf-8' }
    : { encoding: 'windows-1252', evidence: 'not-utf-8' };
}

/** UTF-8 characters of two or more bytes, and sequences that were not UTF-8 (U+FFFD), in text. */
function utf8Evidence(text: string): { valid: number; invalid: number } {
  let invalid = 0;
  let valid = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd) invalid++;
    else if (code >= 0x80 && (code < 0xdc00 || code > 0xdfff)) valid++;
  }
  return { valid, invalid };
}

/** The length of the prefix of `bytes` that does not end inside a multi-byte UTF-8 sequence. */
function completeUtf8Length(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let back = 1; back <= Math.min(3, length); back++) {
    const byte = bytes[length - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? length - back : length;
  }
  return length;
}

/**
 * A stream stage that turns the file's bytes into UTF-8 bytes for the CSV parser, dropping any
 * BOM. UTF-8 input is checked, not copied; a byte sequence that is not UTF-8 stops the run with
 * the line it is on and the `--encoding` that would read it.
 */
export class ToUtf8 extends Transform {
  private decoder: TextDecoder | null;
  private carry: Buffer = Buffer.alloc(0);
  private first = true;
  private newlines = 0;
  /** UTF-8 characters of two or more bytes passed so far: the evidence that the file is UTF-8. */
  private multibyte = 0;
  /** Set once the evidence has been weighed and UTF-8 kept: bad sequences are then marked. */
  private lenient = false;
  /** What was decided late, for the file's facts and warnings. */
  readonly late: Pick<DetectedEncoding, 'firstNonUtf8' | 'invalidSequences'> = {};

  constructor(
    private readonly encoding: Encoding,
    private readonly file: string,
    private readonly policy: Utf8Policy = { decide: false, switchAllowed: false },
  ) {
    super();
    this.decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding, { ignoreBOM: false });
  }

  /** The encoding the file was read in, which a late decision may have changed. */
  get encodingUsed(): Encoding {
    return this.late.firstNonUtf8 ? 'windows-1252' : this.encoding;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      if (this.decoder) {
        const text = this.decoder.decode(chunk, { stream: true });
        if (text.length > 0) this.push(Buffer.from(text, 'utf8'));
        callback();
        return;
      }
      let bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
      if (this.first) {
        if (bytes.length < 3) {
          this.carry = bytes;
          callback();
          return;
        }
        this.first = false;
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      }
      const complete = completeUtf8Length(bytes);
      const body = bytes.subarray(0, complete);
      this.carry = Buffer.from(bytes.subarray(complete));
      if (this.policy.decide && !isUtf8(body)) {
        this.weigh(body, bytes);
        callback();
        return;
      }
      this.checkUtf8(body);
      if (this.policy.decide) this.multibyte += countLeadBytes(body);
      this.push(body);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (this.decoder) {
        const text = this.decoder.decode();
        if (text.length > 0) this.push(Buffer.from(text, 'utf8'));
      } else if (this.carry.length > 0) {
        let rest = this.carry;
        if (this.first && rest[0] === 0xef && rest[1] === 0xbb && rest[2] === 0xbf) {
          rest = rest.subarray(3);
        }
        if (this.policy.decide && !isUtf8(rest)) this.weigh(rest, rest);
        else {
          this.checkUtf8(rest);
          this.push(rest);
        }
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  /**
   * A chunk with bytes that are not UTF-8 (`body`; `bytes` is the same with any incomplete
   * character at its end). Compares the sequences that are not UTF-8 with the UTF-8 characters
   * read so far and in this chunk, then reads on as Windows-1252 or marks the bad sequences.
   */
  private weigh(body: Buffer, bytes: Buffer): void {
    const good = firstInvalid(body);
    const line = this.newlines + countNewlines(body, good) + 1;
    const text = new TextDecoder('utf-8').decode(body);
    const { valid, invalid } = utf8Evidence(text);
    if (!this.lenient) {
      const windows1252 = invalid > this.multibyte + valid;
      if (windows1252 && this.policy.switchAllowed && this.multibyte === 0) {
        // Everything before was ASCII, which reads the same in Windows-1252: no need to go back.
        this.late.firstNonUtf8 = {
          line,
          byte: `0x${body[good].toString(16).toUpperCase().padStart(2, '0')}`,
        };
        this.decoder = new TextDecoder('windows-1252');
        this.carry = Buffer.alloc(0);
        const decoded = this.decoder.decode(bytes, { stream: true });
        if (decoded.length > 0) this.push(Buffer.from(decoded, 'utf8'));
        return;
      }
      // Mostly not UTF-8 after UTF-8 characters (or --encoding utf-8, or a BOM): ask.
      if (windows1252) this.checkUtf8(body);
      this.lenient = true;
    }
    this.multibyte += valid;
    const seen = this.late.invalidSequences;
    this.late.invalidSequences = {
      count: (seen?.count ?? 0) + invalid,
      firstLine: seen?.firstLine ?? line,
    };
    this.newlines += countNewlines(body, body.length);
    this.push(Buffer.from(text, 'utf8'));
  }

  private checkUtf8(body: Buffer): void {
    if (isUtf8(body)) {
      this.newlines += countNewlines(body, body.length);
      return;
    }
    // Find the first bad byte to name its line.
    const good = firstInvalid(body);
    const line = this.newlines + countNewlines(body, good) + 1;
    throw new RasgapError(
      'ENCODING',
      `the file was read as UTF-8 but byte 0x${body[good]?.toString(16).toUpperCase().padStart(2, '0')} on this line is not UTF-8 (in Windows-1252, 0xA3 is "£")`,
      {
        file: this.file,
        line,
        fix: 'pass --encoding windows-1252 (or the encoding it was saved in)',
      },
    );
  }
}

/** The offset of the first byte of `body` that starts a sequence that is not UTF-8. */
function firstInvalid(body: Buffer): number {
  let good = 0;
  let low = 0;
  let high = body.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const end = completeUtf8Length(body.subarray(0, middle + 1));
    if (isUtf8(body.subarray(0, end))) {
      good = end;
      low = middle + 1;
    } else high = middle;
  }
  return good;
}

/** The lead bytes of multi-byte characters in valid UTF-8: how many such characters it holds. */
function countLeadBytes(bytes: Buffer): number {
  // Native code, not a loop over every byte, which in a fresh process runs unoptimised (about
  // 20 ms of a council's 1.5 MB file): ASCII throughout is one check; else the lead bytes are
  // what is left once a regular expression has removed every other byte (read as Latin-1).
  if (isAscii(bytes)) return 0;
  return bytes.toString('latin1').replace(/[^\xc0-\xff]+/g, '').length;
}

/** Line feeds in `bytes` before `end`: one native split, not a search from each to the next. */
function countNewlines(bytes: Buffer, end: number): number {
  return bytes.toString('latin1', 0, end).split('\n').length - 1;
}

/** Checks an `--encoding` value, accepting the usual spellings. */
export function parseEncoding(text: string): Encoding {
  const key = text.trim().toLowerCase().replace(/[_\s]/g, '-');
  // A Map, so that text such as "constructor" is just an unknown name.
  const aliases = new Map<string, Encoding>(
    Object.entries({
      'utf-8': 'utf-8',
      utf8: 'utf-8',
      'utf-8-bom': 'utf-8',
      'utf-16le': 'utf-16le',
      'utf-16-le': 'utf-16le',
      utf16le: 'utf-16le',
      'utf-16': 'utf-16le',
      ucs2: 'utf-16le',
      'utf-16be': 'utf-16be',
      'utf-16-be': 'utf-16be',
      utf16be: 'utf-16be',
      'windows-1252': 'windows-1252',
      cp1252: 'windows-1252',
      win1252: 'windows-1252',
      'latin-1': 'windows-1252',
      latin1: 'windows-1252',
      'iso-8859-1': 'windows-1252',
      ansi: 'windows-1252',
    }),
  );
  const encoding = aliases.get(key);
  if (!encoding) {
    throw new RasgapError('USAGE', `unknown encoding "${text}"`, {
      fix: `use one of ${ENCODINGS.join(', ')}`,
    });
  }
  return encoding;
}
