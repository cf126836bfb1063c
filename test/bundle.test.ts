// The modules scripts/bundle.mjs puts in the one-file CLI in place of a dependency's must behave
// as the dependency does.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const stripAnsi = require('strip-ansi') as (value: unknown) => unknown;
const quickStripAnsi = require('../scripts/shims/strip-ansi.cjs') as (value: unknown) => unknown;

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
