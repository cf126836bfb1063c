import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RasgapError } from '../../src/errors.js';
import {
  detectEncoding,
  ENCODINGS,
  parseEncoding,
  ToUtf8,
  type Encoding,
} from '../../src/ingest/encoding.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function utf16le(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** Pipes the chunks through ToUtf8 and returns everything it wrote. */
async function convert(chunks: Buffer[], encoding: Encoding, file = 'export.csv'): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(chunks),
    new ToUtf8(encoding, file),
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        out.push(chunk);
        callback();
      },
    }),
  );
  return Buffer.concat(out);
}

async function conversionError(chunks: Buffer[], encoding: Encoding): Promise<RasgapError> {
  try {
    await convert(chunks, encoding);
  } catch (error) {
    expect(error).toBeInstanceOf(RasgapError);
    return error as RasgapError;
  }
  throw new Error('expected the stream to fail');
}

/** Splits bytes into pieces at the given offsets. */
function splitAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(bytes.subarray(start, point));
    start = point;
  }
  pieces.push(bytes.subarray(start));
  return pieces.filter((piece) => piece.length > 0);
}

describe('detectEncoding', () => {
  it('reads a UTF-8 BOM', () => {
    expect(detectEncoding(Buffer.concat([BOM, Buffer.from('Person ID,IB\n')]))).toEqual({
      encoding: 'utf-8',
      evidence: 'bom',
    });
  });

  it('reads a UTF-16LE BOM', () => {
    expect(detectEncoding(utf16le('\ufeffPerson ID\tIB\r\n'))).toEqual({
      encoding: 'utf-16le',
      evidence: 'bom',
    });
  });

  it('reads a UTF-16BE BOM', () => {
    const bytes = utf16be('\ufeffPerson ID\tIB\r\n');
    expect(bytes[0]).toBe(0xfe);
    expect(detectEncoding(bytes)).toEqual({ encoding: 'utf-16be', evidence: 'bom' });
  });

  it('recognises UTF-16 without a BOM by the NUL bytes of ASCII text', () => {
    const text = 'Person ID,Indicative Budget,Actual Budget\r\nP1,100,120\r\n';
    expect(detectEncoding(utf16le(text))).toEqual({
      encoding: 'utf-16le',
      evidence: 'nul-pattern',
    });
    expect(detectEncoding(utf16be(text))).toEqual({
      encoding: 'utf-16be',
      evidence: 'nul-pattern',
    });
  });

  it('takes a file with a £ as the single byte 0xA3 for Windows-1252', () => {
    expect(detectEncoding(Buffer.from([0x41, 0xa3, 0x31]))).toEqual({
      encoding: 'windows-1252',
      evidence: 'not-utf-8',
    });
    const row = Buffer.concat([
      Buffer.from('Person ID,IB,PB\r\nP1,'),
      Buffer.from([0xa3]),
      Buffer.from('412.50,'),
      Buffer.from([0xa3]),
      Buffer.from('450.00\r\n'),
    ]);
    expect(detectEncoding(row).encoding).toBe('windows-1252');
  });

  it('takes a head ending in a stray 0xA3 for Windows-1252, not a cut UTF-8 character', () => {
    expect(detectEncoding(Buffer.from([0x41, 0x31, 0xa3])).encoding).toBe('windows-1252');
  });

  it('takes plain ASCII, and UTF-8 with a £, for UTF-8', () => {
    expect(detectEncoding(Buffer.from('Person ID,IB,PB\nP1,100,120\n'))).toEqual({
      encoding: 'utf-8',
      evidence: 'valid-utf-8',
    });
    expect(detectEncoding(Buffer.from('P1,£412.50,£450.00\n'))).toEqual({
      encoding: 'utf-8',
      evidence: 'valid-utf-8',
    });
  });

  it('takes an empty head for UTF-8', () => {
    expect(detectEncoding(Buffer.alloc(0)).encoding).toBe('utf-8');
  });

  it('still reads UTF-8 when the head is cut in the middle of a multi-byte character', () => {
    const pound = Buffer.from('IB,PB\nP1,£');
    expect(pound.at(-1)).toBe(0xa3); // £ is C2 A3 in UTF-8
    expect(detectEncoding(pound.subarray(0, pound.length - 1))).toEqual({
      encoding: 'utf-8',
      evidence: 'valid-utf-8',
    });
    const euro = Buffer.from('IB,PB\nP1,€'); // E2 82 AC
    expect(detectEncoding(euro.subarray(0, euro.length - 1)).encoding).toBe('utf-8');
    expect(detectEncoding(euro.subarray(0, euro.length - 2)).encoding).toBe('utf-8');
    const emoji = Buffer.from('IB,PB\nP1,😀'); // F0 9F 98 80
    for (let cut = 1; cut <= 3; cut++) {
      expect(detectEncoding(emoji.subarray(0, emoji.length - cut)).encoding).toBe('utf-8');
    }
  });

  it('does not excuse a bad byte earlier in a head that ends mid-character', () => {
    const bytes = Buffer.concat([
      Buffer.from('P1,'),
      Buffer.from([0xa3]),
      Buffer.from('1\nP2,'),
      Buffer.from([0xc2]),
    ]);
    expect(detectEncoding(bytes).encoding).toBe('windows-1252');
  });
});

describe('parseEncoding', () => {
  it.each([
    ['utf-8', 'utf-8'],
    ['UTF-8', 'utf-8'],
    ['utf8', 'utf-8'],
    ['utf-8-bom', 'utf-8'],
    ['UTF_8', 'utf-8'],
    [' utf-8 ', 'utf-8'],
    ['utf-16le', 'utf-16le'],
    ['UTF-16LE', 'utf-16le'],
    ['utf-16-le', 'utf-16le'],
    ['utf16le', 'utf-16le'],
    ['utf-16', 'utf-16le'],
    ['ucs2', 'utf-16le'],
    ['utf-16be', 'utf-16be'],
    ['UTF16BE', 'utf-16be'],
    ['utf_16_be', 'utf-16be'],
    ['windows-1252', 'windows-1252'],
    ['Windows 1252', 'windows-1252'],
    ['cp1252', 'windows-1252'],
    ['win1252', 'windows-1252'],
    ['latin1', 'windows-1252'],
    ['Latin-1', 'windows-1252'],
    ['ISO-8859-1', 'windows-1252'],
    ['ANSI', 'windows-1252'],
  ])('%j -> %s', (text, encoding) => {
    expect(parseEncoding(text)).toBe(encoding);
  });

  it.each(['ebcdic', 'utf-32', '', 'shift-jis'])('%j is a usage error', (text) => {
    let caught: unknown;
    try {
      parseEncoding(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RasgapError);
    const error = caught as RasgapError;
    expect(error.code).toBe('USAGE');
    expect(error.message).toBe(`unknown encoding "${text}"`);
    for (const encoding of ENCODINGS) expect(error.fix).toContain(encoding);
  });
});

describe('ToUtf8', () => {
  it('passes UTF-8 through unchanged', async () => {
    const text = 'Person ID,IB,PB\r\nP1,£412.50,£450.00\r\n';
    expect((await convert([Buffer.from(text)], 'utf-8')).toString('utf8')).toBe(text);
  });

  it('removes a UTF-8 BOM', async () => {
    const out = await convert([Buffer.concat([BOM, Buffer.from('IB,PB\n1,2\n')])], 'utf-8');
    expect(out.toString('utf8')).toBe('IB,PB\n1,2\n');
    expect(out[0]).toBe(0x49);
  });

  it('removes a BOM split across chunks', async () => {
    const out = await convert(
      [Buffer.from([0xef]), Buffer.from([0xbb]), Buffer.from([0xbf, 0x41, 0x42])],
      'utf-8',
    );
    expect(out.toString('utf8')).toBe('AB');
  });

  it('removes a BOM that is the whole file', async () => {
    expect((await convert([BOM], 'utf-8')).length).toBe(0);
  });

  it('keeps a BOM-like sequence that is not at the start', async () => {
    const out = await convert([Buffer.from('A'), BOM, Buffer.from('B')], 'utf-8');
    expect(out.toString('utf8')).toBe('A\ufeffB');
  });

  it('passes a file shorter than a BOM', async () => {
    expect((await convert([Buffer.from('ab')], 'utf-8')).toString('utf8')).toBe('ab');
  });

  it('keeps a multi-byte character split across two chunks', async () => {
    const bytes = Buffer.from('P1,£412.50\n');
    const at = bytes.indexOf(0xc2) + 1; // between C2 and A3
    const out = await convert([bytes.subarray(0, at), bytes.subarray(at)], 'utf-8');
    expect(out.toString('utf8')).toBe('P1,£412.50\n');
  });

  it('keeps a four-byte character fed one byte at a time', async () => {
    const bytes = Buffer.concat([BOM, Buffer.from('a😀b€c£\n')]);
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));
    expect((await convert(chunks, 'utf-8')).toString('utf8')).toBe('a😀b€c£\n');
  });

  it('reproduces any UTF-8 text, however it is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (text, withBom, cuts) => {
          const bytes = Buffer.concat([withBom ? BOM : Buffer.alloc(0), Buffer.from(text)]);
          const out = await convert(splitAt(bytes, cuts), 'utf-8');
          // A text that itself begins with U+FEFF loses it only when it is taken for the BOM.
          const expected = !withBom && text.startsWith('\ufeff') ? text.slice(1) : text;
          expect(out.toString('utf8')).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('turns a Windows-1252 £ (0xA3) into UTF-8 £ (C2 A3)', async () => {
    const bytes = Buffer.concat([
      Buffer.from('IB,PB\r\n'),
      Buffer.from([0xa3]),
      Buffer.from('12,'),
      Buffer.from([0x80]), // € in Windows-1252
      Buffer.from('5,caf'),
      Buffer.from([0xe9]), // é
      Buffer.from('\r\n'),
    ]);
    const out = await convert([bytes], 'windows-1252');
    expect(out.toString('utf8')).toBe('IB,PB\r\n£12,€5,café\r\n');
    expect([...out.subarray(7, 9)]).toEqual([0xc2, 0xa3]);
  });

  it('decodes UTF-16LE with its BOM, even split at an odd byte', async () => {
    const bytes = utf16le('\ufeffPerson ID\tIB\tPB\r\nP1\t£412.50\t£450.00\r\n');
    const out = await convert(
      [bytes.subarray(0, 7), bytes.subarray(7, 30), bytes.subarray(30)],
      'utf-16le',
    );
    expect(out.toString('utf8')).toBe('Person ID\tIB\tPB\r\nP1\t£412.50\t£450.00\r\n');
  });

  it('decodes UTF-16BE', async () => {
    const out = await convert([utf16be('\ufeffIB\tPB\n£1\t£2\n')], 'utf-16be');
    expect(out.toString('utf8')).toBe('IB\tPB\n£1\t£2\n');
  });

  it('stops on invalid UTF-8 in a later chunk, naming its line and the option that fixes it', async () => {
    const first = Buffer.from('Person ID,IB,PB\r\nP1,£1,£2\r\n');
    const second = Buffer.concat([
      Buffer.from('P2,3,4\r\nP3,'),
      Buffer.from([0xa3]),
      Buffer.from('5,6\r\n'),
    ]);
    const error = await conversionError([first, second], 'utf-8');
    expect(error.code).toBe('ENCODING');
    expect(error.line).toBe(4);
    expect(error.file).toBe('export.csv');
    expect(error.fix).toContain('--encoding windows-1252');
    expect(error.message).toContain('0xA3');
  });

  it('names the line of a bad byte on the first line', async () => {
    const bytes = Buffer.concat([
      Buffer.from('IB'),
      Buffer.from([0xa3]),
      Buffer.from(',PB\n1,2\n'),
    ]);
    const error = await conversionError([bytes], 'utf-8');
    expect(error.code).toBe('ENCODING');
    expect(error.line).toBe(1);
  });

  it('counts lines across many chunks before the bad byte', async () => {
    const chunks = Array.from({ length: 10 }, (_, i) => Buffer.from(`P${i},1,2\nP${i}b,3,4\n`));
    chunks.push(Buffer.concat([Buffer.from('P99,'), Buffer.from([0xff]), Buffer.from(',1\n')]));
    const error = await conversionError(chunks, 'utf-8');
    expect(error.line).toBe(21);
    expect(error.message).toContain('0xFF');
  });

  it('names the line when the bad byte is held back as the possible start of a character', async () => {
    // 0xE9 (é in Windows-1252) looks like the lead byte of a 3-byte UTF-8 character.
    const error = await conversionError(
      [Buffer.from('IB,PB\n1,2\ncaf'), Buffer.from([0xe9]), Buffer.from(',3\n')],
      'utf-8',
    );
    expect(error.code).toBe('ENCODING');
    expect(error.line).toBe(3);
  });

  it('catches a truncated character at the very end of the file', async () => {
    const error = await conversionError(
      [Buffer.from('IB,PB\n1,2\n3,'), Buffer.from([0xc2])],
      'utf-8',
    );
    expect(error.code).toBe('ENCODING');
    expect(error.line).toBe(3);
  });
});

describe('ToUtf8 deciding from the whole file (issue 10)', () => {
  /** Pipes the chunks through a deciding ToUtf8; returns the text and what it decided late. */
  async function decide(chunks: Buffer[], switchAllowed = true) {
    const out: Buffer[] = [];
    const stage = new ToUtf8('utf-8', 'export.csv', { decide: true, switchAllowed });
    await pipeline(
      Readable.from(chunks),
      stage,
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          out.push(chunk);
          callback();
        },
      }),
    );
    return {
      text: Buffer.concat(out).toString('utf8'),
      late: stage.late,
      used: stage.encodingUsed,
    };
  }

  it('reads on as Windows-1252 when only ASCII came before the first bad byte', async () => {
    const ascii = Buffer.from('IB,PB\n1,2\n3,4\n');
    const later = Buffer.from([0x35, 0x2c, 0xa3, 0x36, 0x0a, 0x96, 0x0a]); // 5,£6 / –
    const { text, late, used } = await decide([ascii, later]);
    expect(text).toBe('IB,PB\n1,2\n3,4\n5,£6\n–\n');
    expect(late).toEqual({ firstNonUtf8: { line: 4, byte: '0xA3' } });
    expect(used).toBe('windows-1252');
  });

  it('keeps UTF-8 when UTF-8 characters outnumber the bad bytes, marking each one', async () => {
    const good = Buffer.from('IB,PB\n£1,£2\n');
    const bad = Buffer.concat([Buffer.from('£3,'), Buffer.from([0xff]), Buffer.from('4\n£5,£6\n')]);
    const { text, late, used } = await decide([good, bad]);
    expect(text).toBe('IB,PB\n£1,£2\n£3,\uFFFD4\n£5,£6\n');
    expect(late).toEqual({ invalidSequences: { count: 1, firstLine: 3 } });
    expect(used).toBe('utf-8');
  });

  it('counts UTF-8 later in the same chunk as evidence too', async () => {
    const bytes = Buffer.concat([
      Buffer.from('IB,PB\n'),
      Buffer.from([0xa3]),
      Buffer.from('1,2\n£3,£4\n'),
    ]);
    const { late } = await decide([bytes]);
    expect(late).toEqual({ invalidSequences: { count: 1, firstLine: 2 } });
  });

  it('stops, as before, when the bytes say Windows-1252 but it may not switch', async () => {
    const bytes = Buffer.concat([
      Buffer.from('IB,PB\n'),
      Buffer.from([0xa3]),
      Buffer.from('1,2\n'),
    ]);
    await expect(decide([bytes], false)).rejects.toMatchObject({ code: 'ENCODING', line: 2 });
  });

  it('stops when mostly Windows-1252 bytes follow UTF-8 characters (a mixed file)', async () => {
    const first = Buffer.from('IB,PB\n£1,2\n');
    const second = Buffer.from([0xa3, 0x33, 0x2c, 0xa3, 0x34, 0x0a, 0xa3, 0x35, 0x0a]);
    await expect(decide([first, second])).rejects.toMatchObject({ code: 'ENCODING', line: 3 });
  });
});

describe('detectEncoding by evidence', () => {
  it('takes a head of UTF-8 £ signs with one stray byte for UTF-8', () => {
    const head = Buffer.concat([
      Buffer.from('IB,PB\n£1,£2\n'),
      Buffer.from([0xa3]),
      Buffer.from('3\n'),
    ]);
    expect(detectEncoding(head)).toEqual({ encoding: 'utf-8', evidence: 'mostly-utf-8' });
  });
});
