/**
 * Councils side by side, and each group split by how far it was moved: the figures that a
 * `--by source` breakdown (the funnel plot) and every row (the gap bands) add to the statistics.
 */
import type { RecordTable } from '../ingest/records.js';
import type { Gaps } from './gaps.js';
import {
  funnelLimits,
  funnelPosition,
  type FunnelLimits,
  type FunnelPosition,
} from './stats/funnel.js';
import { DEFAULT_GAP_EDGES, gapBands, type GapBand } from './stats/gapBands.js';

/** A council's place on the funnel plot of the share moved down. */
export type Funnel = FunnelLimits & { position: FunnelPosition };

/** The bands of a run: their edges and, in order, what each holds (no counts). */
export interface GapBandLayout {
  /** Edges in % gap, increasing, 0 among them. */
  edges: number[];
  bands: Omit<GapBand, 'count'>[];
}

/**
 * The bands' layout for these edges; null for no bands at all (a run whose output shows none, as
 * `trend`'s: then its rows have no band counts and the published figures no band cells).
 *
 * @example
 * bandLayout([-10, 0, 10]).bands.map((band) => band.label)
 * // ['cut by more than 10%', 'cut by up to 10%', 'unchanged', 'raised by up to 10%', 'raised by more than 10%']
 * bandLayout(null) // { edges: [], bands: [] }
 */
export function bandLayout(edges: readonly number[] | null = DEFAULT_GAP_EDGES): GapBandLayout {
  if (edges === null) return { edges: [], bands: [] };
  const layout = gapBands([], [], { edges });
  return { edges: layout.edges, bands: layout.bands.map(({ count: _count, ...band }) => band) };
}

/**
 * Each band's count of the records at `rows`, in the layout's order. With the records' directions,
 * the cut bands add up to the count moved down, and all bands with the zero-indicative count to n.
 * No edges (the layout of no bands, `bandLayout(null)`): no counts.
 *
 * @example
 * bandCounts(Uint32Array.of(0, 1, 2), gaps, table, [-10, 0, 10]) // [1, 0, 1, 1, 0]
 */
export function bandCounts(
  rows: Uint32Array,
  gaps: Gaps,
  table: RecordTable,
  edges: readonly number[] = DEFAULT_GAP_EDGES,
): number[] {
  if (edges.length === 0) return [];
  return gapBands(gaps.gap, table.indicative, { edges, direction: gaps.direction, rows }).bands.map(
    (band) => band.count,
  );
}

/**
 * A council's funnel: limits around the pooled share moved down (`target`, over all councils) at
 * its n, and where its own share falls. Null where there is no share to place.
 *
 * @example
 * councilFunnel(0.3, 100, 0.45) // { target: 0.3, lower95: 0.2101…, …, position: 'above-99.8' }
 */
export function councilFunnel(
  target: number | null,
  n: number | null,
  share: number | null,
): Funnel | null {
  if (target === null || n === null) return null;
  const limits = funnelLimits(target, n);
  const position = funnelPosition(share, limits);
  return limits === null || position === null ? null : { ...limits, position };
}
