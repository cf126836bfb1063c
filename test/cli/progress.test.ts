// Progress on stderr: shown on a terminal only (not on a pipe, with --quiet, or under CI), after a
// delay, at most every interval, and cleared at the end. A fake clock drives it.
import { describe, expect, it } from 'vitest';
import { createProgress, progressLine, type ProgressOptions } from '../../src/cli/progress.js';

function setUp(overrides: Partial<ProgressOptions> = {}) {
  let clock = 0;
  const written: string[] = [];
  const progress = createProgress({
    stderr: { write: (text: string) => written.push(text) },
    isTTY: true,
    env: {},
    now: () => clock,
    delayMs: 1000,
    intervalMs: 200,
    ...overrides,
  });
  return {
    progress,
    written,
    at(ms: number) {
      clock = ms;
    },
  };
}

describe('createProgress', () => {
  it('draws a line on a terminal after the delay, rewriting it in place, and clears it', () => {
    const { progress, written, at } = setUp();
    expect(progress.enabled).toBe(true);
    at(500);
    progress.update(10, 100, 1000);
    expect(written).toEqual([]); // within the delay: a quick read shows nothing
    at(2000);
    progress.update(25, 100, 250_000);
    expect(written).toEqual([
      '\r\u001b[K' + 'reading 25% · 250,000 rows · 125,000 rows/s · 6 s left',
    ]);
    at(2100);
    progress.update(30, 100, 300_000);
    expect(written).toHaveLength(1); // within the interval: not redrawn
    at(2200);
    progress.update(50, 100, 550_000);
    expect(written[1]).toBe(
      '\r\u001b[K' + 'reading 50% · 550,000 rows · 250,000 rows/s · 3 s left',
    );
    at(2250);
    progress.update(100, 100, 1_000_000);
    // The end of the read is drawn at once, and stays while the figures are worked out.
    expect(written[2]).toBe(
      '\r\u001b[K' + 'read 1,000,000 rows · 444,444 rows/s; working out the figures',
    );
    progress.done();
    expect(written[3]).toBe('\r\u001b[K');
    expect(written).toHaveLength(4);
  });

  it('writes nothing at the end when nothing was drawn', () => {
    const { progress, written, at } = setUp();
    at(100);
    progress.update(100, 100, 20_000);
    progress.done();
    expect(written).toEqual([]);
  });

  it.each([
    ['stderr is a pipe or a file', { isTTY: false }],
    ['isTTY is not known', { isTTY: undefined }],
    ['--quiet', { quiet: true }],
    ['CI is set', { env: { CI: 'true' } }],
    ['CI is set, even empty', { env: { CI: '' } }],
  ] as const)('is off when %s', (_, overrides) => {
    const { progress, written, at } = setUp(overrides);
    expect(progress.enabled).toBe(false);
    at(5000);
    progress.update(50, 100, 500_000);
    progress.done();
    expect(written).toEqual([]);
  });
});

describe('progressLine', () => {
  it('gives minutes and seconds left on long reads', () => {
    // 10% in 20 s: 180 s left at that rate.
    expect(progressLine(10, 100, 1_000_000, 20_000)).toBe(
      'reading 10% · 1,000,000 rows · 50,000 rows/s · 3 min 00 s left',
    );
  });

  it('leaves the time left out at the end and with no total', () => {
    expect(progressLine(100, 100, 10, 1000)).toBe(
      'read 10 rows · 10 rows/s; working out the figures',
    );
    expect(progressLine(0, 0, 0, 0)).toBe('reading 0% · 0 rows · 0 rows/s');
  });
});
