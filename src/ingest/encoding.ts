/**
 * bytes -> UTF-8 text. Councils send UTF-8 (often with Excel's BOM), Windows-1252 (where `£` is
 * the single byte 0xA3) and UTF-16 with a BOM (Excel's "Unicode Text"). A wrong guess would
 * misread every `£`, so the choice is made from evidence and a contradiction later in the file
 * stops the run with the option that fixes it.
 */
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { RasgapError } from '../errors.js';

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export interface DetectedEncoding {
  encoding: Encoding;
  /** How it was decided, for `inspect` and the JSON output. */
  evidence: 'bom' | 'valid-utf-8' | 'not-utf-8' | 'nul-pattern' | 'option';
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
  return isUtf8(complete)
    ? { encoding: 'utf-8', evidence: 'valid-utf-8' }
    : { encoding: 'windows-1252', evidence: 'not-utf-8' };
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
  private readonly decoder: TextDecoder | null;
  private carry: Buffer = Buffer.alloc(0);
  private first = true;
  private newlines = 0;

  constructor(
    private readonly encoding: Encoding,
    private readonly file: string,
  ) {
    super();
    this.decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding, { ignoreBOM: false });
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
      this.checkUtf8(body);
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
        this.checkUtf8(rest);
        this.push(rest);
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  private checkUtf8(body: Buffer): void {
    if (isUtf8(body)) {
      this.newlines += countNewlines(body, body.length);
      return;
    }
    // Find the first bad byte to name its line.
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

function countNewlines(bytes: Uint8Array, end: number): number {
  let count = 0;
  let at = bytes.indexOf(10);
  while (at >= 0 && at < end) {
    count++;
    at = bytes.indexOf(10, at + 1);
  }
  return count;
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
