// The tokeniser reads exactly as csv-parse does with the options rasgap used before it
// (relax_quotes, relax_column_count, skip_empty_lines false): checked on generated text full of
// quotes, delimiters and every kind of line end, fed in pieces cut at random bytes.
import { StringDecoder } from 'node:string_decoder';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { csvRecords, CsvSyntaxError, CsvTokenizer, detached } from '../../src/ingest/csv.js';

/** What csv-parse reads, or the code of its error. */
function reference(bytes: Buffer, delimiter: string): string[][] | string {
  try {
    return parse(bytes, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    return (error as { code: string }).code;
  }
}

/** What the tokeniser reads from the bytes cut at `cuts`, or the code of its error. */
function tokenised(bytes: Buffer, delimiter: string, cuts: number[]): string[][] | string {
  const records: string[][] = [];
  const decoder = new StringDecoder('utf8');
  const csv = new CsvTokenizer(delimiter, (fields) => records.push(fields));
  try {
    let from = 0;
    for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
      if (cut <= from || cut >= bytes.length) continue;
      csv.write(decoder.write(bytes.subarray(from, cut)));
      from = cut;
    }
    csv.write(decoder.write(bytes.subarray(from)));
    csv.write(decoder.end());
    csv.end();
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error.code;
    throw error;
  }
  return records;
}

const pieces = ['a', 'b1', ' ', '£', '"', '""', ',', ';', '\t', '\n', '\r', '\r\n', 'é€'];

describe('CsvTokenizer', () => {
  it('reads generated text as csv-parse does, however the bytes are cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 60 }),
        fc.constantFrom(',', ';', '\t'),
        fc.array(fc.nat(200), { maxLength: 8 }),
        (parts, delimiter, cuts) => {
          const bytes = Buffer.from(parts.join(''), 'utf8');
          expect(tokenised(bytes, delimiter, cuts)).toEqual(reference(bytes, delimiter));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it.each([
    [
      'a,b\r\nc,d\r\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    // The first line end decides: a lone \n after \r\n lines is part of a field.
    [
      'a,b\r\nc\nd,e\r\n',
      [
        ['a', 'b'],
        ['c\nd', 'e'],
      ],
    ],
    ['a\n\nb\n', [['a'], [''], ['b']]],
    ['"x ""y""",2\n', [['x "y"', '2']]],
    // Relaxed quotes: kept as written when the field goes on after them.
    ['"ab"c,d\n', [['"ab"c', 'd']]],
    ['a"b,c\n', [['a"b', 'c']]],
    ['"multi\nline",1\n', [['multi\nline', '1']]],
    ['a,\n', [['a', '']]],
  ])('reads %j', (text, expected) => {
    const bytes = Buffer.from(text);
    expect(tokenised(bytes, ',', [])).toEqual(expected);
    expect(reference(bytes, ',')).toEqual(expected);
  });

  it('refuses a quoted field never closed', () => {
    expect(tokenised(Buffer.from('a,"b\nc,d\n'), ',', [])).toBe('CSV_QUOTE_NOT_CLOSED');
  });

  it('numbers each record by the line it starts on, counting newlines in quoted fields', async () => {
    const lines: number[] = [];
    const sink = csvRecords(',', (_, line) => lines.push(line));
    await pipeline(Readable.from([Buffer.from('h,i\n"a\nb",1\n\nc,2')]), sink);
    expect(lines).toEqual([1, 2, 4, 5]);
    expect(sink.line).toBe(6);
  });
});

describe('detached', () => {
  it('keeps the text of a field without the chunk it was cut from', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const kept: string[] = [];
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let chunk = 0; chunk < 100; chunk++) {
      // A 1 MB chunk and a 20-character field cut from it.
      const text = `${chunk}`.padEnd(20, 'x') + 'y'.repeat(1 << 20);
      kept.push(detached(text.slice(0, 20)));
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(kept[7]).toBe('7'.padEnd(20, 'x'));
    expect(detached('short')).toBe('short');
    // Cut without detached, the hundred chunks (100 MB) would stay.
    expect(grown).toBeLessThan(10 * 2 ** 20);
  });
});
