// Shared by the statistics tests: deterministic vectors that the R scripts in r/ build with the
// same integer formula (r/lib.R: `sequence`, `weights`), so both languages start from identical
// doubles, and comparisons to a relative tolerance.
import { expect } from 'vitest';

/** ((i·k + i²·13) mod m - floor(m/2)) / s for i = 1..n: every intermediate is an integer < 2^53. */
export function sequence(n: number, m: number, s: number, k = 7919): Float64Array {
  const out = new Float64Array(n);
  for (let i = 1; i <= n; i++) out[i - 1] = (((i * k + i * i * 13) % m) - Math.floor(m / 2)) / s;
  return out;
}

/** w_i = (31 i) mod 1009 - 504, for exact weighted digests of long vectors. */
export function weights(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 1; i <= n; i++) out[i - 1] = ((31 * i) % 1009) - 504;
  return out;
}

/** Σ w_i · v_i. With half-integer v and the weights above, every partial sum is exact. */
export function digest(values: ArrayLike<number>): number {
  const w = weights(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += w[i] * values[i];
  return sum;
}

/** Relative error of `actual` against `expected`; absolute where `expected` is 0. */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  if (expected === 0) return Math.abs(actual);
  return Math.abs(actual - expected) / Math.abs(expected);
}

/**
 * |actual - expected| ≤ tolerance · |expected| (absolute where expected is 0); null, NaN and
 * infinities must match exactly.
 */
export function expectClose(
  actual: number | null | undefined,
  expected: number | null,
  tolerance: number,
  label = '',
): void {
  if (expected === null || actual === null || actual === undefined) {
    expect(actual ?? null, label).toBe(expected);
    return;
  }
  if (!Number.isFinite(expected)) {
    expect(actual, label).toBe(expected);
    return;
  }
  const error = relativeError(actual, expected);
  if (!(error <= tolerance)) {
    expect.fail(
      `${label}: got ${actual}, R ${expected} (relative error ${error.toExponential(2)} > ${tolerance})`,
    );
  }
}

/** Both ends of an interval (or null) to a relative tolerance. */
export function expectInterval(
  actual: readonly [number, number] | null | undefined,
  expected: readonly [number, number] | null,
  tolerance: number,
  label = '',
): void {
  if (expected === null || actual === null || actual === undefined) {
    expect(actual ?? null, label).toBe(expected);
    return;
  }
  expectClose(actual[0], expected[0], tolerance, `${label} lower`);
  expectClose(actual[1], expected[1], tolerance, `${label} upper`);
}

/** A figure as R printed it: number, text, null, an interval, or a nested object of figures. */
export type Value = number | string | null | undefined | [number, number] | Expected;
export interface Expected {
  [field: string]: Value;
}

/**
 * Compares every field R printed (a field printed as `undefined` must be absent) and returns one
 * line per disagreement, so that a failure lists them all. Numbers agree when within `tolerance`
 * relative, or both within `absolute` of 0 (R's own rounding can leave a figure that is exactly 0
 * a few ulps away from it). Fields named in `skip` (by path) are left out.
 */
export function compareFields(
  actual: unknown,
  expected: Expected,
  label: string,
  tolerance: number,
  absolute: number,
  skip: ReadonlySet<string> = new Set(),
): string[] {
  if (typeof actual !== 'object' || actual === null) return [`${label}: missing`];
  const close = (mine: unknown, value: number): boolean => {
    if (typeof mine !== 'number') return false;
    if (Math.abs(value) < absolute) return Math.abs(mine) < absolute;
    return relativeError(mine, value) <= tolerance;
  };
  const ours = actual as Record<string, unknown>;
  const problems: string[] = [];
  for (const [field, value] of Object.entries(expected)) {
    const where = `${label}.${field}`;
    if (skip.has(where)) continue;
    const mine = ours[field];
    const show = (): string => `${where}: ours ${JSON.stringify(mine)}, R ${JSON.stringify(value)}`;
    if (value === undefined) {
      if (mine !== undefined) problems.push(show());
    } else if (value === null || typeof value === 'string') {
      if ((mine ?? null) !== value) problems.push(show());
    } else if (typeof value === 'number') {
      if (!close(mine, value)) problems.push(show());
    } else if (Array.isArray(value)) {
      const ok = Array.isArray(mine) && close(mine[0], value[0]) && close(mine[1], value[1]);
      if (!ok) problems.push(show());
    } else problems.push(...compareFields(mine, value, where, tolerance, absolute, skip));
  }
  return problems;
}
