import { describe, expect, it } from 'vitest';
import { withSolver } from '../../src/disclose/highs.js';

// In this order: HiGHS is not loaded when the file starts (Vitest gives each file its modules).
describe('withSolver', () => {
  it('runs work once, without loading HiGHS, when work does not ask for it', async () => {
    let runs = 0;
    expect(await withSolver(() => ++runs)).toBe(1);
    expect(runs).toBe(1);
  });

  it('loads HiGHS and runs work again from the start when work asks for it', async () => {
    let runs = 0;
    const infinity = await withSolver((highs) => {
      runs++;
      return highs().infinity;
    });
    expect(runs).toBe(2);
    expect(infinity).toBeGreaterThan(1e20);
  });

  it('runs work once once HiGHS is loaded', async () => {
    let runs = 0;
    await withSolver((highs) => {
      runs++;
      return highs().infinity;
    });
    expect(runs).toBe(1);
  });

  it("passes work's own errors on", async () => {
    await expect(
      withSolver(() => {
        throw new Error('broken');
      }),
    ).rejects.toThrow('broken');
  });
});
