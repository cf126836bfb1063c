// The Node API's inputs (src/ingest/source.ts through src/index.ts): every shape an export can be
// given in (a path, { path }, { name, text }, { name, bytes }, a bare Buffer or Uint8Array, a Node
// Readable, a web ReadableStream, any async iterable of chunks) is read by the one front end, so it
// gives the same figures, exclusions, line numbers and file facts as the path itself.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import {
  analyse,
  inspect,
  RasgapError,
  type AnalyseResult,
  type ExportInput,
} from '../../src/index.js';

const NOW = new Date(0);

/** What reading decides: figures, exclusions with their lines, and the facts of the bytes. */
function fingerprint(result: AnalyseResult) {
  const [input] = result.inputs;
  return {
    rows: result.report.rows,
    overall: result.report.overall,
    breakdowns: result.report.breakdowns,
    ledger: result.ledger.entries,
    facts: {
      sha256: input.sha256,
      bytes: input.bytes,
      format: input.format,
      encoding: input.encoding,
      delimiter: input.delimiter,
      sheet: input.sheet,
      rowsRead: input.rowsRead,
      headerLine: input.header.line,
      titleLines: input.titleLines,
      blankLines: input.blankLines,
    },
  };
}

/** An async iterable that hands the bytes on `size` bytes at a time. */
async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) {
    await Promise.resolve();
    yield bytes.subarray(at, at + size);
  }
}

/** Every shape of the file's bytes, named as the file is. */
function shapes(path: string): [string, () => ExportInput][] {
  const bytes = fs.readFileSync(path);
  const name = path.split('/').pop()!;
  return [
    ['{ path }', () => ({ path })],
    ['{ name, bytes } (Buffer)', () => ({ name, bytes })],
    ['{ name, bytes } (Uint8Array)', () => ({ name, bytes: new Uint8Array(bytes) })],
    ['a bare Buffer', () => Buffer.from(bytes)],
    ['a bare Uint8Array (a view into a larger buffer)', () => viewOf(bytes)],
    ['{ name, stream } (Node Readable)', () => ({ name, stream: fs.createReadStream(path) })],
    ['a bare Node Readable', () => fs.createReadStream(path, { highWaterMark: 4096 })],
    [
      '{ name, stream } (web ReadableStream)',
      () => ({
        name,
        stream: Readable.toWeb(fs.createReadStream(path)) as AsyncIterable<Uint8Array>,
      }),
    ],
    ['{ name, stream } (7-byte chunks)', () => ({ name, stream: pieces(bytes, 7) })],
  ];
}

/** The bytes as a Uint8Array that starts part-way into its ArrayBuffer. */
function viewOf(bytes: Buffer): Uint8Array {
  const padded = new Uint8Array(bytes.length + 16);
  padded.set(bytes, 8);
  return padded.subarray(8, 8 + bytes.length);
}

const FIXTURES = [
  // Title lines, a total row, suppressed and malformed rows: exclusions with line numbers.
  'fixtures/foi-titles-total.csv',
  // Windows-1252 (£ as 0xA3): the encoding is sniffed from the bytes.
  'fixtures/cp1252-pounds.csv',
  // UTF-16 LE with a BOM and tabs.
  'fixtures/utf16le-tabs.txt',
  // A workbook: recognised by its bytes, read from memory when not a path.
  'fixtures/foi-workbook.xlsx',
];

describe.each(FIXTURES)('%s', (path) => {
  it.each(shapes(path))('as %s: the same as the path', async (_shape, make) => {
    const expected = fingerprint(await analyse(path, { now: NOW }));
    const result = await analyse([make()], { now: NOW });
    expect(fingerprint(result)).toEqual(expected);
    expect(result.inputs[0].rowsRead).toBeGreaterThan(0);
  });
});

describe('names', () => {
  it('keeps the name given, and calls unnamed content "input N" by position', async () => {
    // Files with no council column: their groups under --by source are named by the inputs.
    const bytes = fs.readFileSync('fixtures/quarter-1.csv');
    const result = await analyse(
      [
        'fixtures/sample-export.csv',
        bytes,
        { name: 'south.csv', text: fs.readFileSync('fixtures/quarter-2.csv', 'utf8') },
      ],
      { by: ['source'], separateFiles: true, now: NOW },
    );
    expect(result.inputs.map((input) => input.path)).toEqual([
      'fixtures/sample-export.csv',
      'input 2',
      'south.csv',
    ]);
    expect(result.report.breakdowns[0].groups.map((group) => group.label).sort()).toEqual([
      'input 2',
      'sample-export.csv',
      'south.csv',
    ]);
  });

  it('refuses the same bytes given twice, naming both', async () => {
    const bytes = fs.readFileSync('fixtures/sample-export.csv');
    const error = await failure(analyse(['fixtures/sample-export.csv', { name: 'copy', bytes }]));
    expect(error.code).toBe('DUPLICATE_INPUT');
    expect(error.file).toBe('copy');
    expect(error.message).toContain('fixtures/sample-export.csv');
  });
});

describe('text', () => {
  const cp1252 = fs.readFileSync('fixtures/cp1252-pounds.csv');

  it('reads text the caller decoded as the file read from its own bytes', async () => {
    const fromFile = fingerprint(await analyse('fixtures/cp1252-pounds.csv', { now: NOW }));
    const text = new TextDecoder('windows-1252').decode(cp1252);
    const fromText = fingerprint(await analyse({ name: 'pounds.csv', text }, { now: NOW }));
    expect(fromText.overall).toEqual(fromFile.overall);
    expect(fromText.ledger).toEqual(fromFile.ledger);
    expect(fromText.facts.encoding).toEqual({ encoding: 'utf-8', evidence: 'valid-utf-8' });
  });

  it('does not apply --encoding to text, which is already decoded', async () => {
    const text = new TextDecoder('windows-1252').decode(cp1252);
    expect(text).toContain('£');
    const plain = await analyse({ name: 'pounds.csv', text }, { now: NOW });
    const forced = await analyse({ name: 'pounds.csv', text }, { encoding: 'utf-16le', now: NOW });
    expect(fingerprint(forced)).toEqual(fingerprint(plain));
  });

  it('takes a leading U+FEFF as the BOM it was, not as part of the first header', async () => {
    const text = fs.readFileSync('fixtures/sample-export.csv', 'utf8');
    const result = await analyse({ name: 'bom.csv', text: '\uFEFF' + text }, { now: NOW });
    expect(result.inputs[0].encoding).toEqual({ encoding: 'utf-8', evidence: 'bom' });
    expect(result.inputs[0].header.headers[0]).toBe('Person ID');
  });

  it('reads string chunks from a stream as text', async () => {
    const text = fs.readFileSync('fixtures/foi-titles-total.csv', 'utf8');
    const chunks = text.match(/[\s\S]{1,5}/g)!;
    const fromStream = await analyse({ name: 'x', stream: Readable.from(chunks) }, { now: NOW });
    const fromPath = await analyse('fixtures/foi-titles-total.csv', { now: NOW });
    expect(fingerprint(fromStream)).toEqual(fingerprint(fromPath));
  });
});

describe('bad inputs', () => {
  it.each<[string, ExportInput]>([
    ['empty text', { name: 'empty.csv', text: '' }],
    ['empty bytes', { name: 'empty.csv', bytes: new Uint8Array(0) }],
    ['an empty stream', { name: 'empty.csv', stream: Readable.from([]) }],
  ])('%s is EMPTY_FILE, named', async (_what, input) => {
    const error = await failure(analyse(input));
    expect(error.code).toBe('EMPTY_FILE');
    expect(error.file).toBe('empty.csv');
    expect(error.message).toBe('the input is empty (0 bytes)');
  });

  it('a stream that fails part-way is FILE_UNREADABLE, named, with the cause', async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield fs.readFileSync('fixtures/sample-export.csv').subarray(0, 100_000);
      throw new Error('connection reset');
    }
    const error = await failure(analyse({ name: 'upload.csv', stream: broken() }));
    expect(error.code).toBe('FILE_UNREADABLE');
    expect(error.file).toBe('upload.csv');
    expect(error.message).toContain('connection reset');
  });

  it('a stream of something other than bytes or text is FILE_UNREADABLE', async () => {
    const stream = Readable.from([{ not: 'bytes' }]);
    const error = await failure(analyse({ name: 'objects', stream }));
    expect(error.code).toBe('FILE_UNREADABLE');
    expect(error.file).toBe('objects');
  });

  it('lets go of a stream refused on its first bytes (an old .xls)', async () => {
    const xls = fs.readFileSync('fixtures/old-binary.xls');
    let closed = false;
    async function* chunks(): AsyncGenerator<Uint8Array> {
      try {
        // The OLE2 signature, then far more than the 64 KiB looked at first.
        for (let k = 0; k < 100; k++) yield k === 0 ? xls : new Uint8Array(4096);
      } finally {
        closed = true;
      }
    }
    const error = await failure(analyse({ name: 'old.xls', stream: chunks() }));
    expect(error.code).toBe('NOT_A_WORKBOOK');
    expect(closed).toBe(true);
  });

  it('lets go of a stream that stops being read part-way, and reads no further', async () => {
    // A header with no budget columns stops the read at line 1 of a 1 MB input.
    const line = 'someone,a note that is not a budget\n';
    let given = 0;
    let closed = false;
    async function* chunks(): AsyncGenerator<string> {
      try {
        yield 'Name,Notes\n';
        for (; given < 30_000; given++) yield line;
      } finally {
        closed = true;
      }
    }
    const error = await failure(analyse({ name: 'upload.csv', stream: chunks() }));
    expect(error.code).toBe('COLUMN_NOT_FOUND');
    expect(error.line).toBe(1);
    expect(closed).toBe(true);
    expect(given).toBeLessThan(30_000);
  });

  it.each<[string, unknown]>([
    ['a number', 42],
    ['null', null],
    ['an object of no known shape', { file: 'export.csv' }],
    ['text that is not a string', { name: 'x', text: 42 }],
  ])('%s is a USAGE error', async (_what, input) => {
    const error = await failure(analyse(input as ExportInput));
    expect(error.code).toBe('USAGE');
    expect(error.fix).toContain('docs/api.md');
  });

  it('no input at all is a USAGE error', async () => {
    expect((await failure(analyse([]))).code).toBe('USAGE');
  });

  it('a bare string is a path, never content', async () => {
    const text = fs.readFileSync('fixtures/sample-export.csv', 'utf8');
    const error = await failure(analyse(text.slice(0, 60)));
    expect(error.code).toBe('FILE_NOT_FOUND');
  });
});

describe('inspect takes the same inputs', () => {
  it('inspects bytes of a workbook as the workbook on disk', async () => {
    const bytes = fs.readFileSync('fixtures/foi-workbook.xlsx');
    const [fromPath] = await inspect('fixtures/foi-workbook.xlsx');
    const [fromBytes] = await inspect({ name: 'fixtures/foi-workbook.xlsx', bytes });
    expect(fromBytes).toEqual(fromPath);
  });

  it('inspects a stream, with exclusions on the lines of the file', async () => {
    const [fromPath] = await inspect('fixtures/foi-titles-total.csv');
    const stream = fs.createReadStream('fixtures/foi-titles-total.csv', { highWaterMark: 16 });
    const [fromStream] = await inspect({ name: 'fixtures/foi-titles-total.csv', stream });
    expect(fromStream).toEqual(fromPath);
    expect(fromStream.layout.map((item) => item.lines)).toEqual([[16, 17]]);
  });
});

async function failure(promise: Promise<unknown>): Promise<RasgapError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RasgapError);
    return error as RasgapError;
  }
  throw new Error('expected a RasgapError');
}
