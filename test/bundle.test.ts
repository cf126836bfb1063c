// The modules scripts/bundle.mjs puts in the one-file CLI in place of a dependency's must behave
// as the dependency does.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
type Text = (value: unknown) => unknown;

/**
 * Checks that `shim` gives what `original` gives on text joined from `pieces` (and on values that
 * are not text).
 */
function sameAs(shim: Text, original: Text, pieces: string[], maxLength: number): void {
  const piece = fc.oneof(fc.string(), fc.constantFrom(...pieces));
  fc.assert(
    fc.property(fc.array(piece, { maxLength }), (chosen) => {
      const text = chosen.join('');
      expect(shim(text)).toBe(original(text));
    }),
    { numRuns: 2000 },
  );
  for (const value of [undefined, null, 3, ['a']]) expect(shim(value)).toBe(original(value));
}

describe('scripts/shims/strip-ansi.cjs', () => {
  it('gives what strip-ansi gives, escape sequences or none', () => {
    sameAs(
      require('../scripts/shims/strip-ansi.cjs') as Text,
      require('strip-ansi') as Text,
      [
        '\u001B[1m',
        '\u001B[22m',
        '\u001B[90m',
        '\u001B]8;;https://example.org\u0007',
        '\u009B31m',
        '\u001B',
        '\u009B',
        '£',
        '│',
      ],
      12,
    );
  });
});

describe('scripts/shims/string-width.cjs', () => {
  it('gives the width string-width gives: plain text, "£", emoji, wide and combining characters', () => {
    sameAs(
      require('../scripts/shims/string-width.cjs') as Text,
      require('string-width') as Text,
      [
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
      ],
      8,
    );
  });
});
