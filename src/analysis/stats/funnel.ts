/**
 * Spiegelhalter's funnel plot for a proportion (Statistics in Medicine 2005;24:1185–1202), by the
 * normal approximation: limits target ± z·√(target(1 − target)/n) at z = 1.959964 (95%) and
 * 3.090232 (99.8%), and where a unit's share falls against them. The limits are the formula's, not
 * clipped to [0, 1]: with a small n they can pass beyond it, and a share cannot, so the position
 * is the same either way; a chart clips them where it draws.
 */

/** The two-sided 95% and 99.8% points of the normal distribution, as the funnel plot states them. */
export const FUNNEL_Z95 = 1.959964;
export const FUNNEL_Z998 = 3.090232;

export interface FunnelLimits {
  /** The target share, e.g. the pooled share moved down over all councils. */
  target: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

export type FunnelPosition = 'above-99.8' | 'above-95' | 'within' | 'below-95' | 'below-99.8';

/**
 * The limits at a unit of `n` people; null when n is 0 (no unit to place) or the target is not a
 * share in [0, 1].
 *
 * @example
 * funnelLimits(0.3, 100)
 * // { target: 0.3, lower95: 0.21018…, upper95: 0.38981…, lower998: 0.15838…, upper998: 0.44161… }
 */
export function funnelLimits(target: number, n: number): FunnelLimits | null {
  if (!(n > 0) || !(target >= 0 && target <= 1)) return null;
  const se = Math.sqrt((target * (1 - target)) / n);
  return {
    target,
    lower95: target - FUNNEL_Z95 * se,
    upper95: target + FUNNEL_Z95 * se,
    lower998: target - FUNNEL_Z998 * se,
    upper998: target + FUNNEL_Z998 * se,
  };
}

/**
 * Where a share falls: beyond a limit only when strictly beyond it (a share on the 95% limit is
 * within). Null when there are no limits or no share.
 *
 * @example
 * funnelPosition(0.45, funnelLimits(0.3, 100)) // 'above-99.8'
 * funnelPosition(0.2, funnelLimits(0.3, 100)) // 'below-95'
 */
export function funnelPosition(
  share: number | null,
  limits: FunnelLimits | null,
): FunnelPosition | null {
  if (limits === null || share === null || Number.isNaN(share)) return null;
  if (share > limits.upper998) return 'above-99.8';
  if (share > limits.upper95) return 'above-95';
  if (share < limits.lower998) return 'below-99.8';
  if (share < limits.lower95) return 'below-95';
  return 'within';
}
