import { describe, expect, it } from 'vitest';
import {
  describeBreakdown,
  formatCount,
  formatPercent,
  formatPounds,
  formatShare,
  visible,
} from '../../src/report/format.js';

describe('formatPounds', () => {
  it.each([
    [null, '–'],
    [0, '£0.00'],
    [-4.8, '-£4.80'],
    [4.8, '£4.80'],
    [0.1 + 0.2, '£0.30'],
    [1234567.891, '£1,234,567.89'],
    [-1234567.891, '-£1,234,567.89'],
    [1e9, '£1,000,000,000.00'],
    // Rounds to the penny before the sign is chosen: never "-£0.00".
    [-0.004, '£0.00'],
    [0.004, '£0.00'],
  ])('%s -> %s', (value, expected) => {
    expect(formatPounds(value)).toBe(expected);
  });

  // Mirror-image values get the same magnitude (Math.round alone would give 0.125 -> '£0.13' but
  // -0.125 -> '-£0.12'). As in R, the sign does not change the magnitude:
  //   Rscript -e 'round(c(0.125, -0.125), 2)'  -> 0.12 -0.12 (R rounds halves to even; rasgap
  //   rounds them away from zero, as money is usually rounded, so the magnitude is 0.13 for both)
  it('rounds a negative amount to the same magnitude as the positive one', () => {
    expect(formatPounds(-0.125)).toBe(`-${formatPounds(0.125)}`);
  });
});

describe('formatPercent', () => {
  it.each([
    [null, '–'],
    [0, '0.0%'],
    [-4.83, '-4.8%'],
    [4.83, '+4.8%'],
    [12.345, '+12.3%'],
    [100, '+100.0%'],
    [-100, '-100.0%'],
    [1234.5, '+1234.5%'],
    // Rounds to 0.1 before the sign is chosen: never "-0.0%" or "+0.0%".
    [-0.04, '0.0%'],
    [0.04, '0.0%'],
  ])('%s -> %s', (value, expected) => {
    expect(formatPercent(value)).toBe(expected);
  });

  it('unsigned: no plus sign, minus kept', () => {
    expect(formatPercent(4.83, false)).toBe('4.8%');
    expect(formatPercent(-4.83, false)).toBe('-4.8%');
    expect(formatPercent(null, false)).toBe('–');
  });

  // As formatPounds: 0.25 and -0.25 get the same magnitude.
  //   Rscript -e 'round(c(0.25, -0.25), 1)'  -> 0.2 -0.2
  it('rounds a negative percentage to the same magnitude as the positive one', () => {
    expect(formatPercent(-0.25)).toBe(formatPercent(0.25).replace('+', '-'));
  });
});

describe('formatShare', () => {
  it.each([
    [null, '–'],
    [0, '0%'],
    [1, '100%'],
    [0.574, '57%'],
    // Rscript -e 'sprintf("%.0f%%", c(1, 2) / 3 * 100)'  -> "33%" "67%"
    [1 / 3, '33%'],
    [2 / 3, '67%'],
  ])('%s -> %s', (value, expected) => {
    expect(formatShare(value)).toBe(expected);
  });
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [12345, '12,345'],
    [1_000_000, '1,000,000'],
  ])('%s -> %s', (value, expected) => {
    expect(formatCount(value)).toBe(expected);
  });
});

// formatPounds and formatCount group digits by hand rather than through Intl (whose first use
// loads ICU's locale data); Intl's en-GB formatting is the reference they must match.
describe('formatPounds and formatCount against Intl en-GB', () => {
  const pounds = new Intl.NumberFormat('en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const counts = new Intl.NumberFormat('en-GB');
  // Amounts over every magnitude from pennies to 10^14, and the edges of each group of three.
  const amounts: number[] = [0, 0.01, 0.995, 9.999, 99.5, 999.994, 999.995, 1000, 999999.99];
  let seed = 7;
  const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let exponent = -2; exponent <= 14; exponent++) {
    for (let k = 0; k < 40; k++) amounts.push(random() * 10 ** exponent);
  }

  it.each(amounts.flatMap((value) => [value, -value]))('£ %s', (value) => {
    const rounded = Math.sign(value) * (Math.round(Math.abs(value) * 100) / 100);
    const sign = rounded < 0 ? '-' : '';
    expect(formatPounds(value)).toBe(`${sign}£${pounds.format(Math.abs(rounded))}`);
  });

  it.each([0, 7, 999, 1000, 99999, 100000, 123456789, 2 ** 53 - 1, -1234, 12.5, 1e21])(
    'count %s',
    (value) => {
      expect(formatCount(value)).toBe(counts.format(value));
    },
  );
});

describe('describeBreakdown', () => {
  it.each([
    [['ageBand'], 'age band'],
    [['clientGroup'], 'client group'],
    [['clientGroup', 'ageBand'], 'client group × age band'],
    [['ageBand', 'clientGroup'], 'age band × client group'],
    [[], ''],
    // A dimension without a title is shown by name.
    [['team'], 'team'],
  ])('%j -> %j', (by, expected) => {
    expect(describeBreakdown(by)).toBe(expected);
  });
});

// Was a bug (issue 11): control characters from the data reached the terminal as they were.
describe('visible', () => {
  it.each([
    ['Learning\u001b[2J Disability', 'Learning\\x1b[2J Disability'],
    ['bell\u0007', 'bell\\x07'],
    ['nul\u0000', 'nul\\x00'],
    ['csi\u009b', 'csi\\x9b'],
    ['abc\u202edef', 'abc\\u202edef'],
    ['isolate\u2066x\u2069', 'isolate\\u2066x\\u2069'],
    ['plain £12 – “quoted” é', 'plain £12 – “quoted” é'],
    ['two\nlines\tand a tab', 'two\nlines\tand a tab'],
  ])('%j -> %j', (text, expected) => {
    expect(visible(text)).toBe(expected);
  });
});
