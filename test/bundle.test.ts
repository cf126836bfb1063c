// The modules scripts/bundle.mjs puts in the one-file CLI in place of a dependency's must behave
// as the dependency does.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const stripAnsi = require('strip-ansi') as (value: unknown) => unknown;
const quickStripAnsi = require('../scripts/shims/strip-ansi.cjs') as (value: unknown) => unknown;
const stringWidth = require('string-width') as (value: unknown) => number;
const quickStringWidth = require('../scripts/shims/string-width.cjs') as (value: unknown) => number;

describe('scripts/shims/strip-ansi.cjs', () => {
  it('gives what strip-ansi gives, escape sequences or none', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '\u001B[1m',
        '\u001B[22m',
        '\u001B[90m',
        '\u001B]8;;https://example.org\u0007',
        '\u009B31m',
        '\u001B',
        '\u009B',
        '£',
        '│',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(quickStripAnsi(text)).toBe(stripAnsi(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('returns what is not a string as it is', () => {
    for (const value of [undefined, null, 3, ['a']]) {
      expect(quickStripAnsi(value)).toBe(stripAnsi(value));
    }
  });
});

describe('scripts/shims/string-width.cjs', () => {
  it('gives the width string-width gives: plain text, "£", emoji, wide and combining characters', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom(
        'Learning Disability Support',
        '£4,323,178.48',
        '-£9.25 [-£196.94, £178.44]',
        '\u001B[1m',
        '\u0007',
        '\u007F',
        '©',
        '#\uFE0F\u20E3',
        '👩‍👧',
        '中文',
        'e\u0301',
        '−5.5%',
        '',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        expect(quickStringWidth(text)).toBe(stringWidth(text));
      }),
      { numRuns: 2000 },
    );
    for (const value of [undefined, null, 3])
      expect(quickStringWidth(value)).toBe(stringWidth(value));
  });
});
