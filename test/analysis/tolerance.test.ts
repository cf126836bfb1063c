import { describe, expect, it } from 'vitest';
import { describeTolerance, parseTolerance, roundingSlack } from '../../src/analysis/tolerance.js';
import { computeGaps, DOWN, UNCHANGED, UP } from '../../src/analysis/gaps.js';
import { RecordTableBuilder, type RecordTable } from '../../src/ingest/records.js';
import { RasgapError } from '../../src/errors.js';

function usageError(text: string): RasgapError {
  try {
    parseTolerance(text);
  } catch (error) {
    expect(error).toBeInstanceOf(RasgapError);
    return error as RasgapError;
  }
  throw new Error(`parseTolerance(${JSON.stringify(text)}) did not throw`);
}

describe('parseTolerance', () => {
  it.each([
    ['0', { kind: 'pounds', pounds: 0 }],
    ['5', { kind: 'pounds', pounds: 5 }],
    ['£5', { kind: 'pounds', pounds: 5 }],
    [' 2.50 ', { kind: 'pounds', pounds: 2.5 }],
    ['2%', { kind: 'percent', percent: 2 }],
    ['2.5 %', { kind: 'percent', percent: 2.5 }],
    ['0%', { kind: 'percent', percent: 0 }],
  ])('%j -> %j', (text, expected) => {
    expect(parseTolerance(text)).toEqual(expected);
  });

  it.each(['abc', '-5', '-2%', '', '5£', '.5', '5 pounds', '2%%'])(
    'rejects %j with a USAGE error',
    (text) => {
      const error = usageError(text);
      expect(error.code).toBe('USAGE');
      expect(error.exitCode).toBe(1);
      expect(error.message).toBe(`--tolerance takes pounds or a percentage, got "${text}"`);
      expect(error.fix).toBe('use e.g. --tolerance 5 (pounds) or --tolerance 2%');
    },
  );
});

describe('describeTolerance', () => {
  it.each([
    [{ kind: 'pounds', pounds: 0 }, '£0.00'],
    [{ kind: 'pounds', pounds: 5 }, '£5.00'],
    [{ kind: 'pounds', pounds: 2.5 }, '£2.50'],
    [{ kind: 'percent', percent: 2 }, '2%'],
    [{ kind: 'percent', percent: 2.5 }, '2.5%'],
  ] as const)('%j -> %s', (tolerance, expected) => {
    expect(describeTolerance(tolerance)).toBe(expected);
  });

  it('round-trips what parseTolerance reads', () => {
    expect(describeTolerance(parseTolerance('£12.5'))).toBe('£12.50');
    expect(describeTolerance(parseTolerance('7.25%'))).toBe('7.25%');
  });
});

describe('roundingSlack and computeGaps: agreement to the precision written', () => {
  // An annual actual in whole pounds beside a weekly indicative in pence (one file), and a second
  // file with both amounts weekly in pence. Table units are pence a year.
  function table(): RecordTable {
    const builder = new RecordTableBuilder(2);
    const rows: [number, number, number, number, number, number, number][] = [
      // source, indicative pence/yr, actual pence/yr, ind decimals, act decimals, ind x, act x
      [0, 11237 * 52, 584300, 2, 0, 52, 1], // £112.37 a week, £5,843 a year: 24p apart
      [0, 10000 * 52, 520100, 2, 0, 52, 1], // £100.00 a week, £5,201 a year: £1 apart
      [0, 10050 * 52, 522600, 1, 0, 52, 1], // `100.5` a week (Excel's trailing zero dropped)
      [1, 10000 * 52, 10001 * 52, 2, 2, 52, 52], // a penny a week apart
      [1, 10000 * 52, 10000 * 52, 0, 0, 52, 52], // `100` and `100`, equal
    ];
    for (const [source, ind, act, indPlaces, actPlaces, indX, actX] of rows) {
      const row = builder.next();
      builder.source[row] = source;
      builder.indicative[row] = ind;
      builder.actual[row] = act;
      builder.indicativeDecimals[row] = indPlaces;
      builder.actualDecimals[row] = actPlaces;
      builder.indicativePerYear[row] = indX;
      builder.actualPerYear[row] = actX;
      builder.person[row] = -1;
    }
    return builder.build();
  }

  it('is half the last place of the coarser amount, a column taking its most decimals', () => {
    // File 0: weekly indicative in pence (0.5p x 52 = 26p a year), annual actual in whole pounds
    // (50p a year): 50. File 1: weekly pence both (26p), the `100`s in a column that also holds
    // `100.01` and so is in pence too.
    expect([...roundingSlack(table())]).toEqual([50, 50, 50, 26, 26]);
  });

  it('calls unchanged what agrees to that precision, and says which only by rounding', () => {
    const t = table();
    const gaps = computeGaps(t, { kind: 'pounds', pounds: 0 }, 0, roundingSlack(t));
    // 24p a year apart is within 50p; £1 a year is not; 100.50 x 52 = 522600 exactly: equal.
    expect([...gaps.direction]).toEqual([UNCHANGED, UP, UNCHANGED, UP, UNCHANGED]);
    expect([...gaps.withinRounding]).toEqual([1, 0, 0, 0, 0]);
  });

  it('--tolerance adds to the rounding allowance', () => {
    const t = table();
    // £0.51 a year: 51p. Row 1 (24p) is within the tolerance alone; row 2 (£1) needs 50p + 51p;
    // row 4 (a penny a week, 52p a year) needs 26p + 51p.
    const gaps = computeGaps(t, { kind: 'pounds', pounds: 0.51 }, 51, roundingSlack(t));
    expect([...gaps.direction]).toEqual([UNCHANGED, UNCHANGED, UNCHANGED, UNCHANGED, UNCHANGED]);
    expect([...gaps.withinRounding]).toEqual([0, 1, 0, 1, 0]);
  });

  it('without a slack (tables built by hand), any penny counts as before', () => {
    const gaps = computeGaps(table(), { kind: 'pounds', pounds: 0 }, 0);
    expect([...gaps.direction]).toEqual([DOWN, UP, UNCHANGED, UP, UNCHANGED]);
  });
});
