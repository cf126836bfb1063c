import { describe, expect, it } from 'vitest';
import {
  FUNNEL_Z95,
  FUNNEL_Z998,
  funnelLimits,
  funnelPosition,
  type FunnelPosition,
} from '../../../src/analysis/stats/funnel.js';
import { expectClose } from './helpers.js';

// Every expected value below was printed by R 4.2.2:
//   Rscript test/analysis/stats/r/funnel.R
// and pasted unchanged: limits target ∓ z·sqrt(target·(1 − target)/n) with z = 1.959964 and
// 3.090232 (not clipped to [0, 1]), and each share's position, beyond a limit only when strictly
// beyond it.

const CASES: {
  target: number;
  n: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
  positions: [number, string][];
}[] = [
  {
    target: 0.3,
    n: 100,
    lower95: 0.2101831661061157,
    upper95: 0.3898168338938843,
    lower998: 0.15838777945025223,
    upper998: 0.44161222054974775,
    positions: [
      [0.45, 'above-99.8'],
      [0.42, 'above-95'],
      [0.3, 'within'],
      [0.2, 'below-95'],
      [0.1, 'below-99.8'],
    ],
  },
  {
    target: 0.6095,
    n: 1073,
    lower95: 0.5803092262023681,
    upper95: 0.638690773797632,
    lower998: 0.563475550931444,
    upper998: 0.6555244490685561,
    positions: [
      [0.6076421248835042, 'within'],
      [0.66, 'above-99.8'],
      [0.5, 'below-99.8'],
    ],
  },
  {
    target: 0.6095,
    n: 12,
    lower95: 0.33347091518396405,
    upper95: 0.885529084816036,
    lower998: 0.17429103145301222,
    upper998: 1.044708968546988,
    positions: [
      [0, 'below-99.8'],
      [1, 'above-95'],
      [0.5833333333333334, 'within'],
    ],
  },
  {
    target: 0.05,
    n: 7,
    lower95: -0.11145291080929538,
    upper95: 0.2114529108092954,
    lower998: -0.20455924265753372,
    upper998: 0.3045592426575337,
    positions: [
      [0, 'within'],
      [0.42857142857142855, 'above-99.8'],
    ],
  },
  {
    target: 0.42,
    n: 1,
    lower95: -0.5473569059471823,
    upper95: 1.3873569059471824,
    lower998: -1.1052102927293426,
    upper998: 1.9452102927293424,
    positions: [
      [0, 'within'],
      [1, 'within'],
    ],
  },
  {
    target: 0,
    n: 50,
    lower95: 0,
    upper95: 0,
    lower998: 0,
    upper998: 0,
    positions: [
      [0, 'within'],
      [0.02, 'above-99.8'],
    ],
  },
  {
    target: 1,
    n: 10,
    lower95: 1,
    upper95: 1,
    lower998: 1,
    upper998: 1,
    positions: [
      [1, 'within'],
      [0.9, 'below-99.8'],
    ],
  },
  {
    target: 0.25,
    n: 250000,
    lower95: 0.24830262138549702,
    upper95: 0.251697378614503,
    lower998: 0.2473237805844124,
    upper998: 0.2526762194155876,
    positions: [
      [0.2495, 'within'],
      [0.2525, 'above-95'],
      [0.2476, 'below-95'],
    ],
  },
];

describe('funnelLimits and funnelPosition: against R', () => {
  it.each(CASES.map((c) => [`target ${c.target}, n ${c.n}`, c] as const))('%s', (_name, c) => {
    const limits = funnelLimits(c.target, c.n);
    expect(limits).not.toBeNull();
    expect(limits!.target).toBe(c.target);
    for (const key of ['lower95', 'upper95', 'lower998', 'upper998'] as const) {
      expectClose(limits![key], c[key], 1e-14, key);
    }
    for (const [share, position] of c.positions) {
      expect(funnelPosition(share, limits), `share ${share}`).toBe(position as FunnelPosition);
    }
  });
});

describe('funnel', () => {
  it('uses the z values the funnel plot states', () => {
    expect([FUNNEL_Z95, FUNNEL_Z998]).toEqual([1.959964, 3.090232]);
  });

  it('has no limits for no people or a target that is not a share', () => {
    expect(funnelLimits(0.3, 0)).toBeNull();
    expect(funnelLimits(Number.NaN, 10)).toBeNull();
    expect(funnelLimits(1.2, 10)).toBeNull();
    expect(funnelPosition(0.3, null)).toBeNull();
    expect(funnelPosition(null, funnelLimits(0.3, 10))).toBeNull();
  });

  it('counts a share exactly on a limit as within it', () => {
    const limits = funnelLimits(0.5, 100)!;
    expect(funnelPosition(limits.upper95, limits)).toBe('within');
    expect(funnelPosition(limits.upper998, limits)).toBe('above-95');
    expect(funnelPosition(limits.lower95, limits)).toBe('within');
    expect(funnelPosition(limits.lower998, limits)).toBe('below-95');
  });
});
