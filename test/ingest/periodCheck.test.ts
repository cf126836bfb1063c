import { describe, expect, it } from 'vitest';
import { findPeriodMismatch } from '../../src/ingest/periodCheck.js';
import { RecordTableBuilder, type RecordTable } from '../../src/ingest/records.js';

/** A table of one file whose actual amounts are `ratios` times the indicative £100. */
function table(ratios: number[], source = 0): RecordTable {
  const builder = new RecordTableBuilder(2);
  for (const ratio of ratios) {
    const row = builder.next();
    builder.source[row] = source;
    builder.indicative[row] = 10_000;
    builder.actual[row] = Math.round(10_000 * ratio);
    builder.person[row] = -1;
  }
  return builder.build();
}

describe('findPeriodMismatch', () => {
  it.each([
    [52, 'week', 'year'],
    [12, 'month', 'year'],
    [52 / 12, 'week', 'month'],
    [4, 'week', 'four-weeks'],
    [2, 'week', 'fortnight'],
    [13, 'four-weeks', 'year'],
    [26, 'fortnight', 'year'],
    [1 / 52, 'year', 'week'],
    [1 / 12, 'year', 'month'],
    [12 / 52, 'month', 'week'],
  ])('a median ratio near %d means %s and %s', (ratio, indicative, actual) => {
    // Moderation spread around the ratio: -8% to +8%, the median at the ratio itself.
    const spread = [0.92, 0.96, 1, 1.04, 1.08].map((k) => k * ratio);
    expect(findPeriodMismatch(table(spread))).toMatchObject({ rows: 5, indicative, actual });
  });

  it('ordinary moderation (half down, half up, some moved a lot) is no mismatch', () => {
    expect(findPeriodMismatch(table([0.5, 0.8, 0.95, 1, 1, 1.1, 1.3, 1.9, 3]))).toBeNull();
    // 13/12 (four-weekly against monthly) is too near 1 to tell from a gap.
    expect(findPeriodMismatch(table([13 / 12, 13 / 12, 13 / 12]))).toBeNull();
  });

  it('needs three rows with both amounts above zero', () => {
    expect(findPeriodMismatch(table([52, 52]))).toBeNull();
    expect(findPeriodMismatch(table([52, 52, 0, 0]))).toBeNull();
    expect(findPeriodMismatch(table([52, 52, 52]))).toMatchObject({ medianRatio: 52 });
  });

  it('looks at each file on its own', () => {
    const builder = new RecordTableBuilder(2);
    for (const [source, ratio] of [
      [0, 1],
      [0, 1.1],
      [0, 0.9],
      [1, 12],
      [1, 12.1],
      [1, 11.9],
    ]) {
      const row = builder.next();
      builder.source[row] = source;
      builder.indicative[row] = 10_000;
      builder.actual[row] = Math.round(10_000 * ratio);
      builder.person[row] = -1;
    }
    expect(findPeriodMismatch(builder.build())).toMatchObject({ source: 1, medianRatio: 12 });
  });
});
