// The API's types, checked by `tsc --noEmit` (npm run lint) as well as run: the exact analysis is
// typed as present only with `exact: true`, every input shape is accepted, and render takes only
// the formats each kind of result has.
import { describe, expect, expectTypeOf, it } from 'vitest';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import {
  analyse,
  compare,
  inspect,
  render,
  type AnalyseResult,
  type ExactAnalyseResult,
  type ExactReport,
  type ExportInput,
  type FileInspection,
} from '../../src/index.js';

const SAMPLE = 'fixtures/sample-export.csv';

describe('types', () => {
  it('types the exact analysis as present only when asked for', async () => {
    const exact = await analyse(SAMPLE, { exact: true, tests: false });
    expectTypeOf(exact).toEqualTypeOf<ExactAnalyseResult>();
    expectTypeOf(exact.exact).toEqualTypeOf<ExactReport>();
    const published = await analyse(SAMPLE, { tests: false });
    expectTypeOf(published).toEqualTypeOf<AnalyseResult>();
    expectTypeOf(published.exact).toEqualTypeOf<ExactReport | undefined>();
    expect(published.exact).toBeUndefined();
  });

  it('accepts every input shape', () => {
    const bytes = fs.readFileSync(SAMPLE);
    const shapes: ExportInput[] = [
      SAMPLE,
      { path: SAMPLE },
      { name: 'a.csv', text: 'Person ID\n' },
      { text: 'Person ID\n' },
      { name: 'a.csv', bytes },
      { name: 'a.csv', bytes: new Uint8Array(bytes) },
      bytes,
      { name: 'a.csv', stream: fs.createReadStream(SAMPLE) },
      { name: 'a.csv', stream: Readable.toWeb(fs.createReadStream(SAMPLE)) },
      Readable.from(['Person ID\n']),
    ];
    for (const shape of shapes) {
      if (typeof shape === 'object' && 'stream' in shape) {
        const stream = shape.stream as { destroy?: () => void; cancel?: () => Promise<void> };
        stream.destroy?.();
        void stream.cancel?.();
      }
    }
    expect(shapes).toHaveLength(10);
    // @ts-expect-error a number is not an export
    const number: ExportInput = 42;
    // @ts-expect-error text must be a string
    const notText: ExportInput = { name: 'a', text: 42 };
    void [number, notText];
  });

  it('lets render take only the formats a result has', async () => {
    const compared = await compare(SAMPLE, { a: '65+', b: '18-64', tests: false });
    const inspections = await inspect(SAMPLE);
    expectTypeOf(inspections).toEqualTypeOf<FileInspection[]>();
    expectTypeOf(render(compared, 'markdown')).toEqualTypeOf<string>();
    // @ts-expect-error a comparison has no CSV
    expect(() => render(compared, 'csv')).toThrow(/cannot be rendered/);
    // @ts-expect-error inspections have no table
    expect(() => render(inspections, 'table')).toThrow(/cannot be rendered/);
  });
});
