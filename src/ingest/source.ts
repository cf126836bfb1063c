/**
 * Where an export's bytes come from: a path on disk, bytes or text already in memory, or a stream
 * (a Node Readable, a web ReadableStream, any async iterable of chunks). Every kind goes through
 * the same reading front end (src/ingest/read.ts), so the encoding is sniffed, a workbook is
 * recognised by its bytes, and lines are numbered alike whatever the bytes came from.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { RasgapError } from '../errors.js';

/** Chunks a stream may yield: bytes, or text (taken as already decoded, and read as UTF-8). */
export type ExportChunk = Uint8Array | string;

/**
 * One export to read. A bare string is always a path (as it has been since the first release);
 * text and bytes come in an object that says which they are, with a name for messages.
 *
 * - `'export.csv'` or `{ path: 'export.csv' }`: a file on disk.
 * - `{ name: 'export.csv', text: 'Person ID,…' }`: the content as text (already decoded: the
 *   `encoding` option does not apply to it).
 * - `{ name: 'export.xlsx', bytes }` or a bare `Buffer` / `Uint8Array`: the file's bytes, read
 *   exactly as a file with those bytes would be (encoding sniffed, a workbook recognised).
 * - `{ name: 'export.csv', stream }` or a bare stream: a Node `Readable`, a web `ReadableStream`
 *   or any async iterable of `Uint8Array` / string chunks, read once. A workbook needs random
 *   access, so a workbook given as a stream is collected in memory first.
 *
 * `name` is what messages, the exclusions list, provenance and `--by source` call the input; it
 * defaults to `input N` (N counting the inputs from 1).
 */
export type ExportInput =
  | string
  | { path: string }
  | { name?: string; text: string }
  | { name?: string; bytes: Uint8Array }
  | { name?: string; stream: AsyncIterable<ExportChunk> }
  | Uint8Array
  | AsyncIterable<ExportChunk>;

/** One export, or several to pool: each a path, or bytes, text or a stream. */
export type Inputs = ExportInput | readonly ExportInput[];

/**
 * The inputs as a list: one input alone (a bare string is a path), or a list of them.
 *
 * @example
 * listOf('export.csv') // ['export.csv']
 * listOf([{ name: 'q1.csv', text }, 'q2.csv']) // both, in order
 */
export function listOf(inputs: Inputs): readonly ExportInput[] {
  const list = Array.isArray(inputs) ? (inputs as readonly ExportInput[]) : [inputs as ExportInput];
  if (list.length === 0) {
    throw new RasgapError('USAGE', 'no export was given', {
      fix: 'pass a path, or { name, text }, { name, bytes } or { name, stream } (see docs/api.md)',
    });
  }
  return list;
}

/** Bytes looked at to choose the encoding, delimiter and container. */
export const SNIFF_BYTES = 64 * 1024;
/** Chunks handed on from memory: as large as a file read's, so both parse alike and no slower. */
const CHUNK_BYTES = 1 << 20;

/**
 * An input resolved to its bytes: read its head, then stream it from the start once.
 *
 * @example
 * const source = ByteSource.of({ name: 'q1.csv', text: 'Person ID,…\n' }, 0);
 * source.name // 'q1.csv'
 * (await source.head()).length // the first bytes, up to 64 KiB
 */
export abstract class ByteSource {
  constructor(
    /** The path, or the name given: what messages and the report call this input. */
    readonly name: string,
    readonly kind: 'path' | 'bytes' | 'text' | 'stream',
  ) {}

  /**
   * Resolves an input (or passes a source through), naming unnamed content `input N` from its
   * 0-based position.
   *
   * @example
   * ByteSource.of('export.csv', 0).kind // 'path'
   * ByteSource.of(Buffer.from('a,b\n'), 1).name // 'input 2'
   */
  static of(input: ExportInput | ByteSource, index: number): ByteSource {
    if (input instanceof ByteSource) return input;
    const unnamed = `input ${index + 1}`;
    if (typeof input === 'string') return new PathSource(input);
    if (input instanceof Uint8Array) return new BytesSource(unnamed, 'bytes', input);
    if (typeof input !== 'object' || input === null) throw notAnInput(input, index);
    if (isAsyncIterable(input)) return new StreamSource(unnamed, input);
    const named = input as { name?: unknown; path?: unknown };
    const name = typeof named.name === 'string' && named.name !== '' ? named.name : unnamed;
    if ('path' in input && typeof input.path === 'string') return new PathSource(input.path);
    if ('text' in input && typeof input.text === 'string') {
      // Already decoded: UTF-8 is how it reaches the one reading path (a leading U+FEFF stays a BOM).
      return new BytesSource(name, 'text', Buffer.from(input.text, 'utf8'));
    }
    if ('bytes' in input && input.bytes instanceof Uint8Array) {
      return new BytesSource(name, 'bytes', input.bytes);
    }
    if ('stream' in input && isAsyncIterable(input.stream)) {
      return new StreamSource(name, input.stream);
    }
    throw notAnInput(input, index);
  }

  /** The first bytes, up to 64 KiB; a refusal when there are none. */
  abstract head(): Promise<Buffer>;
  /** Every byte from the start, in chunks. A stream's bytes can be taken once. */
  abstract stream(): Readable;
  /** For a workbook (a zip needs random access): the path to open, or every byte in memory. */
  abstract whole(): Promise<string | Buffer>;

  /** The number of bytes when known before reading (for a progress line); 0 when not. */
  size(): Promise<number> {
    return Promise.resolve(0);
  }

  /** Lets go of a stream that will not be read to its end (a file refused on its first bytes). */
  close(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * SHA-256 and size of every byte; a path is read once more in chunks (a workbook is read by
   * parts, so its bytes never pass through one stream).
   */
  async hash(): Promise<{ sha256: string; bytes: number }> {
    const whole = await this.whole();
    const hash = createHash('sha256');
    if (typeof whole !== 'string') {
      return { sha256: hash.update(whole).digest('hex'), bytes: whole.length };
    }
    let bytes = 0;
    for await (const chunk of createReadStream(whole, { highWaterMark: CHUNK_BYTES })) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    return { sha256: hash.digest('hex'), bytes };
  }

  protected empty(): RasgapError {
    return new RasgapError('EMPTY_FILE', `the ${this.noun} is empty (0 bytes)`, {
      file: this.name,
      fix:
        this.kind === 'path'
          ? 'export the data again; this file holds nothing'
          : 'pass the export’s content; this input holds nothing',
    });
  }

  protected get noun(): string {
    return this.kind === 'path' ? 'file' : 'input';
  }
}

class PathSource extends ByteSource {
  constructor(path: string) {
    super(path, 'path');
  }

  async head(): Promise<Buffer> {
    const path = this.name;
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        throw new RasgapError('FILE_NOT_FOUND', 'no such file', {
          file: path,
          fix: 'check the path and the file name',
        });
      }
      throw new RasgapError('FILE_UNREADABLE', `cannot read the file (${code})`, {
        file: path,
        fix: 'check that you have permission to read it',
      });
    }
    if (info.isDirectory()) {
      throw new RasgapError('FILE_UNREADABLE', 'this is a folder, not a file', {
        file: path,
        fix: 'name the CSV file inside it',
      });
    }
    if (info.size === 0) throw this.empty();
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(SNIFF_BYTES, info.size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  stream(): Readable {
    return createReadStream(this.name, { highWaterMark: CHUNK_BYTES });
  }

  override size(): Promise<number> {
    return stat(this.name).then(
      (info) => (info.isFile() ? info.size : 0),
      () => 0,
    );
  }

  whole(): Promise<string> {
    return Promise.resolve(this.name);
  }
}

class BytesSource extends ByteSource {
  private readonly bytes: Buffer;

  constructor(name: string, kind: 'bytes' | 'text', bytes: Uint8Array) {
    super(name, kind);
    // A view, not a copy: the caller's bytes are only read.
    this.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  override size(): Promise<number> {
    return Promise.resolve(this.bytes.length);
  }

  head(): Promise<Buffer> {
    if (this.bytes.length === 0) return Promise.reject(this.empty());
    return Promise.resolve(this.bytes.subarray(0, SNIFF_BYTES));
  }

  stream(): Readable {
    return Readable.from(chunksOf(this.bytes), { objectMode: false });
  }

  whole(): Promise<Buffer> {
    return Promise.resolve(this.bytes);
  }
}

class StreamSource extends ByteSource {
  private readonly iterator: AsyncIterator<ExportChunk>;
  /** Chunks taken to sniff the head, handed on first when the bytes are streamed. */
  private readonly taken: Buffer[] = [];
  private done = false;
  private streamed = false;
  /** Every byte, once collected for a workbook (read again for its hash). */
  private collected: Buffer | null = null;

  constructor(name: string, input: AsyncIterable<ExportChunk>) {
    super(name, 'stream');
    this.iterator = input[Symbol.asyncIterator]();
  }

  async head(): Promise<Buffer> {
    let size = this.taken.reduce((sum, chunk) => sum + chunk.length, 0);
    while (size < SNIFF_BYTES && !this.done) {
      const chunk = await this.next();
      if (chunk === null) break;
      this.taken.push(chunk);
      size += chunk.length;
    }
    if (size === 0) throw this.empty();
    return Buffer.concat(this.taken).subarray(0, SNIFF_BYTES);
  }

  stream(): Readable {
    return Readable.from(this.rest(), { objectMode: false });
  }

  async whole(): Promise<Buffer> {
    if (this.collected === null) {
      const chunks: Buffer[] = [];
      for await (const chunk of this.rest()) chunks.push(chunk);
      this.collected = Buffer.concat(chunks);
    }
    return this.collected;
  }

  /** The head's chunks, then the rest of the stream, once. */
  private async *rest(): AsyncGenerator<Buffer> {
    if (this.streamed) {
      throw new RasgapError('FILE_UNREADABLE', 'this stream has already been read', {
        file: this.name,
        fix: 'pass a new stream for each read (a stream can be read only once)',
      });
    }
    this.streamed = true;
    try {
      yield* this.taken.splice(0);
      for (let chunk = await this.next(); chunk !== null; chunk = await this.next()) yield chunk;
    } finally {
      // Stopped early (a CSV error, a header not found): the caller's stream is let go, not left open.
      await this.close();
    }
  }

  override async close(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.iterator.return?.();
  }

  private async next(): Promise<Buffer | null> {
    if (this.done) return null;
    let result: IteratorResult<ExportChunk>;
    try {
      result = await this.iterator.next();
    } catch (error) {
      throw new RasgapError(
        'FILE_UNREADABLE',
        `the stream failed while being read (${(error as Error).message})`,
        { file: this.name, fix: 'check the source of the stream, and pass it again' },
      );
    }
    if (result.done) {
      this.done = true;
      return null;
    }
    const chunk = result.value;
    if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
    if (chunk instanceof Uint8Array) {
      return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
    throw new RasgapError(
      'FILE_UNREADABLE',
      'the stream gave something that is not bytes or text',
      {
        file: this.name,
        fix: 'stream the file’s bytes (Buffer or Uint8Array chunks) or its text (string chunks)',
      },
    );
  }
}

function* chunksOf(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExportChunk> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

function notAnInput(input: unknown, index: number): RasgapError {
  const shown = typeof input === 'object' && input !== null ? Object.keys(input).join(', ') : '';
  return new RasgapError(
    'USAGE',
    `input ${index + 1} is not an export: ${shown === '' ? typeof input : `an object with ${shown}`}`,
    {
      fix: 'pass a path, { name, text }, { name, bytes }, { name, stream }, a Buffer or a stream (see docs/api.md)',
    },
  );
}
