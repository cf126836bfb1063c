import { RasgapError } from '../errors.js';

/**
 * How big a gap still counts as "unchanged": pounds (in the output period) or a percentage of the
 * indicative budget. The default, 0 pounds, means equal to the penny.
 */
export type Tolerance = { kind: 'pounds'; pounds: number } | { kind: 'percent'; percent: number };

/**
 * @example
 * parseTolerance('5')  // { kind: 'pounds', pounds: 5 }
 * parseTolerance('2%') // { kind: 'percent', percent: 2 }
 */
export function parseTolerance(text: string): Tolerance {
  const trimmed = text.trim().replace(/^£/, '');
  const match = /^(\d+(?:\.\d+)?)\s*(%?)$/.exec(trimmed);
  if (!match) {
    throw new RasgapError('USAGE', `--tolerance takes pounds or a percentage, got "${text}"`, {
      fix: 'use e.g. --tolerance 5 (pounds) or --tolerance 2%',
    });
  }
  const value = Number(match[1]);
  return match[2] === '%' ? { kind: 'percent', percent: value } : { kind: 'pounds', pounds: value };
}

/** How the tolerance reads in output, e.g. `£5.00` or `2%`. */
export function describeTolerance(tolerance: Tolerance): string {
  return tolerance.kind === 'percent' ? `${tolerance.percent}%` : `£${tolerance.pounds.toFixed(2)}`;
}
