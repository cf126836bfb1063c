// The read tells its progress by bytes of the total, with the rows read so far: through the
// option, which the Node API's analyse passes on (the CLI's progress line listens there).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/index.js';
import { readExports } from '../../src/ingest/read.js';

const root = join(import.meta.dirname, '..', '..');
const sample = join(root, 'fixtures', 'sample-export.csv');
const small = join(root, 'fixtures', 'small-export.csv');
const workbook = join(root, 'fixtures', 'foi-workbook.xlsx');

describe('read progress', () => {
  it('counts bytes of all the files up to their total, and rows up to the rows read', async () => {
    const calls: [number, number, number][] = [];
    const { inputs } = await readExports([sample, small, workbook], {
      onProgress: (bytes, total, rows) => calls.push([bytes, total, rows]),
    });
    const total = [sample, small, workbook].reduce((sum, path) => sum + statSync(path).size, 0);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.every(([, of]) => of === total)).toBe(true);
    for (let i = 1; i < calls.length; i++) {
      expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0]);
      expect(calls[i][2]).toBeGreaterThanOrEqual(calls[i - 1][2]);
    }
    const rows = inputs.reduce((sum, input) => sum + input.rowsRead, 0);
    expect(calls.at(-1)).toEqual([total, total, rows]);
    // After the first file, its bytes and rows are counted in full.
    expect(calls).toContainEqual([statSync(sample).size, total, inputs[0].rowsRead]);
  });

  it('reaches the read through analyse({ onProgress }), and no other run', async () => {
    const seen: number[] = [];
    await analyse([small], { minCount: 1, dominanceP: 0, onProgress: (bytes) => seen.push(bytes) });
    expect(seen.at(-1)).toBe(statSync(small).size);
    const before = seen.length;
    await analyse([small], { minCount: 1, dominanceP: 0 });
    expect(seen).toHaveLength(before);
  });

  it('counts a stream, whose size is not known, as 0 bytes of 0', async () => {
    const seen: [number, number][] = [];
    const { Readable } = await import('node:stream');
    const { readFileSync } = await import('node:fs');
    await readExports([{ name: 'small.csv', stream: Readable.from([readFileSync(small)]) }], {
      onProgress: (bytes, total) => seen.push([bytes, total]),
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every(([, total]) => total === 0)).toBe(true);
  });
});
