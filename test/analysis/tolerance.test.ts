import { describe, expect, it } from 'vitest';
import { describeTolerance, parseTolerance } from '../../src/analysis/tolerance.js';
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
