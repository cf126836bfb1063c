import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  formatPence,
  MONEY_INVALID,
  MONEY_MISSING,
  MONEY_SUPPRESSED,
  lastMoneyDecimals,
  parseMoney,
  SUPPRESSION_MARKERS,
} from '../../src/ingest/money.js';

/** Independent formatting of whole pence, so the property tests do not trust the code under test. */
function plain(pence: number): string {
  const pounds = Math.floor(pence / 100);
  const rest = String(pence % 100).padStart(2, '0');
  return `${pounds}.${rest}`;
}

function withThousands(pence: number): string {
  const pounds = String(Math.floor(pence / 100));
  let grouped = '';
  for (let i = 0; i < pounds.length; i++) {
    if (i > 0 && (pounds.length - i) % 3 === 0) grouped += ',';
    grouped += pounds[i];
  }
  return `£${grouped}.${String(pence % 100).padStart(2, '0')}`;
}

function spaced(pence: number): string {
  return ` £ ${plain(pence)} `;
}

describe('sentinels', () => {
  it('are distinct negative numbers, so any valid amount (>= 0) cannot be confused with them', () => {
    const sentinels = [MONEY_MISSING, MONEY_SUPPRESSED, MONEY_INVALID];
    expect(new Set(sentinels).size).toBe(3);
    for (const sentinel of sentinels) expect(sentinel).toBeLessThan(0);
  });
});

describe('parseMoney: amounts as councils write them', () => {
  it.each([
    ['£1,234.56', 123456],
    ['1234.56', 123456],
    ['1234.5', 123450],
    ['1234', 123400],
    [' £ 12 ', 1200],
    ['£12', 1200],
    ['£ 1,234.56', 123456],
    ['1,234', 123400],
    ['1,234,567.89', 123456789],
    ['£1,000,000', 100000000],
    ['0', 0],
    ['0.00', 0],
    ['0.01', 1],
    ['.5', 50],
    ['12.', 1200],
    ['007.10', 710],
    ['\t£12.34\t', 1234],
  ])('%j -> %i pence', (text, pence) => {
    expect(parseMoney(text)).toBe(pence);
  });

  it('accepts non-breaking spaces around the amount and after the pound sign', () => {
    expect(parseMoney('\u00a0£1,234.56\u00a0')).toBe(123456);
    expect(parseMoney('£\u00a012')).toBe(1200);
    expect(parseMoney('\u00a0\u00a012.5')).toBe(1250);
  });

  it('rejects a non-breaking space used as a thousands separator', () => {
    expect(parseMoney('1\u00a0234')).toBe(MONEY_INVALID);
  });
});

describe('parseMoney: negatives', () => {
  it('treats accounting-style brackets as negative, hence invalid', () => {
    expect(parseMoney('(12.00)')).toBe(MONEY_INVALID);
    expect(parseMoney('(£1,234.56)')).toBe(MONEY_INVALID);
    expect(parseMoney('( 12 )')).toBe(MONEY_INVALID);
  });

  it('treats a minus sign as negative, hence invalid', () => {
    expect(parseMoney('-5')).toBe(MONEY_INVALID);
    expect(parseMoney('-£5')).toBe(MONEY_INVALID);
    expect(parseMoney('£-5')).toBe(MONEY_INVALID);
    expect(parseMoney('-0.01')).toBe(MONEY_INVALID);
  });

  it('reads a negative zero as zero', () => {
    expect(parseMoney('-0.00')).toBe(0);
    expect(parseMoney('-0')).toBe(0);
    expect(parseMoney('(0.00)')).toBe(0);
  });

  it('rejects unbalanced or misplaced brackets', () => {
    expect(parseMoney('(12')).toBe(MONEY_INVALID);
    expect(parseMoney('12)')).toBe(MONEY_INVALID);
    expect(parseMoney('(12)3')).toBe(MONEY_INVALID);
    expect(parseMoney('((12))')).toBe(MONEY_INVALID);
    expect(parseMoney('--5')).toBe(MONEY_INVALID);
  });
});

describe('parseMoney: blank cells', () => {
  it.each(['', ' ', '   ', '\t', '\u00a0', ' \u00a0\t '])('%j is missing', (text) => {
    expect(parseMoney(text)).toBe(MONEY_MISSING);
  });
});

describe('parseMoney: FOI suppression markers', () => {
  it.each([
    '*',
    '**',
    '<5',
    '< 5',
    '<10',
    '[c]',
    '[C]',
    '[x]',
    '[z]',
    'c',
    'x',
    'X',
    '..',
    '-',
    '–',
    'n/a',
    'N/A',
    'na',
    'NA',
    'redacted',
    'REDACTED',
    'Redacted',
    'suppressed',
    'Withheld',
    ' [c] ',
    '\u00a0*\u00a0',
  ])('%j is suppressed, never zero', (text) => {
    expect(parseMoney(text)).toBe(MONEY_SUPPRESSED);
  });

  it('every listed marker, in upper and lower case, parses as suppressed', () => {
    for (const marker of SUPPRESSION_MARKERS) {
      expect(parseMoney(marker), marker).toBe(MONEY_SUPPRESSED);
      expect(parseMoney(marker.toUpperCase()), marker.toUpperCase()).toBe(MONEY_SUPPRESSED);
    }
  });

  it('treats any "fewer than N" as suppressed, but not other bracketed letters', () => {
    expect(parseMoney('<3')).toBe(MONEY_SUPPRESSED);
    expect(parseMoney('< 10')).toBe(MONEY_SUPPRESSED);
    expect(parseMoney('[d]')).toBe(MONEY_INVALID);
  });
});

describe('parseMoney: text that is not an amount', () => {
  it.each([
    'tbc',
    'TBC',
    '12a',
    'a12',
    '1,23',
    '1,2345',
    '12,34,567',
    '1.2.3',
    '1.234,56',
    '12 34',
    '1 234.56',
    '12 .50',
    '12£',
    '££12',
    '£',
    '1e5',
    '0x10',
    '$12',
    '12 a',
    '£[c]',
    '.',
    ',',
    ',123',
    '1,234.5,6',
  ])('%j is invalid', (text) => {
    expect(parseMoney(text)).toBe(MONEY_INVALID);
  });
});

describe('parseMoney: rounding to whole pence', () => {
  it('rounds a third decimal half away from zero', () => {
    expect(parseMoney('1.005')).toBe(101);
    expect(parseMoney('1.004')).toBe(100);
    expect(parseMoney('1.0049999')).toBe(100);
    expect(parseMoney('1.00500')).toBe(101);
    expect(parseMoney('0.995')).toBe(100);
    expect(parseMoney('0.994')).toBe(99);
    expect(parseMoney('£1,234.565')).toBe(123457);
    expect(parseMoney('0.001')).toBe(0);
  });

  it('the third decimal decides, whatever follows it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e11 }),
        fc.integer({ min: 0, max: 9 }),
        fc.stringMatching(/^[0-9]{0,4}$/),
        (pence, third, more) => {
          expect(parseMoney(`${plain(pence)}${third}${more}`)).toBe(pence + (third >= 5 ? 1 : 0));
        },
      ),
    );
  });
});

describe('parseMoney: large values', () => {
  it('keeps large amounts exact in whole pence', () => {
    expect(parseMoney('£1,000,000,000.01')).toBe(100000000001);
    expect(parseMoney('12345678901.23')).toBe(1234567890123);
    // The largest amount whose pence are a safe integer.
    expect(parseMoney('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('rejects amounts whose pence are beyond a safe integer rather than rounding them', () => {
    expect(parseMoney('90071992547409.92')).toBe(MONEY_INVALID);
    expect(parseMoney('99999999999999.99')).toBe(MONEY_INVALID);
    expect(parseMoney('1'.repeat(40))).toBe(MONEY_INVALID);
  });
});

describe('parseMoney: properties', () => {
  it('reads back any amount up to £1bn written plainly, with £ and thousands separators, or padded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), (pence) => {
        expect(parseMoney(plain(pence))).toBe(pence);
        expect(parseMoney(withThousands(pence))).toBe(pence);
        expect(parseMoney(spaced(pence))).toBe(pence);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back whole pounds and one-decimal amounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 9 }), (p, tenth) => {
        expect(parseMoney(String(p))).toBe(p * 100);
        expect(parseMoney(`${p}.${tenth}`)).toBe(p * 100 + tenth * 10);
      }),
    );
  });

  it('the formatter helpers themselves produce what a council export would', () => {
    expect(plain(123456)).toBe('1234.56');
    expect(plain(5)).toBe('0.05');
    expect(withThousands(123456789)).toBe('£1,234,567.89');
    expect(withThousands(99)).toBe('£0.99');
    expect(withThousands(100000)).toBe('£1,000.00');
    expect(spaced(1200)).toBe(' £ 12.00 ');
  });

  it('sums a million parsed amounts exactly', () => {
    // Up to £10m each, so the total (at most 1e15 pence) stays within exact double range.
    const amounts = fc.sample(fc.integer({ min: 0, max: 1e9 }), { numRuns: 1_000_000, seed: 42 });
    expect(amounts).toHaveLength(1_000_000);
    const formats = [plain, withThousands, spaced];
    let parsed = 0;
    let expected = 0n;
    let floatPounds = 0;
    for (let i = 0; i < amounts.length; i++) {
      const text = formats[i % 3](amounts[i]);
      const pence = parseMoney(text);
      if (pence < 0) throw new Error(`${text} did not parse`);
      parsed += pence;
      expected += BigInt(amounts[i]);
      floatPounds += amounts[i] / 100;
    }
    expect(BigInt(parsed)).toBe(expected);
    // The reason for whole pence: summing pounds as doubles drifts.
    expect(Math.round(floatPounds * 100)).not.toBe(parsed);
  });
});

describe('formatPence', () => {
  it.each([
    [123456, '£1,234.56'],
    [0, '£0.00'],
    [5, '£0.05'],
    [100, '£1.00'],
    [123456789, '£1,234,567.89'],
    [-1250, '-£12.50'],
  ])('%i -> %s', (pence, text) => {
    expect(formatPence(pence)).toBe(text);
  });

  it('round-trips through parseMoney', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), (pence) => {
        expect(parseMoney(formatPence(pence))).toBe(pence);
      }),
    );
  });
});

describe('lastMoneyDecimals: the precision an amount was written in', () => {
  it.each([
    ['£5,843', 0],
    ['5843', 0],
    [' £ 12 ', 0],
    ['239.4', 1],
    ['112.37', 2],
    ['£1,234.56', 2],
    ['1.005', 3],
    ['1.23456', 3],
    ['-0.00', 2],
  ])('%j has %i decimal places', (text, places) => {
    expect(parseMoney(text)).toBeGreaterThanOrEqual(0);
    expect(lastMoneyDecimals()).toBe(places);
  });
});
